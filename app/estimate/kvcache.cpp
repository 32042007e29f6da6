// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The KV cache line: per layer (d_k + d_v) × KV heads × tokens × batch × bytes of the KV dtype, by runtime layout.
#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/registry/registryentry.h"

#include <cmath>

namespace memspec {

LineResult kvCacheLine(const EstimateContext &ctx)
{
    LineResult r;
    EstimateLine &l = r.line;
    l.id = QStringLiteral("kv_cache");
    if (!ctx.isDecoder()) {
        l.derivation = QStringLiteral("0: a %1 model keeps no KV cache (one forward pass per input)").arg(ctx.entry.kind);
        return r;
    }
    const ModelShape &s = ctx.shape;
    if (s.numLayers == 0 || s.numKvHeads == 0 || s.headDim == 0) {
        l.derivation = QStringLiteral("not computed: the config lacks layers / KV heads / head_dim");
        r.notes << QStringLiteral("KV cache unknown: no layer count, KV heads or head size in the facts of %1").arg(ctx.entry.key);
        return r;
    }
    const double bpe = bytesPerElement(ctx.p.kvType);
    QString why;
    const qint64 tokens = ctx.profile.kvTokens(ctx.entry, s, *ctx.p.context, &why);
    const qint64 batch = *ctx.p.batch;
    const QString kv = QStringLiteral("%1 (%2 B/element)").arg(ctx.p.kvType).arg(bpe);
    switch (ctx.profile.kvLayout(s)) {
    case RuntimeProfile::KvLayout::MlaLatent: {
        // llama.cpp (since PR #19067): one latent of kv_lora_rank + rope dims per token per layer, no separate V.
        const qint64 per = s.kvLoraRank + s.qkRopeHeadDim;
        l.bytes = clampBytes((double(s.numLayers) * double(per) * double(tokens) * double(batch) * bpe));
        l.derivation = QStringLiteral("MLA latent: %1 layers × (%2 kv_lora_rank + %3 rope dims) × %4 tokens × %5 batch × %6 = %7")
                           .arg(s.numLayers).arg(s.kvLoraRank).arg(s.qkRopeHeadDim).arg(groupDigits(tokens)).arg(batch).arg(kv, formatMib(l.bytes));
        l.sources << s.source("numLayers") << s.source("kvLoraRank") << s.source("qkRopeHeadDim");
        r.notes << QStringLiteral("llama.cpp MLA cache: the compressed latent only (V-less since llama.cpp PR #19067; older builds also stored a 512-wide V)");
        break;
    }
    case RuntimeProfile::KvLayout::MlaDecompressed: {
        const qint64 dk = s.qkNopeHeadDim + s.qkRopeHeadDim;
        const qint64 dv = s.vHeadDim > 0 ? s.vHeadDim : s.qkNopeHeadDim;
        l.bytes = clampBytes((double(s.numLayers) * double(s.numHeads) * double(dk + dv) * double(tokens) * double(batch) * bpe));
        l.derivation = QStringLiteral("per-head K and V (MLA not compressed by this runtime): %1 layers × %2 heads × (%3 + %4) (d_k = qk_nope + qk_rope, d_v) × %5 tokens × %6 batch × %7 = %8")
                           .arg(s.numLayers).arg(s.numHeads).arg(dk).arg(dv).arg(groupDigits(tokens)).arg(batch).arg(kv, formatMib(l.bytes));
        l.sources << s.source("numLayers") << s.source("numHeads") << s.source("qkNopeHeadDim") << s.source("qkRopeHeadDim") << s.source("vHeadDim");
        r.notes << QStringLiteral("assumed: %1 keeps decompressed per-head K and V for this MLA model (the latent cache would be %2× smaller)")
                       .arg(ctx.profile.name())
                       .arg(double(s.numHeads * (dk + dv)) / double(qMax<qint64>(1, s.kvLoraRank + s.qkRopeHeadDim)), 0, 'f', 1);
        break;
    }
    case RuntimeProfile::KvLayout::PerHead: {
        const qint64 dk = s.headDim;
        const qint64 dv = s.vHeadDim > 0 ? s.vHeadDim : s.headDim;
        qint64 swTokens = tokens;
        if (s.slidingWindow > 0 && s.slidingWindow < tokens) {
            swTokens = s.slidingWindow;
            r.notes << QStringLiteral("sliding window %1: every layer's cache capped at the window").arg(groupDigits(s.slidingWindow));
        }
        // (llama.cpp refuses a quantized V cache without flash attention: the estimator turns flash attention on)
        l.bytes = clampBytes((double(s.numLayers) * double(s.numKvHeads) * double(dk + dv) * double(swTokens) * double(batch) * bpe));
        l.derivation = QStringLiteral("%1 layers × %2 KV heads × (%3 + %4) dims (K,V) × %5 tokens × %6 batch × %7 = %8")
                           .arg(s.numLayers).arg(s.numKvHeads).arg(dk).arg(dv).arg(groupDigits(swTokens)).arg(batch).arg(kv, formatMib(l.bytes));
        l.sources << s.source("numLayers") << s.source("numKvHeads") << s.source("headDim");
        if (swTokens != tokens) {
            l.sources << s.source("slidingWindow");
        }
        break;
    }
    }
    l.derivation += QStringLiteral("; %1").arg(why);
    l.sources << QStringLiteral("context: parameter %1 (registry default %2); KV dtype: parameter %3")
                     .arg(*ctx.p.context).arg(ctx.entry.servingInt("context")).arg(ctx.p.kvType);
    l.sources.removeAll(QString());
    return r;
}

} // namespace memspec
