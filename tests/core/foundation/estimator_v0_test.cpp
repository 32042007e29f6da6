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
    // margin: 10 % (embedding model) × 45,434,188 = 4,543,418.8 -> 4,543,419
    EXPECT_EQ(e.line(QStringLiteral("margin"))->bytes, 4543419);
    EXPECT_EQ(e.totalBytes, 45434188 + 4543419);
    // 49,977,607 B = 47.66 MiB -> 48 MiB -> rounded up to 100
    EXPECT_EQ(e.estMib, 100);
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
    // 10 % margin: 27,475,725.6 -> 27,475,726
    EXPECT_EQ(e.line(QStringLiteral("margin"))->bytes, 27475726);
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
