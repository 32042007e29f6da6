// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace memspec {

// The serving parameters a reviewer can change. An unset value means "the registry's / profile's default";
// Estimator::resolve fills every field so an Estimate always records what it assumed.
struct EstimateParams
{
    QString runtime;               // "candle" | "llama.cpp" | "diffusers"
    QString device;                // "cuda" | "cpu"
    std::optional<qint64> context; // tokens
    std::optional<qint64> batch;   // parallel sequences / images
    std::optional<qint64> ubatch;  // tokens per forward pass (llama.cpp n_ubatch; candle: the whole prompt)
    QString kvType;                // f32 | f16 | bf16 | q8_0 | q4_0
    QString computeDtype;          // overrides the loaded dtype of float weights
    std::optional<bool> flashAttention;
    std::optional<qint64> width; // diffusion resolution
    std::optional<qint64> height;
    std::optional<double> marginPct; // 10..20
    QString residency;               // diffusion: "resident" | "phased"
    QString offload;                 // diffusers: "none" | "model" | "sequential"
    std::optional<bool> dropT5;      // diffusion: run without the T5 text encoder (SD3 supports it; FLUX does not)

    QJsonObject toJson() const;
    static Result<EstimateParams> fromJson(const QJsonObject &o);
    bool operator==(const EstimateParams &o) const { return toJson() == o.toJson(); }
};

} // namespace memspec
