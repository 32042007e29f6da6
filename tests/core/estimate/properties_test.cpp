// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Properties over every registry model and profile: monotone in context and batch, never negative, rounding.
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace memspec;

namespace {
const char *const kRuntimes[] = {"candle", "llama.cpp", "diffusers"};

void checkInvariants(const Estimate &e, const std::string &what)
{
    ASSERT_EQ(e.lines.size(), 5) << what;
    qint64 sum = 0;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(e.lines.at(i).id, lineIds().at(i)) << what;
        EXPECT_GE(e.lines.at(i).bytes, 0) << what;
        sum += e.lines.at(i).bytes;
    }
    EXPECT_EQ(sum, e.totalBytes) << what;
    EXPECT_EQ(e.estMib % 100, 0) << what;
    EXPECT_GE(e.estMib * MiB, e.totalBytes) << what;
    EXPECT_LT(e.estMib * MiB - e.totalBytes, 101 * MiB) << what;
    const QJsonObject j = e.toJson();
    EXPECT_EQ(j.value(QLatin1String("unit")).toString(), QStringLiteral("MiB"));
    EXPECT_EQ(j.value(QLatin1String("lines")).toArray().size(), 5);
}
} // namespace

TEST(EstimateProperties, MonotoneInContextForEveryModelAndProfile)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    for (const RegistryEntry &entry : ws->registry().entries()) {
        for (const char *rt : kRuntimes) {
            qint64 prevTotal = -1;
            qint64 prevKv = -1;
            for (qint64 ctx : {256, 2048, 8192, 32768}) {
                EstimateParams p;
                p.runtime = QLatin1String(rt);
                p.context = ctx;
                const Estimate e = ws->estimate(entry, p);
                const std::string what = entry.key.toStdString() + " " + rt + " ctx " + std::to_string(ctx);
                checkInvariants(e, what);
                EXPECT_GE(e.totalBytes, prevTotal) << what;
                EXPECT_GE(e.line(QStringLiteral("kv_cache"))->bytes, prevKv) << what;
                prevTotal = e.totalBytes;
                prevKv = e.line(QStringLiteral("kv_cache"))->bytes;
            }
        }
    }
}

TEST(EstimateProperties, MonotoneInBatch)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    for (const RegistryEntry &entry : ws->registry().entries()) {
        for (const char *rt : kRuntimes) {
            qint64 prev = -1;
            for (qint64 batch : {1, 2, 4}) {
                EstimateParams p;
                p.runtime = QLatin1String(rt);
                p.batch = batch;
                p.context = 2048;
                const Estimate e = ws->estimate(entry, p);
                const std::string what = entry.key.toStdString() + " " + rt + " batch " + std::to_string(batch);
                checkInvariants(e, what);
                EXPECT_GE(e.totalBytes, prev) << what;
                prev = e.totalBytes;
            }
        }
    }
}

TEST(EstimateProperties, MarginFollowsThePercentage)
{
    auto ws = Workspace::openBundled();
    const RegistryEntry entry = ws->entry(QStringLiteral("qwen3-coder")).value();
    EstimateParams lo;
    lo.marginPct = 10;
    EstimateParams hi;
    hi.marginPct = 20;
    const Estimate a = ws->estimate(entry, lo);
    const Estimate b = ws->estimate(entry, hi);
    EXPECT_EQ(a.totalBytes - a.line(QStringLiteral("margin"))->bytes, b.totalBytes - b.line(QStringLiteral("margin"))->bytes);
    EXPECT_NEAR(double(b.line(QStringLiteral("margin"))->bytes), 2.0 * double(a.line(QStringLiteral("margin"))->bytes), 2.0);
}

TEST(EstimateProperties, DefaultMarginPolicy)
{
    auto ws = Workspace::openBundled();
    EXPECT_EQ(Estimator::defaultMarginPct(ws->entry(QStringLiteral("stella")).value()), 10);
    EXPECT_EQ(Estimator::defaultMarginPct(ws->entry(QStringLiteral("clip")).value()), 10);
    EXPECT_EQ(Estimator::defaultMarginPct(ws->entry(QStringLiteral("phi4-reasoning")).value()), 15);
    EXPECT_EQ(Estimator::defaultMarginPct(ws->entry(QStringLiteral("llava")).value()), 20);
    EXPECT_EQ(Estimator::defaultMarginPct(ws->entry(QStringLiteral("flux-schnell")).value()), 20);
}

TEST(EstimateProperties, NoFactsSaysSoInsteadOfInventing)
{
    auto ws = Workspace::openBundled();
    RegistryEntry entry = ws->entry(QStringLiteral("qwen3-coder")).value();
    const Estimate e = Estimator::estimate(entry, nullptr, {});
    EXPECT_EQ(e.line(QStringLiteral("weights"))->bytes, 0);
    EXPECT_EQ(e.line(QStringLiteral("kv_cache"))->bytes, 0);
    EXPECT_TRUE(e.notes.join(QLatin1Char('\n')).contains(QStringLiteral("unknown")));
    EXPECT_EQ(e.basis, QStringLiteral("unknown"));
}

TEST(EstimateProperties, RuleOfThumbIsACrossCheckOnly)
{
    auto ws = Workspace::openBundled();
    const Estimate emb = ws->estimate(ws->entry(QStringLiteral("bert-minilm")).value());
    // embeddings: disk size 90,868,376 × 1.1 = 99,955,213.6 -> 99,955,214
    EXPECT_EQ(emb.ruleOfThumbBytes, 99955214LL);
    EXPECT_TRUE(emb.ruleOfThumb.contains(QStringLiteral("× 1.1")));
    const Estimate q = ws->estimate(ws->entry(QStringLiteral("qwen3-coder")).value());
    EXPECT_TRUE(q.ruleOfThumb.contains(QStringLiteral("× 4 bits / 8 × 1.15")));
    EXPECT_NE(q.ruleOfThumbBytes, q.totalBytes);
}

TEST(EstimateProperties, HostileShapesNeitherOverflowNorGoNegative)
{
    auto ws = Workspace::openBundled();
    for (const char *key : {"qwen3-coder", "jina", "llava", "kimi-k2"}) {
        RegistryEntry entry = ws->entry(QLatin1String(key)).value();
        ModelFacts f = *ws->facts().find(entry.key);
        f.config = QJsonObject{{QStringLiteral("model_type"), QStringLiteral("x")},
                               {QStringLiteral("hidden_size"), 1e300},
                               {QStringLiteral("num_hidden_layers"), 2147483647.0},
                               {QStringLiteral("num_attention_heads"), 2147483647.0},
                               {QStringLiteral("num_key_value_heads"), -5},
                               {QStringLiteral("max_position_embeddings"), 2147483647.0},
                               {QStringLiteral("position_embedding_type"), QStringLiteral("alibi")},
                               {QStringLiteral("first_k_dense_replace"), 1e9},
                               {QStringLiteral("n_routed_experts"), 2147483647.0}};
        f.files.clear();
        f.components = {};
        const Estimate e = Estimator::estimate(entry, &f, {});
        ASSERT_EQ(e.lines.size(), 5) << key;
        for (const EstimateLine &l : e.lines) {
            EXPECT_GE(l.bytes, 0) << key << " " << l.id.toStdString();
            EXPECT_LE(l.bytes, qint64(2e18)) << key << " " << l.id.toStdString();
        }
        EXPECT_GE(e.totalBytes, 0) << key;
        EXPECT_TRUE(e.notes.join(QLatin1Char('\n')).contains(QStringLiteral("implausible"))) << key;
    }
}

// Derivations, sources, notes and refusals are shown in the studio and exported into the model docs: they use the
// studio's words (prefill chunk, flash attention, KV cache), never a memspec command-line flag. The CLI adds its
// flag names in its own output.
TEST(EstimateProperties, TextUsesTheStudiosWordsNotCliFlags)
{
    static const QRegularExpression cliFlag(QStringLiteral("--(ubatch|flash-attn|kv-type|compute-dtype|context|batch|"
                                                           "runtime|device|margin|resolution|offline|project|"
                                                           "allow-unapproved|source-tree)\\b"));
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    int prefillSources = 0;
    for (const RegistryEntry &entry : ws->registry().entries()) {
        for (const char *rt : kRuntimes) {
            for (const bool flash : {false, true}) {
                for (const qint64 ctx : {2048, 32768}) {
                    EstimateParams p;
                    p.runtime = QLatin1String(rt);
                    p.flashAttention = flash;
                    p.context = ctx;
                    p.ubatch = ctx;
                    const Estimate e = ws->estimate(entry, p);
                    const std::string what = entry.key.toStdString() + " " + rt + (flash ? " flash" : " no flash");
                    QStringList texts = e.notes;
                    for (const EstimateLine &l : e.lines) {
                        texts << l.derivation << l.sources;
                    }
                    for (const QString &t : std::as_const(texts)) {
                        EXPECT_FALSE(cliFlag.match(t).hasMatch()) << what << ": " << t.toStdString();
                        EXPECT_FALSE(t.contains(QStringLiteral("ubatch"))) << what << ": " << t.toStdString();
                        prefillSources += t.contains(QStringLiteral("prefill chunk")) ? 1 : 0;
                    }
                }
            }
        }
    }
    EXPECT_GT(prefillSources, 0);   // the activations line names the prefill chunk it was computed for

    EstimateParams zero;
    zero.ubatch = 0;
    const auto z = Estimator::validate(zero);
    ASSERT_FALSE(z.ok());
    EXPECT_TRUE(z.error().startsWith(QStringLiteral("prefill chunk 0 is out of range"))) << z.error().toStdString();
    EstimateParams q8;
    q8.runtime = QStringLiteral("llama.cpp");
    q8.kvType = QStringLiteral("q8_0");
    q8.flashAttention = false;
    const auto refused = Estimator::validate(q8);
    ASSERT_FALSE(refused.ok());
    EXPECT_FALSE(cliFlag.match(refused.error()).hasMatch()) << refused.error().toStdString();
    EXPECT_TRUE(refused.error().contains(QStringLiteral("turn flash attention on"))) << refused.error().toStdString();
}
