// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace memspec::serving {

// The serving parameters' vocabulary and limits, defined once: Estimator::validate, the settings and the studio's
// choices read them (DESIGN §4).
struct Range
{
    qint64 min;
    qint64 max;
    bool contains(qint64 v) const { return v >= min && v <= max; }
};

inline constexpr Range kContext{1, qint64(1) << 24};   // tokens
inline constexpr Range kBatch{1, 4096};                // parallel sequences / images
inline constexpr Range kUbatch{1, qint64(1) << 24};    // tokens per forward pass
inline constexpr Range kMarginPct{10, 20};             // the policy's safety margin, percent

const QStringList &runtimes();        // candle, llama.cpp, diffusers (the first is the target service's)
const QStringList &devices();         // cuda, cpu
const QStringList &kvTypes();         // f32, f16, bf16, q8_0, q4_0
const QStringList &computeDtypes();   // f32, f16, bf16
const QStringList &residencies();     // resident, phased
const QStringList &offloads();        // none, model, sequential

// "candle, llama.cpp or diffusers": the words of a list as a message names them.
QString alternatives(const QStringList &words);

} // namespace memspec::serving
