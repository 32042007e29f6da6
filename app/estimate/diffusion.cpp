// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Diffusion pipelines: components by phase (text encode → denoise → VAE decode), resident together or phased.
#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/registry/registryentry.h"

#include <cmath>

namespace memspec {

namespace {

struct Phase
{
    QString name;
    qint64 weights = 0;
    QStringList members;
    Activation act;
};

Activation denoiseActivation(const EstimateContext &ctx, const ModelShape &s, double b, bool sd3)
{
    Activation a;
    const qint64 W = *ctx.p.width;
    const qint64 H = *ctx.p.height;
    const qint64 batch = *ctx.p.batch;
    if (s.hiddenSize <= 0) {
        a.derivation = QStringLiteral("denoiser: unknown (no transformer config)");
        return a;
    }
    // FLUX packs 2×2 latent patches (W/8/2); SD3 patchifies with patch_size 2: both give (W/16)·(H/16) image tokens.
    const qint64 patch = sd3 ? qMax<qint64>(1, s.patchSize) : 2;
    const qint64 img = (W / 8 / patch) * (H / 8 / patch);
    const qint64 text = sd3 ? ctx.entry.servingInt("clip_tokens", 77) + ctx.entry.servingInt("t5_tokens", 77) : ctx.entry.servingInt("t5_tokens", 256);
    const qint64 N = img + text;
    const bool flash = *ctx.p.flashAttention;
    // 44 tensor-equivalents of N × hidden per block: bf16 temporaries, F32 RoPE on Q/K and the pipeline's latents and
    // embeddings; calibrated on measured/public.json flux-02 (diffusers FLUX.1-dev peak under model offload)
    const double dense = double(batch) * double(N) * double(s.hiddenSize) * b * 44;
    const double scores = flash ? 0.0 : double(batch) * double(s.numHeads) * double(N) * double(N) * b * 2;
    a.bytes = clampBytes((dense + scores));
    a.derivation = QStringLiteral("denoiser at %1×%2: %3 tokens (%4 image = (%1/%5)·(%2/%5) + %6 text) × %7 hidden × %8 B × 44 (block temporaries incl. F32 RoPE and 4× MLP; calibrated on flux-02)%9 = %10")
                       .arg(W).arg(H).arg(groupDigits(N)).arg(groupDigits(img)).arg(8 * patch).arg(text).arg(s.hiddenSize).arg(b)
                       .arg(flash ? QStringLiteral(" (flash attention: no score matrix)")
                                  : QStringLiteral(" + scores %1 heads × (%2)² × %3 B × 2 = %4").arg(s.numHeads).arg(groupDigits(N)).arg(b).arg(formatMib(qint64(scores))))
                       .arg(formatMib(a.bytes));
    return a;
}

Activation vaeActivation(const EstimateContext &ctx, const ModelShape &s, double b)
{
    Activation a;
    const qint64 W = *ctx.p.width;
    const qint64 H = *ctx.p.height;
    const qint64 batch = *ctx.p.batch;
    const qint64 c1 = s.blockOutChannels.size() > 1 ? s.blockOutChannels.at(1) : 256;
    const bool diffusers = ctx.profile.kind() == RuntimeProfile::Kind::Diffusers;
    // full-resolution decoder stage: upsample in/out, conv in/out, GroupNorm and SiLU temporaries (6 tensors of
    // W·H·c1); diffusers upcasts the bf16 upsample to F32 (+4 tensor-equivalents)
    const int live = diffusers ? 10 : 6;
    const double conv = double(batch) * double(W) * double(H) * double(c1) * b * live;
    const qint64 lat = (W / 8) * (H / 8);
    const double attn = (*ctx.p.flashAttention || diffusers) ? 0.0 : double(batch) * double(lat) * double(lat) * b * 2;
    a.bytes = clampBytes((conv + attn));
    a.derivation = QStringLiteral("VAE decode at %1×%2: %3 × %1 × %2 × %4 channels × %5 B × %6 live tensors%7 = %8")
                       .arg(W).arg(H).arg(batch).arg(c1).arg(b).arg(live)
                       .arg(attn > 0 ? QStringLiteral(" + mid-block attention (%1 latent pixels)² × %2 B × 2 = %3").arg(groupDigits(lat)).arg(b).arg(formatMib(qint64(attn)))
                                     : QString())
                       .arg(formatMib(a.bytes));
    return a;
}

} // namespace

ModelShape EstimateContext::componentShape(const WeightComponent &c) const
{
    const QJsonObject cfg = facts ? facts->components.value(QStringLiteral("config:") + c.id).toObject() : QJsonObject{};
    return ModelShape::fromConfig(cfg, QStringLiteral("%1 config (snapshot config:%2)").arg(c.repo, c.id));
}

LineResult diffusionWeightsLine(const EstimateContext &ctx, LineResult *actOut)
{
    LineResult w;
    w.line.id = QStringLiteral("weights");
    LineResult &act = *actOut;
    act.line.id = QStringLiteral("activations");
    const bool candle = ctx.profile.kind() == RuntimeProfile::Kind::Candle;
    QList<Phase> phases;
    QStringList bases;
    QStringList parts;
    bool hasSd3 = false;
    for (const WeightComponent &c : ctx.entry.components) {
        hasSd3 = hasSd3 || c.role == QLatin1String("sd3_mmdit");
    }
    for (const WeightComponent &c : ctx.entry.components) {
        if (c.role == QLatin1String("t5_encoder") && ctx.p.dropT5.value_or(false)) {
            if (hasSd3) {
                parts << QStringLiteral("%1: dropped (the pipeline runs without T5; its prompt embeddings are zeros)").arg(c.id);
                continue;
            }
            w.notes << QStringLiteral("drop_t5 ignored: this pipeline needs T5 for its text conditioning");
        }
        const ComponentWeights cw = componentWeights(ctx, c);
        w.notes << cw.notes;
        w.line.sources << cw.sources;
        if (!bases.contains(cw.basis)) {
            bases << (cw.known ? cw.basis : QStringLiteral("unknown"));
        }
        parts << QStringLiteral("%1 [%2]: %3 = %4").arg(c.id, c.phase, cw.derivation, formatBytes(cw.bytes));
        const ModelShape s = ctx.componentShape(c);
        w.notes << s.warnings;
        const double b = bytesPerElement(ctx.profile.loadedDtype(c, ctx.p));
        Activation a;
        const bool flash = *ctx.p.flashAttention && !(candle && c.role != QLatin1String("sd3_mmdit"));
        if (c.role == QLatin1String("flux_transformer") || c.role == QLatin1String("sd3_mmdit")) {
            a = denoiseActivation(ctx, s, b, c.role == QLatin1String("sd3_mmdit"));
        } else if (c.role == QLatin1String("vae")) {
            a = vaeActivation(ctx, s, b);
        } else {
            const qint64 tokens = c.role == QLatin1String("t5_encoder") ? ctx.entry.servingInt("t5_tokens", 256) : ctx.entry.servingInt("clip_tokens", 77);
            a = encoderActivation(s, tokens, *ctx.p.batch, b, flash && !candle, c.id);
        }
        // model offload moves one component at a time; otherwise components of one phase are resident together
        const QString phaseName = ctx.p.offload == QLatin1String("none") ? c.phase : c.id;
        auto it = std::find_if(phases.begin(), phases.end(), [&](const Phase &p) { return p.name == phaseName; });
        if (it == phases.end()) {
            phases << Phase{phaseName, 0, {}, {}};
            it = phases.end() - 1;
        }
        it->weights += cw.bytes;
        it->members << c.id;
        if (a.bytes >= it->act.bytes) {
            it->act = a;
        }
    }
    qint64 total = 0;
    for (const Phase &p : phases) {
        total += p.weights;
    }
    const bool phased = ctx.p.residency == QLatin1String("phased") || ctx.p.offload != QLatin1String("none");
    // what is carried between phases: text embeddings and latents (small)
    const qint64 carried = qint64(*ctx.p.batch) * (ctx.entry.servingInt("t5_tokens", 256) * 4096 * 2 + (*ctx.p.width / 8) * (*ctx.p.height / 8) * 16 * 4);
    int peak = 0;
    qint64 peakNeed = -1;
    QStringList phaseText;
    for (int i = 0; i < phases.size(); ++i) {
        const Phase &p = phases.at(i);
        const qint64 need = (phased ? p.weights + carried : total) + p.act.bytes;
        phaseText << QStringLiteral("%1 (%2): weights %3, activations %4").arg(p.name, p.members.join(QLatin1Char('+')), formatMib(p.weights), formatMib(p.act.bytes));
        if (need > peakNeed) {
            peakNeed = need;
            peak = i;
        }
    }
    if (phases.isEmpty()) {
        w.line.derivation = QStringLiteral("no components");
        return w;
    }
    const Phase &pk = phases.at(peak);
    if (phased) {
        w.line.bytes = pk.weights + carried;
        w.line.derivation = QStringLiteral("%1 → %2: largest phase \"%3\" = %4 + carried between phases (text embeddings %5 tokens × 4096 × 2 B + latents) %6 = %7")
                                .arg(parts.join(QStringLiteral("; ")), ctx.p.offload == QLatin1String("model") ? QStringLiteral("model offload: one component on the device at a time")
                                                                                                              : QStringLiteral("phased (weights loaded per phase, dropped after)"),
                                     pk.name, formatMib(pk.weights))
                                .arg(ctx.entry.servingInt("t5_tokens", 256)).arg(formatMib(carried), formatMib(w.line.bytes));
    } else {
        w.line.bytes = total;
        w.line.derivation = QStringLiteral("%1 → resident together: sum = %2").arg(parts.join(QStringLiteral(" + ")), formatMib(total));
    }
    if (ctx.p.offload == QLatin1String("sequential")) {
        w.notes << QStringLiteral("sequential offload streams submodules; the weights line is the largest component (an upper bound)");
    }
    w.notes << QStringLiteral("diffusion residency assumed \"%1\"%2 (switch with the residency parameter)")
                   .arg(ctx.p.residency, candle ? QStringLiteral(" per reference/target-codebase.md") : QString());
    w.basis = bases.size() == 1 ? bases.first() : QStringLiteral("mixed: ") + bases.join(QStringLiteral(", "));
    w.line.sources.prepend(QStringLiteral("basis: %1").arg(w.basis));
    act.line.bytes = pk.act.bytes;
    act.line.derivation = QStringLiteral("peak phase \"%1\": %2 [phases: %3]").arg(pk.name, pk.act.derivation, phaseText.join(QStringLiteral("; ")));
    act.line.sources << QStringLiteral("resolution %1×%2, batch %3, flash attention %4").arg(*ctx.p.width).arg(*ctx.p.height).arg(*ctx.p.batch)
                            .arg(*ctx.p.flashAttention ? QStringLiteral("on") : QStringLiteral("off"))
                     << QStringLiteral("component configs: snapshot config:<component>");
    return w;
}

} // namespace memspec
