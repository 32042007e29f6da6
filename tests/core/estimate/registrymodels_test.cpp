// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The 12 registry models under the candle profile on CUDA (the service's defaults), line by line.
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/review/workspace.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {

struct Row
{
    const char *key;
    qint64 weights, kv, activations, overhead, margin, estMib;
};

// Arithmetic (bytes; b = bytes per element; T = tokens of one forward pass; overhead = 512 MiB = 536,870,912):
// stella  W = 6,173,113,776 × 2/4 + 6,295,744 (head F32) = 3,092,852,632;
//         A(T 8192, b 2) = 8192×1536×2×4 + max(8192×40×128×2 + 12×8192²×2×2, 8192×8960×2×3) = 3,405,774,848
// minilm  W = 90,868,376 × 2/4; A = 512×384×2×4 + 512×36×32×2 + 12×512²×2×2 = 15,335,424
// gte     W = 7,104,826,920 × 2/4; A(T 32768) = 32768×1536×2×4 + 32768×40×128×2 + 12×32768²×2×2 = 52,277,805,056
// jina    W = 274,757,256 (F16); A = 8192×768×2×4 + 8192×36×64×2 + 12×8192²×2×2; overhead + ALiBi 12×8192²×4
// nvembed W = 15,702,070,552 (F16); A = 32768×4096×2×4 + 32768×112×128×2 + 32×32768²×2×2 + latent 8×32768×512×2×2
// phi     W = 8,895,000,000 (approx. Q4_K_M) + 100,352×5,120×(4 − 0.5625) (token_embd → F32) = 10,661,195,200
//         KV = 40 × 10 × (128+128) × 32,768 × 4 B = 13,421,772,800 (12,800 MiB, preallocated F32)
//         A(T 32768, F32) = 32768×5120×4×4 + 32768×140×128×4 + 40×32768²×4×2 + 100,352×4 + u8 mask 32768² =
//         349,704,691,712
// kimi    W = 621,500,000,000 (approx. 13 parts: "621 GB" decimal); KV = 61 × 64 × (192+128) × 4,096 (RoPE cap) × 4 B =
// 20,468,203,520
//         A(T 4096) = 4096×7168×4×4 + 4096×192×192×4 + 64×4096²×4×2 + 163,840×4 + mask 4096² = 9,681,108,992
//         overhead + RoPE tables 4096 × 32 × 2 × 4 = 1,048,576
// qwen3   W = 18,556,689,568 (exact); KV = 48 × 4 × 256 × 32,768 × 4 B = 6,442,450,944
//         A = 32768×2048×4×4 + 32768×104×128×4 + 32×32768²×4×2 + 151,936×4 + mask 32768² = 278,770,828,800
// clip    W = 605,157,884 (F32 as stored)
// llava   W = 4,995,000,000 + 4,965,000,000 + 4,185,000,000 (display sizes, upper end); KV = 32×32×256×4096×2 =
// 2,147,483,648
//         A = max(LLM 4096×4096×2×4 + 4096×96×128×2 + 32×4096²×2×2 + 32,064×4 + mask 4096², vision tower 577 tokens)
// flux    W = 23,782,506,688 + 335,304,388 × 2/4 + 9,524,648,584 (T5 encoder) + 246,144,352 (CLIP-L text) =
// 33,720,951,818
//         A = VAE 1024×1024×256×2×6 + mid attention 16384²×2×2 = 4,294,967,296
// sd35    phased: W = denoise 16,550,000,000 + carried (77×4096×2 + 128×128×16×4 = 1,679,360) = 16,551,679,360
//         A = (4096 + 154) × 2432 × 2 × 44 = 909,568,000 (flash attention)
// margin = pct × (W + KV + A + overhead), rounded up; est = ceil(total / MiB) rounded up to 100.
const Row kRows[] = {
    {"stella", 3092852632LL, 0, 3405774848LL, 536870912LL, 703549840LL, 7400},
    {"bert-minilm", 45434188LL, 0, 15335424LL, 536870912LL, 59764053LL, 700},
    {"gte-qwen", 3552413460LL, 0, 52277805056LL, 536870912LL, 5636708943LL, 59200},
    {"jina", 274757256LL, 0, 3309305856LL, 3758096384LL, 734215950LL, 7800},
    {"nvembed", 15702070552LL, 0, 139989090304LL, 536870912LL, 15622803177LL, 163900},
    {"phi4-reasoning", 10661195200LL, 13421772800LL, 349704691712LL, 536870912LL, 56148679594LL, 410600},
    {"kimi-k2", 621500000000LL, 20468203520LL, 9681108992LL, 537919488LL, 97828084800LL, 715300},
    {"qwen3-coder", 18556689568LL, 6442450944LL, 278770828800LL, 536870912LL, 45646026034LL, 333800},
    {"clip", 605157884LL, 0, 2523136LL, 536870912LL, 114455194LL, 1300},
    {"llava", 14145000000LL, 2147483648LL, 2399270144LL, 536870912LL, 3845724941LL, 22100},
    {"flux-schnell", 33720951818LL, 0, 4294967296LL, 536870912LL, 7710558006LL, 44200},
    {"sd35-turbo", 16551679360LL, 0, 909568000LL, 536870912LL, 3599623655LL, 20600},
};

class RegistryModels : public ::testing::TestWithParam<Row>
{
};

} // namespace

TEST_P(RegistryModels, CandleCudaDefaults)
{
    const Row &r = GetParam();
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    auto entry = ws->entry(QLatin1String(r.key));
    ASSERT_TRUE(entry.ok());
    const Estimate e = ws->estimate(entry.value());
    EXPECT_EQ(e.parameters.runtime, QStringLiteral("candle"));
    EXPECT_EQ(e.line(QStringLiteral("weights"))->bytes, r.weights);
    EXPECT_EQ(e.line(QStringLiteral("kv_cache"))->bytes, r.kv);
    EXPECT_EQ(e.line(QStringLiteral("activations"))->bytes, r.activations);
    EXPECT_EQ(e.line(QStringLiteral("runtime_overhead"))->bytes, r.overhead);
    EXPECT_EQ(e.line(QStringLiteral("margin"))->bytes, r.margin);
    EXPECT_EQ(e.totalBytes, r.weights + r.kv + r.activations + r.overhead + r.margin);
    EXPECT_EQ(e.estMib, r.estMib);
    for (const EstimateLine &l : e.lines) {
        EXPECT_FALSE(l.derivation.isEmpty()) << r.key << " " << l.id.toStdString();
        if (l.bytes > 0) {
            EXPECT_FALSE(l.sources.isEmpty()) << r.key << " " << l.id.toStdString();
        }
    }
    EXPECT_GT(e.ruleOfThumbBytes, 0);
    EXPECT_FALSE(e.basis.isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Twelve, RegistryModels, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row> &i) {
                             std::string n = i.param.key;
                             for (char &c : n) {
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return n;
                         });

TEST(RegistryModelsDetail, PhiKvDerivationWritesTheNumbers)
{
    auto ws = Workspace::openBundled();
    const Estimate e = ws->estimate(ws->entry(QStringLiteral("phi4-reasoning")).value());
    const QString d = e.line(QStringLiteral("kv_cache"))->derivation;
    EXPECT_TRUE(d.contains(QStringLiteral("40 layers × 10 KV heads × (128 + 128)"))) << d.toStdString();
    EXPECT_TRUE(d.contains(QStringLiteral("12,800 MiB")));
    EXPECT_TRUE(d.contains(QStringLiteral("preallocates")));
    EXPECT_EQ(e.parameters.kvType, QStringLiteral("f32"));
    EXPECT_EQ(e.basis, QStringLiteral("approximate file sizes"));
    EXPECT_TRUE(
        e.line(QStringLiteral("weights"))->derivation.contains(QStringLiteral("token_embd dequantized to F32")));
}

TEST(RegistryModelsDetail, JinaAlibiBiasIsOverhead)
{
    auto ws = Workspace::openBundled();
    const Estimate e = ws->estimate(ws->entry(QStringLiteral("jina")).value());
    // 12 heads × 8192 × 8192 × 4 B = 3,221,225,472 = 3 GiB on top of the 512 MiB CUDA context
    EXPECT_EQ(e.line(QStringLiteral("runtime_overhead"))->bytes - 512 * MiB, 3LL * GiB);
    EXPECT_TRUE(e.line(QStringLiteral("runtime_overhead"))->derivation.contains(QStringLiteral("ALiBi")));
}

TEST(RegistryModelsDetail, KimiSaysWhichMlaVariant)
{
    auto ws = Workspace::openBundled();
    const Estimate e = ws->estimate(ws->entry(QStringLiteral("kimi-k2")).value());
    EXPECT_TRUE(e.line(QStringLiteral("kv_cache"))->derivation.contains(QStringLiteral("4096 positions")));
    EXPECT_TRUE(e.notes.join(QLatin1Char('\n')).contains(QStringLiteral("decompressed per-head K and V")));
}

TEST(RegistryModelsDetail, Sd35PhasedAndFluxResident)
{
    auto ws = Workspace::openBundled();
    const Estimate sd = ws->estimate(ws->entry(QStringLiteral("sd35-turbo")).value());
    EXPECT_EQ(sd.parameters.residency, QStringLiteral("phased"));
    EXPECT_TRUE(sd.line(QStringLiteral("weights"))->derivation.contains(QStringLiteral("largest phase \"denoise\"")));
    // switching SD3.5 to resident sums all five components: 16.55e9 + 1.395e9 + 2 × 0.2465e9 + 9.795e9 + 167,666,902
    EstimateParams resident;
    resident.residency = QStringLiteral("resident");
    const Estimate sdr = ws->estimate(ws->entry(QStringLiteral("sd35-turbo")).value(), resident);
    EXPECT_EQ(sdr.line(QStringLiteral("weights"))->bytes,
              16550000000LL + 1395000000LL + 493000000LL + 9795000000LL + 167666902LL);
    const Estimate fl = ws->estimate(ws->entry(QStringLiteral("flux-schnell")).value());
    EXPECT_EQ(fl.parameters.residency, QStringLiteral("resident"));
    EXPECT_TRUE(fl.line(QStringLiteral("weights"))->derivation.contains(QStringLiteral("resident together")));
}
