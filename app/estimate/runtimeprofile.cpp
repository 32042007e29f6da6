// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "runtimeprofile.h"

#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/formats/modelshape.h"
#include "app/registry/registryentry.h"

namespace memspec {

namespace {
bool hasRole(const RegistryEntry &e, const char *role)
{
    for (const WeightComponent &c : e.components) {
        if (c.role == QLatin1String(role)) {
            return true;
        }
    }
    return false;
}
bool isMlaArch(const ModelShape &s)
{
    return s.isMla();
}
} // namespace

RuntimeProfile RuntimeProfile::forName(const QString &name)
{
    if (name == QLatin1String("llama.cpp")) {
        return RuntimeProfile(Kind::LlamaCpp);
    }
    if (name == QLatin1String("diffusers")) {
        return RuntimeProfile(Kind::Diffusers);
    }
    return RuntimeProfile(Kind::Candle);
}

QString RuntimeProfile::name() const
{
    switch (m_kind) {
    case Kind::LlamaCpp:
        return QStringLiteral("llama.cpp");
    case Kind::Diffusers:
        return QStringLiteral("diffusers");
    case Kind::Candle:
        break;
    }
    return QStringLiteral("candle");
}

QString RuntimeProfile::loadedDtype(const WeightComponent &c, const EstimateParams &p) const
{
    const bool cpu = p.device == QLatin1String("cpu");
    const QString registry = cpu ? c.dtypeCpu : c.dtypeCuda;
    if (c.format == QLatin1String("gguf") || isQuantized(registry)) {
        return registry;   // quant blocks stay as stored
    }
    switch (m_kind) {
    case Kind::Candle:
        // the service's own choice per component (target-codebase.md); the dense head stays F32
        if (!p.computeDtype.isEmpty() && c.role != QLatin1String("dense_head")) {
            return p.computeDtype.toUpper();
        }
        return registry;
    case Kind::LlamaCpp:
        // a safetensors model runs in llama.cpp after convert_hf_to_gguf, whose default output type is F16
        return p.computeDtype.isEmpty() ? QStringLiteral("F16") : p.computeDtype.toUpper();
    case Kind::Diffusers:
        if (cpu) {
            return QStringLiteral("F32");
        }
        return p.computeDtype.isEmpty() ? (registry == QLatin1String("F32") ? QStringLiteral("F16") : registry) : p.computeDtype.toUpper();
    }
    return registry;
}

QString RuntimeProfile::activationDtype(const RegistryEntry &e, const EstimateParams &p) const
{
    if (m_kind == Kind::LlamaCpp) {
        return QStringLiteral("F32");   // ggml graphs compute in F32
    }
    if (e.components.isEmpty()) {
        return QStringLiteral("F32");
    }
    const WeightComponent &main = e.components.first();
    const QString d = loadedDtype(main, p);
    if (isQuantized(d)) {
        return QStringLiteral("F32");   // candle's quantized models compute in F32
    }
    return d;
}

QString RuntimeProfile::defaultKvType(const RegistryEntry &e) const
{
    if (m_kind == Kind::Candle) {
        // candle keeps the KV cache in the activation dtype: F32 on its quantized paths, F16 otherwise
        return isQuantized(e.quantization) ? QStringLiteral("f32") : QStringLiteral("f16");
    }
    return QStringLiteral("f16");
}

bool RuntimeProfile::defaultFlashAttention(const RegistryEntry &e) const
{
    switch (m_kind) {
    case Kind::Candle:
        return hasRole(e, "sd3_mmdit");   // the service's MMDiT uses flash attention; other models do not
    case Kind::LlamaCpp:
        return true;                      // llama.cpp: flash attention "auto", enabled where supported
    case Kind::Diffusers:
        return true;                      // PyTorch SDPA picks a fused kernel: no score matrix
    }
    return false;
}

qint64 RuntimeProfile::defaultUbatch(const RegistryEntry &e, qint64 context) const
{
    const bool decoder = e.kind == QLatin1String("decoder") || e.kind == QLatin1String("vlm");
    if (m_kind == Kind::LlamaCpp && decoder) {
        return qMin<qint64>(512, context);   // n_ubatch default 512
    }
    // llama.cpp sets the batch to the whole context for non-causal (embedding) models; candle and transformers
    // run the whole input in one forward pass
    return context;
}

RuntimeProfile::KvLayout RuntimeProfile::kvLayout(const ModelShape &s) const
{
    if (!isMlaArch(s)) {
        return KvLayout::PerHead;
    }
    // llama.cpp caches the MLA latent (kv_lora_rank + rope dims); candle's quantized llama path and
    // transformers' eager DeepSeek code keep per-head K and V.
    return m_kind == Kind::LlamaCpp ? KvLayout::MlaLatent : KvLayout::MlaDecompressed;
}

qint64 RuntimeProfile::kvTokens(const RegistryEntry &e, const ModelShape &s, qint64 context, QString *why) const
{
    if (m_kind == Kind::LlamaCpp) {
        const qint64 padded = (context + 255) / 256 * 256;
        *why = padded == context ? QStringLiteral("n_ctx %1").arg(groupDigits(context))
                                 : QStringLiteral("n_ctx %1 padded to 256 = %2").arg(groupDigits(context), groupDigits(padded));
        return padded;
    }
    if (m_kind == Kind::Candle && isQuantized(e.quantization) && s.isMla()) {
        const qint64 cap = qMin<qint64>(context, 4096);
        *why = QStringLiteral("candle's quantized llama path builds RoPE tables for 4096 positions, so the cache grows by concatenation to at most %1 tokens")
                   .arg(groupDigits(cap));
        return cap;
    }
    if (m_kind == Kind::Candle && s.architecture == QLatin1String("phi3") && isQuantized(e.quantization)) {
        // quantized_phi3 sizes its KvCache from phi3.context_length, not from the request
        if (s.maxPositions > 0) {
            *why = QStringLiteral("candle's quantized Phi path preallocates phi3.context_length = %1 tokens on the first token (%2), whatever the serving context")
                       .arg(groupDigits(s.maxPositions), s.source("maxPositions"));
            return s.maxPositions;
        }
        *why = QStringLiteral("candle's quantized Phi path preallocates the whole context (%1 tokens; phi3.context_length unknown) on the first token").arg(groupDigits(context));
        return context;
    }
    if (s.maxPositions > 0 && context > s.maxPositions && m_kind == Kind::Candle) {
        *why = QStringLiteral("context %1 capped at max_position_embeddings %2 (candle's llama cache truncates there)")
                   .arg(groupDigits(context), groupDigits(s.maxPositions));
        return s.maxPositions;
    }
    *why = QStringLiteral("cache grows by concatenation up to the serving context %1").arg(groupDigits(context));
    return context;
}

qint64 RuntimeProfile::deviceOverhead(const EstimateParams &p, QString *derivation) const
{
    const bool cpu = p.device == QLatin1String("cpu");
    switch (m_kind) {
    case Kind::Candle:
        if (cpu) {
            *derivation = QStringLiteral("0: candle on CPU has no device context (process image and tokenizer not counted)");
            return 0;
        }
        *derivation = QStringLiteral("512 MiB: CUDA context (~300–500 MiB by driver and GPU) + cuBLAS handle and workspace (assumption, not measured for candle)");
        return 512 * MiB;
    case Kind::LlamaCpp:
        if (cpu) {
            *derivation = QStringLiteral("150 MiB: llama.cpp host footprint (gguf-parser-go's RAM platform footprint)");
            return 150 * MiB;
        }
        *derivation = QStringLiteral("250 MiB: CUDA context and backend buffers outside the logged model/KV/compute buffers (gguf-parser-go's VRAM platform footprint)");
        return 250 * MiB;
    case Kind::Diffusers:
        if (cpu) {
            *derivation = QStringLiteral("0: PyTorch on CPU (process image not counted)");
            return 0;
        }
        *derivation = QStringLiteral("663 MiB: PyTorch CUDA context + cuBLAS/cuDNN (695 MB in use before loading, measured/public.json flux-14)");
        return 695 * 1000 * 1000;
    }
    return 0;
}

LineResult overheadLine(const EstimateContext &ctx)
{
    LineResult r;
    r.line.id = QStringLiteral("runtime_overhead");
    QString dev;
    const qint64 base = ctx.profile.deviceOverhead(ctx.p, &dev);
    QStringList parts{dev};
    r.line.bytes = base;
    r.line.sources << QStringLiteral("runtime profile %1 (device %2)").arg(ctx.profile.name(), ctx.p.device);
    if (ctx.profile.kind() == RuntimeProfile::Kind::Candle && ctx.shape.alibi) {
        // candle's jina_bert builds the ALiBi bias for max_position_embeddings on the device in F32
        const qint64 n = ctx.shape.maxPositions;
        const qint64 h = ctx.shape.numHeads;
        const qint64 bias = clampBytes(double(h) * double(n) * double(n) * 4);
        r.line.bytes += bias;
        parts << QStringLiteral("ALiBi bias (1, %1 heads, %2, %2) × 4 B (F32) = %3").arg(h).arg(groupDigits(n), formatMib(bias));
        r.line.sources << ctx.shape.source("alibi") << ctx.shape.source("maxPositions")
                       << QStringLiteral("reference/target-codebase.md: candle builds the bias for the hard-coded 8192 positions in F32");
    }
    if (ctx.profile.kind() == RuntimeProfile::Kind::Candle && ctx.isGguf() && ctx.shape.isMla()) {
        const qint64 rope = ctx.shape.qkRopeHeadDim > 0 ? ctx.shape.qkRopeHeadDim : ctx.shape.headDim;
        const qint64 tables = 4096 * (rope / 2) * 2 * 4;
        r.line.bytes += tables;
        parts << QStringLiteral("RoPE cos/sin tables 4096 positions × %1 × 2 × 4 B = %2").arg(rope / 2).arg(formatMib(tables));
        r.line.sources << ctx.shape.source("qkRopeHeadDim");
    }
    r.line.derivation = parts.join(QStringLiteral(" + "));
    return r;
}

} // namespace memspec
