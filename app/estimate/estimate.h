// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimateparams.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace memspec {

// One line of the breakdown: bytes, the formula with the numbers plugged in, and where each number came from.
struct EstimateLine
{
    QString id; // weights | kv_cache | activations | runtime_overhead | margin
    qint64 bytes = 0;
    QString derivation;
    QStringList sources;
};

// A finished per-worker estimate. Immutable value shared by the CLI, the studio and the exporters.
struct Estimate
{
    QString model; // registry key
    QString estimatorVersion;
    EstimateParams parameters; // fully resolved: every field set
    QList<EstimateLine> lines; // always the five ids, in order
    qint64 totalBytes = 0;
    qint64 estMib = 0;           // total in MiB rounded up to a multiple of 100
    QStringList notes;           // assumptions and what the estimate leaves out
    QString basis;               // "exact tensor headers" | "file sizes" | "parameter counts" | mixed
    qint64 ruleOfThumbBytes = 0; // the seed's rule of thumb, shown as a cross-check only
    QString ruleOfThumb;

    const EstimateLine *line(const QString &id) const;
    QJsonObject toJson() const; // the shape of DESIGN §6 (`estimate --json`)
};

inline const QStringList &lineIds()
{
    static const QStringList ids{QStringLiteral("weights"), QStringLiteral("kv_cache"), QStringLiteral("activations"),
                                 QStringLiteral("runtime_overhead"), QStringLiteral("margin")};
    return ids;
}

} // namespace memspec

Q_DECLARE_METATYPE(memspec::Estimate)
