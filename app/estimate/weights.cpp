// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The weights line: exact tensor bytes from headers, else file sizes, else curated sizes, else parameter counts.
#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/formats/dtype.h"
#include "app/registry/registryentry.h"

#include <QRegularExpression>

#include <cmath>

namespace memspec {

namespace {

bool isFloat(const QString &d)
{
    const QString u = d.toUpper();
    return u == QLatin1String("F32") || u == QLatin1String("F16") || u == QLatin1String("BF16") || u == QLatin1String("F64");
}

QString firstFloatDtype(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\\b(F32|F16|BF16)\\b"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

QJsonObject curated(const EstimateContext &ctx, const WeightComponent &c)
{
    return ctx.facts ? ctx.facts->components.value(QStringLiteral("weights:") + c.id).toObject() : QJsonObject{};
}

QString storedDtypeOf(const EstimateContext &ctx, const WeightComponent &c)
{
    const QString cur = curated(ctx, c).value(QLatin1String("storedDtype")).toString();
    if (!cur.isEmpty()) {
        return cur;
    }
    return firstFloatDtype(ctx.facts ? ctx.facts->storedDtype : QString());
}

// candle's quantized Phi path dequantizes token_embd to F32 and drops the quantized copy.
bool dequantizesTokenEmbedding(const EstimateContext &ctx, const WeightComponent &c)
{
    return ctx.profile.kind() == RuntimeProfile::Kind::Candle && c.format == QLatin1String("gguf")
           && ctx.shape.architecture == QLatin1String("phi3");
}

// A tensor the runtime never asks for (VarBuilder over mmap only loads what the model reads).
bool skippedByRole(const QString &role, const QString &tensor)
{
    if (role == QLatin1String("t5_encoder")) {
        return tensor.startsWith(QLatin1String("decoder.")) || tensor == QLatin1String("lm_head.weight");
    }
    if (role == QLatin1String("clip_text")) {
        return tensor.startsWith(QLatin1String("vision_model.")) || tensor.startsWith(QLatin1String("visual_projection"));
    }
    return false;
}

ComponentWeights fromHeaders(const EstimateContext &ctx, const WeightComponent &c, const QString &loaded)
{
    ComponentWeights w;
    qint64 tensors = 0;
    qint64 stored = 0;
    qint64 skipped = 0;
    qint64 converted = 0;
    for (const QString &path : c.files) {
        const WeightHeaderFact *h = ctx.facts->header(c.repo, path);
        for (const TensorFact &t : h->tensors) {
            if (skippedByRole(c.role, t.name)) {
                ++skipped;
                continue;
            }
            ++tensors;
            stored += t.bytes;
            qint64 b = t.bytes;
            if (c.format == QLatin1String("gguf")) {
                if (dequantizesTokenEmbedding(ctx, c) && t.name == QLatin1String("token_embd.weight")) {
                    b = t.elements * 4;
                    w.notes << QStringLiteral("token_embd.weight (%1, %2 B) is dequantized to F32 by candle: %3 elements × 4 B = %4")
                                   .arg(t.dtype, groupDigits(t.bytes), groupDigits(t.elements), formatMib(b));
                }
            } else if (isFloat(t.dtype) && !isQuantized(loaded) && bytesPerElement(loaded) > 0) {
                b = clampBytes((double(t.elements) * bytesPerElement(loaded)));
            }
            converted += b;
        }
        w.sources << QStringLiteral("%1/%2: header, %3 tensors").arg(c.repo, path).arg(h->tensors.size());
    }
    w.bytes = converted;
    w.known = true;
    w.basis = QStringLiteral("exact tensor headers");
    w.derivation = c.format == QLatin1String("gguf")
                       ? QStringLiteral("%1 tensors as stored = %2").arg(tensors).arg(formatBytes(converted))
                       : QStringLiteral("%1 tensors, %2 B stored → elements × %3 B (%4) = %5")
                             .arg(tensors).arg(groupDigits(stored)).arg(bytesPerElement(loaded)).arg(loaded, formatBytes(converted));
    if (skipped > 0) {
        w.derivation += QStringLiteral(" (%1 tensors the %2 never reads skipped)").arg(skipped).arg(c.role);
    }
    return w;
}

ComponentWeights fromSizes(const EstimateContext &ctx, const WeightComponent &c, const QString &loaded, qint64 stored,
                           bool exact, const QString &sizeWhat)
{
    ComponentWeights w;
    w.known = true;
    w.basis = exact ? QStringLiteral("exact file sizes") : QStringLiteral("approximate file sizes");
    w.bytes = stored;
    w.derivation = QStringLiteral("%1 %2 B as stored").arg(sizeWhat, groupDigits(stored));
    if (c.format == QLatin1String("safetensors") && !isQuantized(loaded)) {
        const QString from = storedDtypeOf(ctx, c);
        const double f = bytesPerElement(from);
        const double t = bytesPerElement(loaded);
        if (f > 0 && t > 0 && from != loaded) {
            w.bytes = clampBytes((double(stored) * t / f));
            w.derivation = QStringLiteral("%1 %2 B stored %3 × %4/%5 (loaded as %6)").arg(sizeWhat, groupDigits(stored), from).arg(t).arg(f).arg(loaded);
        } else if (f <= 0) {
            w.derivation += QStringLiteral(" (stored dtype unknown: assumed equal to the loaded %1)").arg(loaded);
            w.notes << QStringLiteral("%1: stored dtype unknown, file size taken as the loaded %2 size").arg(c.id, loaded);
        } else {
            w.derivation += QStringLiteral(" (stored %1 = loaded)").arg(from);
        }
    }
    if (dequantizesTokenEmbedding(ctx, c) && ctx.shape.vocabSize > 0 && ctx.shape.hiddenSize > 0) {
        const qint64 elems = ctx.shape.vocabSize * ctx.shape.hiddenSize;
        const double storedBpe = bytesPerElement(QStringLiteral("Q4_K"));
        const qint64 extra = clampBytes((double(elems) * (4.0 - storedBpe)));
        w.bytes += extra;
        w.derivation += QStringLiteral(" + token_embd dequantized to F32: %1 vocab × %2 hidden × (4 − %3) B = %4")
                            .arg(groupDigits(ctx.shape.vocabSize), groupDigits(ctx.shape.hiddenSize)).arg(storedBpe).arg(formatMib(extra));
        w.sources << ctx.shape.source("vocabSize") << ctx.shape.source("hiddenSize");
        w.notes << QStringLiteral("token_embd assumed stored as Q4_K (the Q4_K_M base type) until a refresh reads the GGUF tensor infos");
    }
    return w;
}

} // namespace

qint64 parameterCount(const ModelShape &s, QString *derivation)
{
    if (s.hiddenSize <= 0 || s.numLayers <= 0) {
        return 0;
    }
    // in double: a hostile config cannot overflow; an implausible total (> 10^15) is refused
    const double h = double(s.hiddenSize);
    const double q = double(s.numHeads) * double(s.headDim);
    const double kv = double(s.numKvHeads) * double(s.headDim);
    const double attn = h * q + 2 * h * kv + q * h;
    const double dense = 3 * h * double(s.intermediateSize);
    const double moe = s.isMoe() ? double(s.numExperts + s.numSharedExperts) * 3 * h * double(s.moeIntermediateSize) + h * double(s.numExperts) : 0.0;
    const qint64 denseLayers = s.isMoe() ? qBound<qint64>(0, s.firstDenseLayers, s.numLayers) : s.numLayers;
    const qint64 moeLayers = s.numLayers - denseLayers;
    const double embed = 2 * double(s.vocabSize) * h;
    const double total = embed + double(s.numLayers) * attn + double(denseLayers) * dense + double(moeLayers) * moe;
    if (!(total > 0) || total > 1.0e15) {
        *derivation = QStringLiteral("parameter count implausible (%1): config ignored").arg(total, 0, 'g', 3);
        return 0;
    }
    auto g = [](double v) { return groupDigits(qint64(v)); };
    *derivation = QStringLiteral("2 × %1 vocab × %2 (embeddings + head) + %3 layers × %4 attention + %5 × %6 dense MLP%7 = %8 parameters")
                      .arg(groupDigits(s.vocabSize), g(h)).arg(s.numLayers).arg(g(attn)).arg(denseLayers).arg(g(dense))
                      .arg(s.isMoe() ? QStringLiteral(" + %1 × %2 MoE").arg(moeLayers).arg(g(moe)) : QString())
                      .arg(g(total));
    return qint64(total);
}

ComponentWeights componentWeights(const EstimateContext &ctx, const WeightComponent &c)
{
    const QString loaded = ctx.profile.loadedDtype(c, ctx.p);
    bool allHeaders = ctx.facts && !c.files.isEmpty();
    qint64 stored = 0;
    bool allSized = ctx.facts != nullptr && !c.files.isEmpty();
    bool allExact = true;
    QStringList sizeSources;
    for (const QString &path : c.files) {
        allHeaders = allHeaders && ctx.facts->header(c.repo, path) != nullptr;
        const FileFact *ff = ctx.facts ? ctx.facts->file(path) : nullptr;
        if (!ff || !ff->size) {
            allSized = false;
            continue;
        }
        stored += *ff->size;
        allExact = allExact && ff->exact;
        sizeSources << QStringLiteral("%1/%2: %3 B (%4; %5)").arg(c.repo, path, groupDigits(*ff->size),
                                                                  ff->exact ? QStringLiteral("exact size") : QStringLiteral("approximate size"), ff->source);
    }
    ComponentWeights w;
    if (allHeaders) {
        w = fromHeaders(ctx, c, loaded);
    } else if (allSized) {
        w = fromSizes(ctx, c, loaded, stored, allExact, c.files.size() > 1 ? QStringLiteral("%1 files").arg(c.files.size()) : QStringLiteral("file"));
        w.sources << sizeSources;
        w.derivation += QStringLiteral(" (file sizes include the small safetensors/GGUF header)");
    } else if (const QJsonObject cur = curated(ctx, c); cur.value(QLatin1String("bytes")).isDouble()) {
        const bool exact = cur.value(QLatin1String("exact")).toBool();
        w = fromSizes(ctx, c, loaded, qint64(cur.value(QLatin1String("bytes")).toDouble()), exact,
                      cur.value(QLatin1String("what")).toString(QStringLiteral("curated size")));
        w.basis = exact ? QStringLiteral("exact file sizes (equivalent files)") : QStringLiteral("approximate file sizes");
        w.sources << QStringLiteral("snapshot weights:%1: %2").arg(c.id, cur.value(QLatin1String("source")).toString());
        const QString note = cur.value(QLatin1String("note")).toString();
        if (!note.isEmpty()) {
            w.notes << QStringLiteral("%1: %2").arg(c.id, note);
        }
    } else {
        const ModelShape s = ctx.entry.kind == QLatin1String("diffusion") ? ctx.componentShape(c) : ctx.shape;
        QString how;
        const qint64 params = parameterCount(s, &how);
        const double bpe = bytesPerElement(isQuantized(loaded) ? QStringLiteral("Q4_K") : loaded);
        if (params > 0 && bpe > 0) {
            w.known = true;
            w.basis = QStringLiteral("parameter counts");
            w.bytes = clampBytes((double(params) * bpe));
            w.derivation = QStringLiteral("%1; × %2 B (%3) = %4").arg(how).arg(bpe).arg(loaded, formatBytes(w.bytes));
            w.sources << s.source("hiddenSize") << s.source("numLayers") << s.source("vocabSize");
            w.notes << QStringLiteral("%1: no file size is known; weights computed from the config's parameter count").arg(c.id);
        } else {
            w.derivation = QStringLiteral("unknown: no header, file size or config for %1").arg(c.files.join(QStringLiteral(", ")));
            w.notes << QStringLiteral("weights of %1 (%2) are unknown: not counted until a refresh reads their headers")
                           .arg(c.id, c.files.join(QStringLiteral(", ")));
        }
    }
    return w;
}

LineResult weightsLine(const EstimateContext &ctx)
{
    LineResult r;
    r.line.id = QStringLiteral("weights");
    QStringList parts;
    QStringList bases;
    for (const WeightComponent &c : ctx.entry.components) {
        const ComponentWeights w = componentWeights(ctx, c);
        r.notes << w.notes;
        r.line.sources << w.sources;
        if (!w.known) {
            parts << QStringLiteral("%1: %2").arg(c.id, w.derivation);
            bases << QStringLiteral("unknown");
            continue;
        }
        r.line.bytes += w.bytes;
        parts << QStringLiteral("%1: %2 = %3").arg(c.id, w.derivation, formatBytes(w.bytes));
        if (ctx.profile.kind() == RuntimeProfile::Kind::LlamaCpp && ctx.p.device == QLatin1String("cpu") && c.format == QLatin1String("gguf")) {
            QString how;
            const qint64 repack = llamaCppRepackBytes(ctx, c, &how);
            if (repack > 0) {
                r.line.bytes += repack;
                parts << QStringLiteral("%1 CPU_REPACK copy: %2 = %3").arg(c.id, how, formatBytes(repack));
                r.line.sources << QStringLiteral("llama.cpp CPU backend: Q4_K mul_mat weights repacked into interleaved blocks (ggml-cpu repack.cpp, x86 with AVX2)");
                r.notes << QStringLiteral("llama.cpp on an x86 CPU with AVX2 copies %1 of Q4_K weights into its CPU_REPACK buffer; the mapped file "
                                          "stays mapped beside it, so both are counted, as llama.cpp's model buffer lines report them (--no-repack "
                                          "avoids the copy; ARM CPUs with i8mm also repack Q5_K and Q6_K, not counted here)").arg(formatMib(repack));
            }
        }
        if (!bases.contains(w.basis)) {
            bases << w.basis;
        }
    }
    r.line.derivation = parts.join(QStringLiteral(" + "));
    if (ctx.entry.components.size() > 1) {
        r.line.derivation += QStringLiteral(" → %1").arg(formatBytes(r.line.bytes));
    }
    r.basis = bases.size() == 1 ? bases.first() : QStringLiteral("mixed: ") + bases.join(QStringLiteral(", "));
    r.line.sources.prepend(QStringLiteral("basis: %1").arg(r.basis));
    return r;
}

} // namespace memspec
