// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The activations line: scratch of one forward pass at its peak (one layer at a time; layers reuse memory).
#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/registry/registryentry.h"

#include <cmath>

namespace memspec {

namespace {
QString n(qint64 v)
{
    return groupDigits(v);
}
} // namespace

Activation encoderActivation(const ModelShape &s, qint64 T, qint64 batch, double b, bool flash, const QString &label)
{
    Activation a;
    if (s.hiddenSize <= 0 || s.numHeads <= 0) {
        a.derivation = QStringLiteral("%1: unknown (no hidden size / heads in the config)").arg(label);
        return a;
    }
    const qint64 H = s.numHeads;
    const qint64 kvh = s.numKvHeads > 0 ? s.numKvHeads : H;
    const qint64 hd = s.headDim > 0 ? s.headDim : s.hiddenSize / H;
    const qint64 ffn = s.intermediateSize > 0 ? s.intermediateSize : 4 * s.hiddenSize;
    const double scores = flash ? 0.0 : double(batch) * double(H) * double(T) * double(T) * b * 2;
    const double qkv = double(batch) * double(T) * double(H + 2 * kvh + (kvh < H ? 2 * H : 0)) * double(hd) * b;
    const double hidden = double(batch) * double(T) * double(s.hiddenSize) * b * 4;
    const double mlp = double(batch) * double(T) * double(ffn) * b * 3;
    a.bytes = clampBytes((hidden + std::max(qkv + scores, mlp)));
    a.derivation = QStringLiteral("%1: %2 × %3 tokens × %4 hidden × %5 B × 4 (residual, norm, attention out, sum) + max(Q,K,V%6 %7 × %8 heads × %9 dims × %5 B%10, MLP %3 × %11 × %5 B × 3) = %12")
                       .arg(label).arg(batch).arg(n(T)).arg(n(s.hiddenSize)).arg(b)
                       .arg(kvh < H ? QStringLiteral(" + GQA repeat") : QString()).arg(n(T)).arg(H + 2 * kvh + (kvh < H ? 2 * H : 0)).arg(hd)
                       .arg(flash ? QStringLiteral(" (flash attention: no score matrix)")
                                  : QStringLiteral(" + scores %1 heads × (%2)² × %3 B × 2 (scores, softmax) = %4").arg(H).arg(n(T)).arg(b).arg(formatMib(qint64(scores))))
                       .arg(n(ffn)).arg(formatMib(a.bytes));
    return a;
}

Activation decoderActivation(const EstimateContext &ctx, const ModelShape &s, qint64 T, qint64 kv)
{
    if (ctx.profile.kind() == RuntimeProfile::Kind::LlamaCpp) {
        return llamaCppComputeBuffer(ctx, s, T, kv);   // llamacpp.cpp
    }
    Activation a;
    const bool flash = *ctx.p.flashAttention;
    const qint64 batch = *ctx.p.batch;
    const qint64 H = s.numHeads;
    const qint64 hd = s.isMla() ? s.qkNopeHeadDim + s.qkRopeHeadDim : s.headDim;
    const qint64 ffnEff = s.isMoe() ? qMax(s.numExpertsPerToken * s.moeIntermediateSize, s.firstDenseLayers > 0 ? s.intermediateSize : 0)
                                    : s.intermediateSize;
    const double b = bytesPerElement(ctx.profile.activationDtype(ctx.entry, ctx.p));
    const double scores = flash ? 0.0 : double(batch) * double(H) * double(T) * double(kv) * b * 2;
    const qint64 kvh = s.isMla() ? H : s.numKvHeads;
    const double qkv = double(batch) * double(T) * double(H + 2 * kvh + (kvh < H ? 2 * H : 0)) * double(hd) * b;
    const double hidden = double(batch) * double(T) * double(s.hiddenSize) * b * 4;
    const double mlp = double(batch) * double(T) * double(ffnEff) * b * 3;
    // candle computes logits for the last position only; transformers for every position, upcast to F32
    const qint64 logitRows = ctx.profile.kind() == RuntimeProfile::Kind::Candle ? 1 : T;
    const double logits = double(batch) * double(logitRows) * double(s.vocabSize) * 4;
    // candle builds a u8 causal mask of prompt × cached tokens for every multi-token forward
    const double mask = ctx.profile.kind() == RuntimeProfile::Kind::Candle && T > 1 ? double(T) * double(kv) : 0.0;
    a.bytes = clampBytes((hidden + std::max(qkv + scores, mlp) + logits + mask));
    a.derivation = QStringLiteral("prefill of %1 tokens in one pass: %2 × %1 × %3 hidden × %4 B × 4 + max(Q,K,V %1 × %5 heads × %6 dims × %4 B%7, MLP %1 × %8 × %4 B × 3) + logits %9 × %10 vocab × 4 B%12 = %11")
                       .arg(n(T)).arg(batch).arg(n(s.hiddenSize)).arg(b).arg(H + 2 * kvh + (kvh < H ? 2 * H : 0)).arg(hd)
                       .arg(flash ? QStringLiteral(" (flash attention: no score matrix)")
                                  : QStringLiteral(" + scores %1 heads × %2 × %3 × %4 B × 2 = %5").arg(H).arg(n(T)).arg(n(kv)).arg(b).arg(formatMib(qint64(scores))))
                       .arg(n(ffnEff)).arg(logitRows).arg(n(s.vocabSize)).arg(formatMib(a.bytes))
                       .arg(mask > 0 ? QStringLiteral(" + causal mask %1 × %2 × 1 B (u8)").arg(n(T)).arg(n(kv)) : QString());
    return a;
}

LineResult activationsLine(const EstimateContext &ctx)
{
    LineResult r;
    r.line.id = QStringLiteral("activations");
    const qint64 batch = *ctx.p.batch;
    const bool flash = *ctx.p.flashAttention;
    const double b = bytesPerElement(ctx.profile.activationDtype(ctx.entry, ctx.p));
    const ModelShape &s = ctx.shape;
    r.line.sources << QStringLiteral("formula: reference/estimator-anchors.md (gguf-parser-go graph model; mistral.rs attention-score term)")
                   << s.source("hiddenSize") << s.source("numHeads") << s.source("intermediateSize");
    const QString kind = ctx.entry.kind;
    if (kind == QLatin1String("encoder")) {
        const qint64 T = *ctx.p.ubatch;
        Activation a = encoderActivation(s, T, batch, b, flash, QStringLiteral("encoder"));
        r.line.bytes = a.bytes;
        r.line.derivation = a.derivation;
        if (s.latentAttentionLatents > 0) {
            const qint64 heads = qMax<qint64>(1, s.latentAttentionHeads);
            const qint64 lat = clampBytes((double(batch) * double(heads) * double(T) * double(s.latentAttentionLatents) * b * 2));
            r.line.bytes += lat;
            r.line.derivation += QStringLiteral(" + latent attention %1 heads × %2 tokens × %3 latents × %4 B × 2 = %5")
                                     .arg(heads).arg(n(T)).arg(s.latentAttentionLatents).arg(b).arg(formatMib(lat));
            r.line.sources << s.source("latentAttentionLatents");
        }
        if (!flash && T >= 8192) {
            r.notes << QStringLiteral("attention scores grow with the square of the input length: at %1 tokens they dominate; "
                                      "a shorter truncation or flash attention removes most of the activations line").arg(n(T));
        }
    } else if (kind == QLatin1String("clip")) {
        const ModelShape text = s;
        const Activation t = encoderActivation(text, *ctx.p.context, batch, b, flash, QStringLiteral("text tower"));
        const qint64 imgTokens = ctx.vision.imageTokens(true);
        const Activation v = encoderActivation(ctx.vision, imgTokens, batch, b, flash,
                                               QStringLiteral("vision tower (%1 image tokens = (%2/%3)² + 1)").arg(imgTokens).arg(ctx.vision.imageSize).arg(ctx.vision.patchSize));
        r.line.bytes = qMax(t.bytes, v.bytes);
        r.line.derivation = QStringLiteral("max(%1; %2) = %3").arg(t.derivation, v.derivation, formatMib(r.line.bytes));
        r.line.sources << ctx.vision.source("imageSize") << ctx.vision.source("patchSize");
    } else if (kind == QLatin1String("decoder") || kind == QLatin1String("vlm")) {
        QString why;
        const qint64 kvTokens = qMin(*ctx.p.ubatch, ctx.profile.kvTokens(ctx.entry, s, *ctx.p.context, &why));
        // llama.cpp clamps n_batch (and so n_ubatch) to the requested n_ctx
        const qint64 T = ctx.profile.kind() == RuntimeProfile::Kind::LlamaCpp ? qMin(*ctx.p.ubatch, *ctx.p.context) : kvTokens;
        const qint64 kvLen = ctx.profile.kind() == RuntimeProfile::Kind::LlamaCpp ? ctx.profile.kvTokens(ctx.entry, s, *ctx.p.context, &why) : kvTokens;
        const Activation d = decoderActivation(ctx, s, T, kvLen);
        r.line.bytes = d.bytes;
        r.line.derivation = d.derivation;
        if (kind == QLatin1String("vlm") && ctx.vision.hiddenSize > 0) {
            const qint64 img = ctx.vision.imageTokens(true);
            const Activation v = encoderActivation(ctx.vision, img, batch, b, flash,
                                                   QStringLiteral("vision tower (%1 tokens = (%2/%3)² + 1)").arg(img).arg(ctx.vision.imageSize).arg(ctx.vision.patchSize));
            const qint64 proj = clampBytes((double(batch) * double(img - 1) * double(s.hiddenSize) * b * 2));
            r.line.bytes = qMax(d.bytes, v.bytes + proj);
            r.line.derivation = QStringLiteral("max(language model %1; %2 + projector %3 image tokens × %4 × %5 B × 2 = %6) = %7")
                                    .arg(d.derivation, v.derivation).arg(img - 1).arg(n(s.hiddenSize)).arg(b).arg(formatMib(proj))
                                    .arg(formatMib(r.line.bytes));
            r.notes << QStringLiteral("LLaVA: the %1 image tokens are part of the %2-token context").arg(img - 1).arg(n(*ctx.p.context));
            r.line.sources << ctx.vision.source("imageSize") << ctx.vision.source("patchSize");
        }
        if (ctx.profile.kind() == RuntimeProfile::Kind::Candle && ctx.isGguf() && s.architecture == QLatin1String("phi3")) {
            r.notes << QStringLiteral("candle's quantized Phi-3 keeps every causal mask it builds in a map keyed by prompt length "
                                      "(u8, prompt × cached tokens): masks of different prompt lengths accumulate across requests");
        }
        if (!*ctx.p.flashAttention && ctx.profile.kind() == RuntimeProfile::Kind::Candle && T > 4096) {
            r.notes << QStringLiteral("candle runs the whole prompt in one forward pass without flash attention: a %1-token prompt needs the "
                                      "score matrix above; a smaller prefill chunk (admitting shorter prompts) lowers it").arg(n(T));
        }
    } else {
        r.line.derivation = QStringLiteral("not modelled for kind \"%1\"").arg(kind);
    }
    r.line.sources.removeAll(QString());
    r.line.sources << QStringLiteral("parameters: prefill chunk %1 tokens, batch %2, flash attention %3, activation dtype %4")
                          .arg(*ctx.p.ubatch).arg(batch).arg(flash ? QStringLiteral("on") : QStringLiteral("off"))
                          .arg(ctx.profile.activationDtype(ctx.entry, ctx.p));
    return r;
}

} // namespace memspec
