// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace memspec {

struct RegistryEntry;

// The serving envelope of a model: the prompt limit a per-worker figure holds for, and the other settings that
// shape the prompt's memory (DESIGN §3a). The service reads its prompt limit from the static's `max_input_tokens`
// (truncation for embedders, context for text-to-text) and candle runs a whole prompt in one pass, so the figure
// and the limit are one contract.
struct Envelope
{
    qint64 promptLimit = 0;  // admitted prompt tokens (the estimate's resolved context)
    qint64 prefillChunk = 0; // tokens per forward pass (candle: the whole prompt)
    bool flashAttention = false;
    QString kvType;
    // True for models whose prompt limit is a serving choice (encoders, decoders, vision-language models). CLIP and
    // diffusion pipelines read a fixed token count set by the model (77 CLIP tokens, 256 T5 tokens): no curve, no fit.
    bool adjustable = false;

    static Envelope of(const RegistryEntry &entry, const Estimate &estimate);
    static bool adjustableFor(const RegistryEntry &entry);

    // "32,768 tokens" or "77 tokens (fixed by the model)"
    QString promptLimitText() const;
    // "prompt limit 32,768 tokens, prefill chunk 32,768, flash attention off, KV f32"
    QString describe() const;
    QJsonObject toJson() const; // {"prompt_limit", "prefill_chunk", "flash_attention", "kv_type", "adjustable"}
};

// Memory over the prompt limit: one estimate per point.
struct EnvelopePoint
{
    qint64 tokens = 0;
    Estimate estimate;
};

class EnvelopeCurve final
{
public:
    // The prompt limits a curve is drawn at: 512, 1024, 2048, … doubling below `maxTokens`, then `maxTokens`
    // itself (only `maxTokens` when it is 512 or less).
    static QList<qint64> points(qint64 maxTokens);
    // The estimate at each point; `estimateAt` gives the model's estimate with the prompt limit set to `tokens`.
    static QList<EnvelopePoint> compute(qint64 maxTokens, const std::function<Estimate(qint64 tokens)> &estimateAt);
    // The first point whose figure is below the one before it (-1 when the curve never falls).
    static int firstDecrease(const QList<EnvelopePoint> &curve);
};

} // namespace memspec
