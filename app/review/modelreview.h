// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"
#include "app/registry/registryentry.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace memspec {

enum class ReviewStatus { Estimated, Overridden, Approved, Stale };
QString reviewStatusId(ReviewStatus s); // "estimated" | "overridden" | "approved" | "stale"

// A reviewer's replacement for the computed value, with the reason (required).
struct Override
{
    qint64 mib = 0;
    QString reason;
    QString who;
    QDateTime when;
};

// A sign-off: who approved which value, and a fingerprint of every input it depended on.
struct SignOff
{
    QString reviewer;
    QDateTime when;
    qint64 approvedMib = 0;
    QString fingerprint; // hash of `inputs`
    QJsonObject inputs;  // repo commit, weight files and sizes, estimator version, runtime, parameters, value
};

// Everything the studio, the CLI and the exporters need to know about one model: the registry entry, the
// current estimate (with the project's parameters), and the review record. Immutable value.
struct ModelReview
{
    RegistryEntry entry;
    Estimate estimate;
    std::optional<Override> override;
    std::optional<SignOff> signOff;
    ReviewStatus status = ReviewStatus::Estimated;
    QStringList statusReasons; // "file X changed size", "context changed 8192 → 32768", ...

    // The value that goes into docs and code: the override when there is one, else the estimate.
    qint64 effectiveMib() const { return override ? override->mib : estimate.estMib; }
    bool approved() const { return status == ReviewStatus::Approved; }
};

} // namespace memspec
