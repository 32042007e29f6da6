// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Estimator v0: the arithmetic is written out beside each expectation.
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/review/workspace.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {
Estimate estimateOf(const char *key, const EstimateParams &p = {})
{
    auto ws = Workspace::openBundled();
    EXPECT_TRUE(ws.ok());
    auto e = ws->entry(QLatin1String(key));
    EXPECT_TRUE(e.ok());
    return ws->estimate(e.value(), p);
}
} // namespace

TEST(EstimatorV0, MiniLmF32CheckpointLoadedAsF16OnCuda)
{
    const Estimate e = estimateOf("sentence-transformers/all-MiniLM-L6-v2");
    // weights: 90,868,376 B stored F32, loaded F16 on CUDA -> 90,868,376 × 2/4 = 45,434,188 B
    EXPECT_EQ(e.line(QStringLiteral("weights"))->bytes, 45434188);
    EXPECT_EQ(e.line(QStringLiteral("kv_cache"))->bytes, 0);   // encoder: no KV cache
    // estimator 1.0 adds activations and the CUDA overhead (candle, 512 tokens, F16):
    // activations = 512 × 384 × 2 B × 4 = 1,572,864 + max(Q,K,V 512 × 36 × 32 × 2 = 1,179,648
    //               + scores 12 × 512² × 2 B × 2 = 12,582,912, MLP 512 × 1536 × 2 × 3 = 4,718,592) = 15,335,424
    EXPECT_EQ(e.line(QStringLiteral("activations"))->bytes, 15335424);
    EXPECT_EQ(e.line(QStringLiteral("runtime_overhead"))->bytes, 512 * MiB);   // 536,870,912
    // margin: 10 % × (45,434,188 + 15,335,424 + 536,870,912 = 597,640,524) = 59,764,052.4 -> 59,764,053
    EXPECT_EQ(e.line(QStringLiteral("margin"))->bytes, 59764053);
    EXPECT_EQ(e.totalBytes, 597640524 + 59764053);
    // 657,404,577 B = 626.95 MiB -> rounded up to 700
    EXPECT_EQ(e.estMib, 700);
}

TEST(EstimatorV0, MiniLmOnCpuKeepsF32)
{
    EstimateParams p;
    p.device = QStringLiteral("cpu");
    const Estimate e = estimateOf("bert-minilm", p);
    EXPECT_EQ(e.line(QStringLiteral("weights"))->bytes, 90868376);
}

TEST(EstimatorV0, JinaF16CheckpointStaysF16)
{
    const Estimate e = estimateOf("jinaai/jina-embeddings-v2-base-en");
    // 274,757,256 B stored F16, loaded F16: unchanged
    EXPECT_EQ(e.line(QStringLiteral("weights"))->bytes, 274757256);
    // estimator 1.0: activations at 8192 tokens (F16) = 8192 × 768 × 2 × 4 = 50,331,648 + scores 12 × 8192² × 2 B × 2
    //   = 3,221,225,472 + Q,K,V 8192 × 36 × 64 × 2 = 37,748,736 -> 3,309,305,856
    // overhead = 512 MiB + ALiBi bias 12 × 8192² × 4 B = 3,221,225,472 -> 3,758,096,384
    // margin 10 % × 7,342,159,496 = 734,215,949.6 -> 734,215,950
    EXPECT_EQ(e.line(QStringLiteral("margin"))->bytes, 734215950);
}

TEST(EstimatorV0, PhiKvCachePreallocatedInF32)
{
    const Estimate e = estimateOf("microsoft/phi-4");
    // candle's quantized Phi path: 40 layers × 10 KV heads × 128 dims × 2 × 32,768 tokens × 4 B = 13,421,772,800 B
    EXPECT_EQ(e.line(QStringLiteral("kv_cache"))->bytes, 13421772800LL);
    EXPECT_EQ(e.line(QStringLiteral("kv_cache"))->bytes / MiB, 12800);
    EXPECT_TRUE(e.line(QStringLiteral("kv_cache"))->derivation.contains(QStringLiteral("40 layers")));
}

TEST(EstimatorV0, AlwaysFiveLinesAndRoundedValue)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    for (const RegistryEntry &entry : ws->registry().entries()) {
        const Estimate e = ws->estimate(entry);
        ASSERT_EQ(e.lines.size(), 5) << entry.key.toStdString();
        for (int i = 0; i < 5; ++i) {
            EXPECT_EQ(e.lines.at(i).id, lineIds().at(i));
            EXPECT_GE(e.lines.at(i).bytes, 0);
        }
        EXPECT_EQ(e.estMib % 100, 0);
        EXPECT_GE(e.estMib * MiB, e.totalBytes);
    }
}

TEST(EstimatorV0, ValidateRejectsOutOfPolicyMargin)
{
    EstimateParams p;
    p.marginPct = 35;
    auto v = Estimator::validate(p);
    ASSERT_FALSE(v.ok());
    EXPECT_TRUE(v.error().contains(QStringLiteral("10 to 20")));
}
