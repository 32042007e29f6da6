// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "estimator.h"

#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/estimate/servingwords.h"
#include "app/facts/factsnotes.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/registry/registryentry.h"

#include <cmath>

namespace memspec {

namespace {

// The language-model shape: GGUF metadata from a refreshed header first (what the runtime reads), then
// config.json, then the snapshot's GGUF metadata.
ModelShape mainShape(const RegistryEntry &entry, const ModelFacts *facts)
{
    if (!facts) {
        ModelShape s;
        s.warnings << QStringLiteral("%1: no facts (refresh to read config.json and headers)").arg(entry.key);
        return s;
    }
    for (const WeightHeaderFact &h : facts->headers) {
        if (h.format == QLatin1String("gguf") && h.metadata.contains(QLatin1String("general.architecture"))) {
            return ModelShape::fromGguf(h.metadata, QStringLiteral("%1 GGUF header").arg(h.path));
        }
    }
    if (!facts->config.isEmpty()) {
        return ModelShape::fromConfig(facts->config, QStringLiteral("%1 config.json").arg(facts->key));
    }
    const QJsonObject md = facts->gguf.value(QLatin1String("gguf_metadata")).toObject();
    if (!md.isEmpty()) {
        return ModelShape::fromGguf(md, QStringLiteral("snapshot GGUF metadata"));
    }
    return ModelShape::fromConfig(QJsonObject{}, entry.key);
}

qint64 bitsOfQuant(const QString &q)
{
    for (int bits = 2; bits <= 8; ++bits) {
        if (q.contains(QStringLiteral("Q%1").arg(bits), Qt::CaseInsensitive)) {
            return bits;
        }
    }
    return 16;
}

void ruleOfThumb(const EstimateContext &ctx, Estimate &e)
{
    qint64 disk = 0;
    for (const WeightComponent &c : ctx.entry.components) {
        for (const QString &path : c.files) {
            const FileFact *f = ctx.facts ? ctx.facts->file(path) : nullptr;
            if (f && f->size) {
                disk += *f->size;
            }
        }
    }
    QString how;
    qint64 params = parameterCount(ctx.shape, &how);
    if (ctx.entry.capability == Capability::TextEmbedding || ctx.entry.capability == Capability::ImageEmbedding) {
        e.ruleOfThumbBytes = qint64(std::ceil(double(disk) * 1.1));
        e.ruleOfThumb = QStringLiteral("disk size %1 B × 1.1 = %2 (seed rule for embeddings)")
                            .arg(groupDigits(disk), formatMib(e.ruleOfThumbBytes));
    } else if (isQuantized(ctx.entry.quantization) && params > 0) {
        const qint64 bits = bitsOfQuant(ctx.entry.quantization);
        e.ruleOfThumbBytes = qint64(std::ceil(double(params) * double(bits) / 8 * 1.15));
        e.ruleOfThumb =
            QStringLiteral("%1 params (from the config) × %2 bits / 8 × 1.15 = %3 (seed rule for quantized models)")
                .arg(groupDigits(params))
                .arg(bits)
                .arg(formatMib(e.ruleOfThumbBytes));
    } else {
        QString from = QStringLiteral("from the config");
        if (params <= 0 || ctx.entry.kind == QLatin1String("diffusion")) {
            // no single config covers a pipeline: parameters from the 16-bit weights line
            params = e.line(QStringLiteral("weights"))->bytes / 2;
            from = QStringLiteral("weights line / 2 B");
        }
        e.ruleOfThumbBytes = qint64(std::ceil(double(params) * 2 * 1.2));
        e.ruleOfThumb = QStringLiteral("%1 params (%2) × 2 B × 1.2 = %3 (seed rule for FP16)")
                            .arg(groupDigits(params), from, formatMib(e.ruleOfThumbBytes));
    }
}

} // namespace

bool EstimateContext::isGguf() const
{
    return !entry.components.isEmpty() && entry.components.first().format == QLatin1String("gguf");
}

bool EstimateContext::isDecoder() const
{
    return entry.kind == QLatin1String("decoder") || entry.kind == QLatin1String("vlm");
}

QString Estimator::version()
{
    return QStringLiteral("1.0");
}

double Estimator::defaultMarginPct(const RegistryEntry &entry)
{
    switch (entry.capability) {
    case Capability::TextEmbedding:
    case Capability::ImageEmbedding:
        return 10;
    case Capability::TextToText:
        return isQuantized(entry.quantization) ? 15 : 20;
    case Capability::Vision:
    case Capability::TextToImage:
        return 20;
    }
    return 20;
}

Result<EstimateParams> Estimator::validate(const EstimateParams &p)
{
    auto fail = [](const QString &m) { return Result<EstimateParams>::failure(m); };
    using namespace serving;
    auto unknown = [](const char *what, const QString &value, const QStringList &words) {
        return QStringLiteral("unknown %1 \"%2\" (expected %3)").arg(QLatin1String(what), value, alternatives(words));
    };
    if (!p.runtime.isEmpty() && !runtimes().contains(p.runtime)) {
        return fail(unknown("runtime", p.runtime, runtimes()));
    }
    if (!p.device.isEmpty() && !devices().contains(p.device)) {
        return fail(unknown("device", p.device, devices()));
    }
    if (!p.kvType.isEmpty() && !kvTypes().contains(p.kvType)) {
        return fail(unknown("KV type", p.kvType, kvTypes()));
    }
    if (!p.computeDtype.isEmpty() && !computeDtypes().contains(p.computeDtype.toLower())) {
        return fail(unknown("compute dtype", p.computeDtype, computeDtypes()));
    }
    if (p.context && !kContext.contains(*p.context)) {
        return fail(QStringLiteral("context %1 is out of range (%2 to %3 tokens)")
                        .arg(*p.context)
                        .arg(kContext.min)
                        .arg(kContext.max));
    }
    if (p.batch && !kBatch.contains(*p.batch)) {
        return fail(
            QStringLiteral("batch %1 is out of range (%2 to %3)").arg(*p.batch).arg(kBatch.min).arg(kBatch.max));
    }
    if (p.ubatch && !kUbatch.contains(*p.ubatch)) {
        return fail(QStringLiteral("prefill chunk %1 is out of range (%2 to %3 tokens)")
                        .arg(*p.ubatch)
                        .arg(kUbatch.min)
                        .arg(kUbatch.max));
    }
    if (p.marginPct && (*p.marginPct < kMarginPct.min || *p.marginPct > kMarginPct.max)) {
        return fail(QStringLiteral("margin %1 % is outside the policy range of %2 to %3 %")
                        .arg(*p.marginPct)
                        .arg(kMarginPct.min)
                        .arg(kMarginPct.max));
    }
    if (!p.residency.isEmpty() && !residencies().contains(p.residency)) {
        return fail(unknown("residency", p.residency, residencies()));
    }
    if (p.runtime == QLatin1String("llama.cpp") && p.flashAttention && !*p.flashAttention &&
        p.kvType.startsWith(QLatin1Char('q'))) {
        // llama_init_from_model: "quantized V cache requires flash_attn"
        return fail(
            QStringLiteral(
                "llama.cpp refuses a %1 KV cache with flash attention off (a quantized V cache needs flash attention): "
                "turn flash attention on or use an f16 KV cache")
                .arg(p.kvType));
    }
    if (!p.offload.isEmpty() && !offloads().contains(p.offload)) {
        return fail(unknown("offload", p.offload, offloads()));
    }
    return p;
}

Result<EstimateParams> Estimator::validateFor(const RegistryEntry &entry, const ModelFacts *facts,
                                              const EstimateParams &p)
{
    auto valid = validate(p);
    if (!valid || !p.context || entry.kind == QLatin1String("diffusion")) {
        return valid; // a diffusion model's context is its text encoder's tokens, limited elsewhere
    }
    const ModelShape s = mainShape(entry, facts);
    if (s.maxPositions > 0 && *p.context > s.maxPositions) {
        return Result<EstimateParams>::failure(
            QStringLiteral("context %1 is above %2's maximum of %3 tokens (%4)")
                .arg(groupDigits(*p.context), entry.key, groupDigits(s.maxPositions), s.source("maxPositions")));
    }
    return valid;
}

EstimateParams Estimator::resolve(const RegistryEntry &entry, const EstimateParams &in)
{
    EstimateParams p = in;
    if (p.runtime.isEmpty()) {
        p.runtime = entry.runtime.isEmpty() ? QStringLiteral("candle") : entry.runtime;
    }
    const RuntimeProfile profile = RuntimeProfile::forName(p.runtime);
    if (p.device.isEmpty()) {
        p.device = QStringLiteral("cuda");
    }
    if (!p.context) {
        p.context = entry.servingInt("context", entry.servingInt("t5_tokens", 512));
    }
    if (!p.batch) {
        p.batch = entry.servingInt("batch", 1);
    }
    if (!p.ubatch) {
        p.ubatch = profile.defaultUbatch(entry, *p.context);
    }
    if (p.kvType.isEmpty()) {
        p.kvType = profile.defaultKvType(entry);
    }
    if (!p.flashAttention) {
        p.flashAttention = profile.defaultFlashAttention(entry);
    }
    if (!p.width) {
        p.width = entry.servingInt("width", entry.servingInt("image_size", 0));
    }
    if (!p.height) {
        p.height = entry.servingInt("height", entry.servingInt("image_size", 0));
    }
    if (!p.marginPct) {
        p.marginPct = defaultMarginPct(entry);
    }
    if (p.residency.isEmpty() && entry.kind == QLatin1String("diffusion")) {
        p.residency = profile.kind() == RuntimeProfile::Kind::Candle
                          ? entry.serving.value(QLatin1String("residency")).toString(QStringLiteral("resident"))
                          : QStringLiteral("resident");
    }
    if (p.offload.isEmpty()) {
        p.offload = QStringLiteral("none");
    }
    if (!p.dropT5 && entry.kind == QLatin1String("diffusion")) {
        p.dropT5 = false;
    }
    return p;
}

Estimate Estimator::estimate(const RegistryEntry &entry, const ModelFacts *facts, const EstimateParams &requested)
{
    Estimate e;
    e.model = entry.key;
    e.estimatorVersion = version();
    e.parameters = resolve(entry, requested);
    const bool quantizedV = e.parameters.kvType.startsWith(QLatin1Char('q'));
    if (e.parameters.runtime == QLatin1String("llama.cpp") && quantizedV && !*e.parameters.flashAttention) {
        // reached only when the runtime comes from the registry entry (validate refuses it when asked for): llama.cpp
        // refuses a quantized V cache without flash attention, its default "auto" turns flash attention on
        e.parameters.flashAttention = true;
        e.notes << QStringLiteral("llama.cpp refuses a %1 V cache with flash attention off: estimated with flash "
                                  "attention on, as llama.cpp's default (auto) runs it")
                       .arg(e.parameters.kvType);
    }
    const EstimateParams &p = e.parameters;
    EstimateContext ctx{entry, facts, p, RuntimeProfile::forName(p.runtime), mainShape(entry, facts), {}};
    if (facts && (entry.kind == QLatin1String("clip") || entry.kind == QLatin1String("vlm"))) {
        ctx.vision = ModelShape::fromConfig(facts->config, QStringLiteral("%1 config.json").arg(facts->key),
                                            QStringLiteral("vision"));
    }
    if (entry.kind != QLatin1String("diffusion")) {
        e.notes << ctx.shape.warnings;
    }
    if (facts) {
        e.notes << factsNotes(*facts); // what the refresh kept in part or found implausible (issue 18 item 5)
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::Candle && entry.kind == QLatin1String("clip")) {
        e.notes << QStringLiteral("the service reloads CLIP on every call (docs/estimator.md): overlapping "
                                  "calls in one worker each hold a copy of the weights");
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::Candle && entry.kind == QLatin1String("diffusion") &&
        p.residency == QLatin1String("resident")) {
        e.notes << QStringLiteral(
            "the service keeps one FLUX copy shared across workers (docs/estimator.md): this per-worker "
            "figure counts the weights once per worker, which over-counts when several workers run");
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::LlamaCpp && !ctx.isGguf()) {
        e.notes << QStringLiteral("llama.cpp runs GGUF files: the safetensors weights are assumed converted to an F16 "
                                  "GGUF (convert_hf_to_gguf's default)");
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::Diffusers && entry.kind != QLatin1String("diffusion")) {
        e.notes << QStringLiteral("diffusers profile on a non-diffusion model: estimated as a PyTorch/transformers "
                                  "model (torch dtype, SDPA attention)");
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::Diffusers && ctx.isGguf()) {
        e.notes << QStringLiteral("PyTorch loads this GGUF model dequantized only if converted; weights are counted as "
                                  "stored, which under-counts a dequantizing loader");
    }

    LineResult weights;
    LineResult act;
    if (entry.kind == QLatin1String("diffusion")) {
        weights = diffusionWeightsLine(ctx, &act);
    } else {
        weights = weightsLine(ctx);
        act = activationsLine(ctx);
    }
    const LineResult kv = kvCacheLine(ctx);
    const LineResult overhead = overheadLine(ctx);
    e.basis = weights.basis;
    for (const LineResult *r : std::initializer_list<const LineResult *>{&weights, &kv, &act, &overhead}) {
        for (const QString &n : r->notes) {
            if (!e.notes.contains(n)) {
                e.notes << n;
            }
        }
        e.lines << r->line;
    }

    qint64 sum = 0;
    for (const EstimateLine &l : e.lines) {
        sum += l.bytes;
    }
    EstimateLine margin;
    margin.id = QStringLiteral("margin");
    margin.bytes = qint64(std::ceil(double(sum) * *p.marginPct / 100.0));
    margin.derivation = QStringLiteral("%1 % × %2 = %3").arg(*p.marginPct).arg(formatMib(sum), formatMib(margin.bytes));
    margin.sources << QStringLiteral(
                          "margin policy (docs/estimator.md): default %1 % for %2 (%3), reviewer-adjustable 10–20 %")
                          .arg(defaultMarginPct(entry))
                          .arg(capabilityId(entry.capability),
                               isQuantized(entry.quantization) ? QStringLiteral("quantized") : entry.quantization);
    e.lines << margin;
    e.totalBytes = sum + margin.bytes;
    e.estMib = roundUpMib100(e.totalBytes);
    ruleOfThumb(ctx, e);
    return e;
}

} // namespace memspec
