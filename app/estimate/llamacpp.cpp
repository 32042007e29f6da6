// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The llama.cpp profile's buffers beyond the KV cache: the compute buffer (the peak of ggml's graph allocator over
// one ubatch) plus the output buffer, and the CPU_REPACK buffer of Q4_K weights. Checked against llama.cpp's own
// no_alloc dry runs (tests/conformance/llamacpp-sweep.mjs, docs/accuracy.md).
#include "app/common/units.h"
#include "app/estimate/estimatorparts.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <algorithm>

namespace memspec {

namespace {

QString n(qint64 v)
{
    return groupDigits(v);
}

// llama.cpp's Q4_K_M recipe (src/llama-quant.cpp): the first and last eighth of the layers and every third layer in
// between get more bits on ffn_down and on attention-V-like tensors.
bool moreBits(qint64 i, qint64 layers)
{
    return i < layers / 8 || i >= 7 * layers / 8 || (i - layers / 8) % 3 == 2;
}

struct Matrix
{
    qint64 ne0 = 0;
    qint64 ne1 = 0;
    qint64 ne2 = 1;
    bool q4k = true;      // Q4_K under the recipe (else Q6_K / Q5_0 / F32: no x86 repack)
    bool matmul2d = true; // used by a 2-D mul_mat or by mul_mat_id (experts); a 3-D mul_mat weight is not repacked
};

// The weight matrices llama.cpp's loader creates for the architecture (src/models/*.cpp), typed by the Q4_K_M recipe.
QList<Matrix> q4kmMatrices(const ModelShape &s)
{
    QList<Matrix> out;
    const qint64 h = s.hiddenSize;
    const qint64 L = s.numLayers;
    const qint64 H = s.numHeads;
    const qint64 hd = s.headDim > 0 ? s.headDim : (H > 0 ? h / H : 0);
    const qint64 kvh = s.numKvHeads > 0 ? s.numKvHeads : H;
    const bool fusedQkv = s.architecture == QLatin1String("phi3");
    for (qint64 i = 0; i < L; ++i) {
        if (s.isMla()) {
            const qint64 nope = s.qkNopeHeadDim;
            const qint64 rope = s.qkRopeHeadDim;
            if (s.qLoraRank > 0) {
                out << Matrix{h, s.qLoraRank} << Matrix{s.qLoraRank, H * (nope + rope)};
            } else {
                out << Matrix{h, H * (nope + rope)};
            }
            out << Matrix{h, s.kvLoraRank + rope};
            // attn_k_b rows of qk_nope (128) are not a multiple of 256: Q5_0; attn_v_b is a 3-D mul_mat weight
            out << Matrix{nope, s.kvLoraRank, H, false} << Matrix{s.kvLoraRank, s.vHeadDim, H, true, false};
            out << Matrix{H * s.vHeadDim, h};
        } else if (fusedQkv) {
            out << Matrix{h, (H + 2 * kvh) * hd, 1, !moreBits(i, L)} << Matrix{H * hd, h};
        } else {
            out << Matrix{h, H * hd} << Matrix{h, kvh * hd} << Matrix{h, kvh * hd, 1, !moreBits(i, L)} << Matrix{H * hd, h};
        }
        const bool down4k = !moreBits(i, L);
        if (s.isMoe() && i >= s.firstDenseLayers) {
            const qint64 ff = s.moeIntermediateSize;
            out << Matrix{h, ff, s.numExperts} << Matrix{h, ff, s.numExperts} << Matrix{ff, h, s.numExperts, down4k};
            if (s.numSharedExperts > 0) {
                const qint64 sh = ff * s.numSharedExperts;
                out << Matrix{h, sh} << Matrix{h, sh} << Matrix{sh, h, 1, down4k};
            }
        } else if (fusedQkv) {
            out << Matrix{h, 2 * s.intermediateSize} << Matrix{s.intermediateSize, h, 1, down4k};
        } else {
            out << Matrix{h, s.intermediateSize} << Matrix{h, s.intermediateSize} << Matrix{s.intermediateSize, h, 1, down4k};
        }
    }
    return out;
}

bool isRepackable(qint64 ne0, qint64 ne1)
{
    return ne0 % 256 == 0 && ne1 % 8 == 0;
}

} // namespace

qint64 llamaCppRepackBytes(const EstimateContext &ctx, const WeightComponent &c, QString *how)
{
    // ggml-cpu's extra buffer type (ggml/src/ggml-cpu/repack.cpp): on x86 with AVX2, Q4_K weights whose ne[1] is a
    // multiple of 8, used by mul_mat (2-D) or mul_mat_id (experts), are copied into interleaved CPU_REPACK blocks of
    // the same size; token_embd is read by get_rows and stays as stored. (ARM with i8mm repacks Q5_K/Q6_K as well.)
    qint64 bytes = 0;
    qint64 count = 0;
    bool fromHeaders = ctx.facts && !c.files.isEmpty();
    for (const QString &path : c.files) {
        fromHeaders = fromHeaders && ctx.facts->header(c.repo, path) != nullptr;
    }
    if (fromHeaders) {
        for (const QString &path : c.files) {
            for (const TensorFact &t : ctx.facts->header(c.repo, path)->tensors) {
                // 2-D weights, and 3-D ones only as experts (mul_mat_id): a 3-D mul_mat weight (attn_v_b) is not repacked
                const bool matmul = t.shape.size() == 2 || (t.shape.size() == 3 && t.name.contains(QLatin1String("_exps.")));
                if (t.dtype == QLatin1String("Q4_K") && t.name != QLatin1String("token_embd.weight") && matmul
                    && isRepackable(t.shape.at(0), t.shape.at(1))) {
                    bytes += t.bytes;
                    ++count;
                }
            }
        }
        *how = QStringLiteral("%1 Q4_K tensors of the headers (mul_mat weights, rows a multiple of 8)").arg(count);
        return bytes;
    }
    if (ctx.entry.quantization.compare(QLatin1String("Q4_K_M"), Qt::CaseInsensitive) != 0 || ctx.shape.numLayers <= 0) {
        *how = QStringLiteral("not modelled for %1 without tensor headers").arg(ctx.entry.quantization);
        return 0;
    }
    for (const Matrix &m : q4kmMatrices(ctx.shape)) {
        if (m.q4k && m.matmul2d && isRepackable(m.ne0, m.ne1)) {
            bytes += m.ne0 / 256 * 144 * m.ne1 * m.ne2;
            ++count;
        }
    }
    *how = QStringLiteral("%1 Q4_K matrices of llama.cpp's Q4_K_M recipe for this shape (no tensor headers: refresh to read them)").arg(count);
    return bytes;
}

Activation llamaCppComputeBuffer(const EstimateContext &ctx, const ModelShape &s, qint64 T, qint64 nKv)
{
    // ggml's graph allocator reserves one ubatch of T tokens against the whole cache (n_kv cells) and frees each
    // tensor after its last use, so the buffer is the largest of three phases, all F32:
    //  - attention: the KQ mask (F16 with flash attention) + the score matrix (without flash attention) + the
    //    layer's live projections;
    //  - FFN: the mask (alive until the last layer) + the MoE expert intermediates;
    //  - output: the logits (vocab × T) above the last layer's hidden states.
    const bool flash = *ctx.p.flashAttention;
    const qint64 h = s.hiddenSize;
    const qint64 H = s.numHeads;
    const qint64 hd = s.headDim > 0 ? s.headDim : (H > 0 ? h / H : 0);
    const qint64 kvh = s.numKvHeads > 0 ? s.numKvHeads : H;
    const double t4 = double(T) * 4;
    const double mask = double(nKv) * double(T) * (flash ? 2 : 4);
    const double scores = flash ? 0.0 : double(H) * double(nKv) * t4;
    // live per-token floats while attention runs
    qint64 attnLive = 0;
    QString attnWhat;
    if (s.isMla()) {
        attnLive = 3 * H * (s.kvLoraRank + s.qkRopeHeadDim);
        attnWhat = QStringLiteral("(3 × %1 heads × (%2 + %3), the absorbed MLA query)").arg(H).arg(s.kvLoraRank).arg(s.qkRopeHeadDim);
    } else if (s.architecture.startsWith(QLatin1String("qwen3"))) {
        attnLive = h + 3 * H * hd + 2 * kvh * hd;
        attnWhat = QStringLiteral("(%1 + 3 × %2 Q, normed, roped + 2 × %3 K, normed)").arg(n(h), n(H * hd), n(kvh * hd));
    } else {
        attnLive = h + (H + 2 * kvh) * hd + H * hd;
        attnWhat = QStringLiteral("(%1 residual + %2 Q, K, V + %3 roped Q)").arg(n(h), n((H + 2 * kvh) * hd), n(H * hd));
    }
    const double attn = mask + scores + double(attnLive) * t4;
    // FFN phase: MoE expert outputs (down projections and their weighted copy) dominate
    qint64 ffnLive = 0;
    if (s.isMoe()) {
        const qint64 used = s.numExpertsPerToken;
        ffnLive = 2 * used * h + (s.numSharedExperts > 0 ? 3 * h : 2 * used * s.moeIntermediateSize);
    } else {
        const qint64 ff = s.intermediateSize > 0 ? s.intermediateSize : 4 * h;
        ffnLive = 3 * ff + 2 * h;
    }
    const double ffn = mask + double(ffnLive) * t4;
    // output phase: where the logits land depends on the holes the last layer leaves (measured against llama.cpp's
    // allocator): dense models keep 4 hidden rows (4.5 without flash attention) + the mask below them unless the
    // mask's hole holds a hidden row, then 2 rows; MoE models without shared experts 2 rows; with shared experts
    // 4 rows, + the mask unless it lies between one and four rows (then the rows fit in its hole). When the region the
    // FFN phase frees holds the logits, they reuse it.
    const double row = double(h) * t4;
    double rows = 0;
    double tail = 0;
    if (s.isMoe() && s.numSharedExperts == 0) {
        rows = 2;
        tail = rows * row;
    } else if (s.isMoe()) {
        rows = 4;
        tail = rows * row + (mask < row || mask > rows * row ? mask : 0.0);
    } else {
        rows = mask < row ? (flash ? 4 : 4.5) : 2;
        tail = rows * row + (mask < row ? mask : 0.0);
    }
    const QString tailWhat = QStringLiteral("%1 hidden rows%2").arg(rows).arg(tail > rows * row ? QStringLiteral(" + mask") : QString());
    const double logits = double(s.vocabSize) * t4;
    const double inner = std::max(attn, ffn);
    const bool reuse = inner - rows * row >= logits;
    const double out = reuse ? inner : logits + tail;
    // with a GPU, the scheduler also keeps the graph inputs (embeddings, F32 KQ mask) in a host buffer
    const bool gpu = ctx.p.device != QLatin1String("cpu");
    const double host = gpu ? double(T) * double(h) * 4 + double(nKv) * t4 : 0.0;
    // the output buffer: logits of one row per sequence, reserved at context creation (llama_context::output_reserve)
    const double outputBuf = double(s.vocabSize) * 4 * double(*ctx.p.batch);
    Activation a;
    a.bytes = clampBytes(std::max({attn, ffn, out}) + host + outputBuf);
    a.derivation = QStringLiteral("ggml compute buffer at a prefill chunk of %1 tokens over %2 cells = max(attention: KQ mask %2 × %1 × %3 B%4 + %5 × %1 × 4 B = %6; "
                                  "FFN: mask + %7 × %1 × 4 B = %8; output: logits %9 vocab × %1 × 4 B + %10 = %11)%12 + output buffer %9 × %13 × 4 B = %14")
                       .arg(n(T), n(nKv)).arg(flash ? 2 : 4)
                       .arg(flash ? QStringLiteral(" (flash attention: no score matrix)") : QStringLiteral(" + scores %1 heads × %2 × %3 × 4 B").arg(H).arg(n(nKv), n(T)))
                       .arg(attnWhat, formatMib(qint64(attn)))
                       .arg(n(ffnLive), formatMib(qint64(ffn)))
                       .arg(n(s.vocabSize), reuse ? QStringLiteral("%1, reusing the region the attention/FFN phase freed").arg(tailWhat) : tailWhat, formatMib(qint64(out)))
                       .arg(gpu ? QStringLiteral(" + host copy of the inputs (%1 × %2 + %3 × %1) × 4 B = %4").arg(n(T), n(h), n(nKv), formatMib(qint64(host)))
                                : QString())
                       .arg(*ctx.p.batch).arg(formatMib(a.bytes));
    return a;
}

} // namespace memspec
