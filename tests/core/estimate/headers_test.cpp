// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Exact tensor bytes from refreshed headers: converted to the loaded dtype, dequantized where the runtime does,
// and only the tensors the runtime reads.
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registry.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {
TensorFact tensor(const char *name, const char *dtype, qint64 elements, double bpe)
{
    return TensorFact{QLatin1String(name), QLatin1String(dtype), {elements}, elements, qint64(double(elements) * bpe)};
}
} // namespace

TEST(HeaderWeights, SafetensorsF32LoadedAsF16)
{
    RegistryEntry e = *Registry::bundled().find(QStringLiteral("bert-minilm"));
    ModelFacts f;
    f.key = e.key;
    WeightHeaderFact h;
    h.repo = e.key;
    h.path = QStringLiteral("model.safetensors");
    h.format = QStringLiteral("safetensors");
    h.tensors = {tensor("embeddings.word_embeddings.weight", "F32", 30522 * 384, 4),
                 tensor("pooler.dense.bias", "F32", 384, 4), tensor("position_ids", "I64", 512, 8)};
    f.headers = {h};
    const Estimate est = Estimator::estimate(e, &f, {});
    // (11,720,448 + 384) × 2 B (F16 on CUDA) + 512 × 8 B (integer tensor as stored) = 23,441,664 + 4,096
    EXPECT_EQ(est.line(QStringLiteral("weights"))->bytes, 23441664LL + 4096);
    EXPECT_EQ(est.basis, QStringLiteral("exact tensor headers"));
}

TEST(HeaderWeights, PhiTokenEmbeddingDequantizedOnCandleOnly)
{
    RegistryEntry e = *Registry::bundled().find(QStringLiteral("phi4-reasoning"));
    ModelFacts f;
    f.key = e.key;
    WeightHeaderFact h;
    h.repo = e.components.first().repo;
    h.path = e.components.first().files.first();
    h.format = QStringLiteral("gguf");
    h.metadata = QJsonObject{{QStringLiteral("general.architecture"), QStringLiteral("phi3")},
                             {QStringLiteral("phi3.block_count"), 40},
                             {QStringLiteral("phi3.embedding_length"), 5120},
                             {QStringLiteral("phi3.attention.head_count"), 40},
                             {QStringLiteral("phi3.attention.head_count_kv"), 10},
                             {QStringLiteral("phi3.context_length"), 32768}};
    h.tensors = {tensor("token_embd.weight", "Q4_K", 100352LL * 5120, 144.0 / 256),
                 tensor("output.weight", "Q6_K", 100352LL * 5120, 210.0 / 256)};
    f.headers = {h};
    const Estimate candle = Estimator::estimate(e, &f, {});
    // token_embd 513,802,240 elements × 4 B = 2,055,208,960 + output as stored 513,802,240 × 210/256 = 421,478,400
    EXPECT_EQ(candle.line(QStringLiteral("weights"))->bytes, 2055208960LL + 421478400LL);
    // the shape now comes from the GGUF header: 40 × 10 × 256 × 32,768 × 4 B
    EXPECT_EQ(candle.line(QStringLiteral("kv_cache"))->bytes, 13421772800LL);
    EstimateParams lp;
    lp.runtime = QStringLiteral("llama.cpp");
    const Estimate llama = Estimator::estimate(e, &f, lp);
    EXPECT_EQ(llama.line(QStringLiteral("weights"))->bytes, 289013760LL + 421478400LL); // both as stored
}

TEST(HeaderWeights, T5EncoderSkipsDecoderTensors)
{
    RegistryEntry e = *Registry::bundled().find(QStringLiteral("flux-schnell"));
    ModelFacts f;
    f.key = e.key;
    for (const WeightComponent &c : e.components) {
        WeightHeaderFact h;
        h.repo = c.repo;
        h.path = c.files.first();
        h.format = QStringLiteral("safetensors");
        if (c.id == QLatin1String("t5")) {
            h.tensors = {tensor("encoder.block.0.layer.0.SelfAttention.q.weight", "F32", 4096 * 4096, 4),
                         tensor("decoder.block.0.layer.0.SelfAttention.q.weight", "F32", 4096 * 4096, 4),
                         tensor("lm_head.weight", "F32", 32128 * 4096, 4)};
        } else {
            h.tensors = {tensor("w", "BF16", 1000, 2)};
        }
        f.headers << h;
    }
    const Estimate est = Estimator::estimate(e, &f, {});
    // t5: one encoder tensor 16,777,216 × 2 B (BF16) = 33,554,432; three other components 1,000 × 2 B each
    EXPECT_EQ(est.line(QStringLiteral("weights"))->bytes, 33554432LL + 3 * 2000);
    EXPECT_TRUE(est.line(QStringLiteral("weights"))->derivation.contains(QStringLiteral("never reads skipped")));
}

TEST(HeaderWeights, LlamaCppCpuRepacksQ4KMatmulWeightsFromHeaders)
{
    RegistryEntry e = *Registry::bundled().find(QStringLiteral("kimi-k2"));
    ModelFacts f;
    f.key = e.key;
    const WeightComponent &c = e.components.first();
    for (const QString &path : c.files) {
        WeightHeaderFact h;
        h.repo = c.repo;
        h.path = path;
        h.format = QStringLiteral("gguf");
        if (path == c.files.first()) {
            auto t = [](const char *name, const char *dtype, QList<qint64> shape, double bpe) {
                qint64 n = 1;
                for (qint64 d : shape) {
                    n *= d;
                }
                return TensorFact{QLatin1String(name), QLatin1String(dtype), shape, n, qint64(double(n) * bpe)};
            };
            h.tensors = {t("token_embd.weight", "Q4_K", {7168, 163840}, 144.0 / 256),           // get_rows: stays
                         t("blk.1.ffn_up_exps.weight", "Q4_K", {7168, 2048, 384}, 144.0 / 256), // mul_mat_id: repacked
                         t("blk.1.attn_v_b.weight", "Q4_K", {512, 128, 64}, 144.0 / 256),       // 3-D mul_mat: stays
                         t("blk.1.attn_output.weight", "Q4_K", {8192, 7168}, 144.0 / 256),      // repacked
                         t("blk.1.ffn_down_exps.weight", "Q6_K", {2048, 7168, 384}, 210.0 / 256)}; // no x86 repack
        }
        f.headers << h;
    }
    EstimateParams p;
    p.runtime = QStringLiteral("llama.cpp");
    const qint64 cuda = Estimator::estimate(e, &f, p).line(QStringLiteral("weights"))->bytes;
    p.device = QStringLiteral("cpu");
    const qint64 cpu = Estimator::estimate(e, &f, p).line(QStringLiteral("weights"))->bytes;
    // CPU_REPACK copy: (7,168 × 2,048 × 384 + 8,192 × 7,168) × 144/256 = 3,170,893,824 + 33,030,144
    EXPECT_EQ(cpu - cuda, 3170893824LL + 33030144LL);
}
