// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "estimator.h"

#include "app/common/units.h"
#include "app/facts/modelfacts.h"
#include "app/formats/modelshape.h"
#include "app/registry/registryentry.h"

#include <QRegularExpression>

#include <cmath>

namespace memspec {

namespace {

bool isQuantName(const QString &dtype)
{
    return dtype.startsWith(QLatin1Char('Q'), Qt::CaseInsensitive) || dtype.startsWith(QLatin1String("IQ"), Qt::CaseInsensitive);
}

// "F32 (config torch_dtype float32; ...)" -> "F32"; "GGUF Q4_K_M" -> "" (as stored).
QString storedFloatDtype(const QString &facts)
{
    static const QRegularExpression re(QStringLiteral("\\b(F32|F16|BF16)\\b"));
    const auto m = re.match(facts);
    return m.hasMatch() ? m.captured(1) : QString();
}


struct WeightsResult
{
    EstimateLine line;
    QString basis;
    QStringList notes;
};

WeightsResult weightsLine(const RegistryEntry &entry, const ModelFacts *facts, const EstimateParams &p)
{
    WeightsResult r;
    r.line.id = QStringLiteral("weights");
    QStringList parts;
    bool allExact = true;
    bool anyMissing = false;
    for (const WeightComponent &c : entry.components) {
        const QString loaded = !p.computeDtype.isEmpty() && !isQuantName(c.dtypeCuda)
                                   ? p.computeDtype.toUpper()
                                   : (p.device == QLatin1String("cpu") ? c.dtypeCpu : c.dtypeCuda);
        qint64 stored = 0;
        QStringList missing;
        for (const QString &path : c.files) {
            const FileFact *ff = facts ? facts->file(path) : nullptr;
            if (!ff || !ff->size) {
                missing << path;
                continue;
            }
            stored += *ff->size;
            allExact = allExact && ff->exact;
            r.line.sources << QStringLiteral("%1/%2: %3 B (%4)").arg(c.repo, path, groupDigits(*ff->size),
                                                                     ff->exact ? QStringLiteral("exact size") : QStringLiteral("approximate size"));
        }
        if (!missing.isEmpty()) {
            anyMissing = true;
            r.notes << QStringLiteral("weights of %1 (%2) are missing from the facts: not counted until a refresh reads their headers")
                           .arg(c.id, missing.join(QStringLiteral(", ")));
            parts << QStringLiteral("%1: missing").arg(c.id);
            continue;
        }
        qint64 bytes = stored;
        QString how = QStringLiteral("%1 B as stored").arg(groupDigits(stored));
        if (c.format == QLatin1String("safetensors") && !isQuantName(loaded)) {
            const QString from = storedFloatDtype(facts ? facts->storedDtype : QString());
            const double f = bytesPerElement(from);
            const double t = bytesPerElement(loaded);
            if (f > 0 && t > 0 && from != loaded) {
                bytes = qint64(std::ceil(double(stored) * t / f));
                how = QStringLiteral("%1 B stored %2 × %3/%4 (loaded as %5)").arg(groupDigits(stored), from).arg(t).arg(f).arg(loaded);
            } else if (f <= 0) {
                how += QStringLiteral(" (stored dtype unknown: assumed equal to the loaded %1)").arg(loaded);
            }
        }
        r.line.bytes += bytes;
        parts << QStringLiteral("%1: %2 = %3").arg(c.id, how, formatBytes(bytes));
    }
    r.line.derivation = parts.join(QStringLiteral(" + "));
    if (entry.components.size() > 1) {
        r.line.derivation += QStringLiteral(" → %1").arg(formatBytes(r.line.bytes));
    }
    r.basis = anyMissing ? QStringLiteral("incomplete file sizes") : (allExact ? QStringLiteral("exact file sizes") : QStringLiteral("approximate file sizes"));
    r.line.sources.prepend(QStringLiteral("basis: %1 (file sizes include the small safetensors/GGUF header)").arg(r.basis));
    return r;
}

EstimateLine kvLine(const RegistryEntry &entry, const ModelFacts *facts, const EstimateParams &p, QStringList &notes)
{
    EstimateLine l;
    l.id = QStringLiteral("kv_cache");
    if (entry.kind != QLatin1String("decoder") && entry.kind != QLatin1String("vlm")) {
        l.derivation = QStringLiteral("0: %1 model keeps no KV cache").arg(entry.kind);
        return l;
    }
    const ModelShape s = ModelShape::fromConfig(facts ? facts->config : QJsonObject{});
    if (s.numLayers == 0 || s.numKvHeads == 0 || s.headDim == 0) {
        l.derivation = QStringLiteral("not computed: the config lacks layers / KV heads / head_dim");
        notes << QStringLiteral("KV cache unknown: config.json is missing for %1").arg(entry.key);
        return l;
    }
    const double kvBytes = bytesPerElement(p.kvType);
    const qint64 ctx = *p.context;
    const qint64 batch = *p.batch;
    l.bytes = qint64(std::ceil(double(s.numLayers) * double(s.numKvHeads) * double(s.headDim) * 2.0 * double(ctx) * double(batch) * kvBytes));
    l.derivation = QStringLiteral("%1 layers × %2 KV heads × %3 dims × 2 (K,V) × %4 tokens × %5 batch × %6 B (%7) = %8")
                       .arg(s.numLayers).arg(s.numKvHeads).arg(s.headDim).arg(groupDigits(ctx)).arg(batch).arg(kvBytes).arg(p.kvType)
                       .arg(formatMib(l.bytes));
    for (const char *f : {"numLayers", "numKvHeads", "headDim"}) {
        l.sources << s.fieldSources.value(QLatin1String(f)).toString();
    }
    l.sources << QStringLiteral("serving context: parameter (registry default %1)").arg(entry.servingInt("context"));
    return l;
}

} // namespace

QString Estimator::version()
{
    return QStringLiteral("0.1");
}

double Estimator::defaultMarginPct(const RegistryEntry &entry)
{
    switch (entry.capability) {
    case Capability::TextEmbedding:
    case Capability::ImageEmbedding:
        return 10;
    case Capability::TextToText:
        return isQuantName(entry.quantization) ? 15 : 20;
    case Capability::Vision:
    case Capability::TextToImage:
        return 20;
    }
    return 20;
}

Result<EstimateParams> Estimator::validate(const EstimateParams &p)
{
    auto fail = [](const QString &m) { return Result<EstimateParams>::failure(m); };
    static const QStringList runtimes{QStringLiteral("candle"), QStringLiteral("llama.cpp"), QStringLiteral("diffusers")};
    static const QStringList devices{QStringLiteral("cuda"), QStringLiteral("cpu")};
    static const QStringList kvTypes{QStringLiteral("f32"), QStringLiteral("f16"), QStringLiteral("bf16"), QStringLiteral("q8_0"), QStringLiteral("q4_0")};
    if (!p.runtime.isEmpty() && !runtimes.contains(p.runtime)) {
        return fail(QStringLiteral("unknown runtime \"%1\" (expected candle, llama.cpp or diffusers)").arg(p.runtime));
    }
    if (!p.device.isEmpty() && !devices.contains(p.device)) {
        return fail(QStringLiteral("unknown device \"%1\" (expected cuda or cpu)").arg(p.device));
    }
    if (!p.kvType.isEmpty() && !kvTypes.contains(p.kvType)) {
        return fail(QStringLiteral("unknown KV type \"%1\" (expected f32, f16, bf16, q8_0 or q4_0)").arg(p.kvType));
    }
    if (p.context && (*p.context < 1 || *p.context > (qint64(1) << 24))) {
        return fail(QStringLiteral("context %1 is out of range (1 to 16777216 tokens)").arg(*p.context));
    }
    if (p.batch && (*p.batch < 1 || *p.batch > 4096)) {
        return fail(QStringLiteral("batch %1 is out of range (1 to 4096)").arg(*p.batch));
    }
    if (p.marginPct && (*p.marginPct < 10 || *p.marginPct > 20)) {
        return fail(QStringLiteral("margin %1 % is outside the policy range of 10 to 20 %").arg(*p.marginPct));
    }
    return p;
}

EstimateParams Estimator::resolve(const RegistryEntry &entry, const EstimateParams &in)
{
    EstimateParams p = in;
    if (p.runtime.isEmpty()) {
        p.runtime = entry.runtime.isEmpty() ? QStringLiteral("candle") : entry.runtime;
    }
    if (p.device.isEmpty()) {
        p.device = QStringLiteral("cuda");
    }
    if (!p.context) {
        p.context = entry.servingInt("context", entry.servingInt("t5_tokens", 512));
    }
    if (!p.batch) {
        p.batch = entry.servingInt("batch", 1);
    }
    if (p.kvType.isEmpty()) {
        // candle keeps the KV cache in the activation dtype; its quantized paths compute in F32.
        const bool quant = isQuantName(entry.quantization);
        p.kvType = p.runtime == QLatin1String("candle") ? (quant ? QStringLiteral("f32") : QStringLiteral("f16")) : QStringLiteral("f16");
    }
    if (!p.flashAttention) {
        p.flashAttention = false;
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
        p.residency = entry.serving.value(QLatin1String("residency")).toString(QStringLiteral("resident"));
    }
    if (p.offload.isEmpty()) {
        p.offload = QStringLiteral("none");
    }
    return p;
}

Estimate Estimator::estimate(const RegistryEntry &entry, const ModelFacts *facts, const EstimateParams &requested)
{
    Estimate e;
    e.model = entry.key;
    e.estimatorVersion = version();
    e.parameters = resolve(entry, requested);
    const EstimateParams &p = e.parameters;

    WeightsResult w = weightsLine(entry, facts, p);
    e.basis = w.basis;
    e.notes << w.notes;
    e.lines << w.line;
    e.lines << kvLine(entry, facts, p, e.notes);

    EstimateLine act{QStringLiteral("activations"), 0,
                     QStringLiteral("not modelled by estimator v0 (compute buffers are added by the full estimator)"), {}};
    EstimateLine overhead{QStringLiteral("runtime_overhead"), 0,
                          QStringLiteral("not modelled by estimator v0 (CUDA context and runtime-specific tensors)"), {}};
    e.notes << QStringLiteral("estimator v0 leaves out activations and runtime overhead");
    e.lines << act << overhead;

    qint64 sum = 0;
    for (const EstimateLine &l : e.lines) {
        sum += l.bytes;
    }
    EstimateLine margin;
    margin.id = QStringLiteral("margin");
    margin.bytes = qint64(std::ceil(double(sum) * *p.marginPct / 100.0));
    margin.derivation = QStringLiteral("%1 % × %2 = %3").arg(*p.marginPct).arg(formatMib(sum), formatMib(margin.bytes));
    margin.sources << QStringLiteral("margin policy (DESIGN §3): default %1 % for %2").arg(defaultMarginPct(entry)).arg(capabilityId(entry.capability));
    e.lines << margin;
    e.totalBytes = sum + margin.bytes;
    e.estMib = roundUpMib100(e.totalBytes);
    return e;
}

} // namespace memspec
