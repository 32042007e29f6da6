// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The llama.cpp and diffusers profiles and the serving parameters, arithmetic beside each expectation.
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/review/workspace.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {
Estimate est(const char *key, const EstimateParams &p = {})
{
    auto ws = Workspace::openBundled();
    EXPECT_TRUE(ws.ok());
    auto e = ws->entry(QLatin1String(key));
    EXPECT_TRUE(e.ok());
    return ws->estimate(e.value(), p);
}
EstimateParams runtime(const char *r)
{
    EstimateParams p;
    p.runtime = QLatin1String(r);
    return p;
}
qint64 bytesOf(const Estimate &e, const char *line)
{
    return e.line(QLatin1String(line))->bytes;
}
} // namespace

TEST(LlamaCppProfile, Qwen3CoderDefaults)
{
    const Estimate e = est("qwen3-coder", runtime("llama.cpp"));
    EXPECT_EQ(*e.parameters.ubatch, 512);
    EXPECT_TRUE(*e.parameters.flashAttention);
    EXPECT_EQ(e.parameters.kvType, QStringLiteral("f16"));
    EXPECT_EQ(bytesOf(e, "weights"), 18556689568LL); // GGUF as stored
    EXPECT_EQ(bytesOf(e, "kv_cache"), 3221225472LL); // 48 × 4 × 256 × 32,768 × 2 B = 3,072 MiB
    // compute (llamacpp.cpp), T = 512 so T × 4 B = 2,048 per float of a row; mask F16 32,768 × 512 × 2 = 33,554,432:
    //   attention mask + (2,048 + 3×4,096 + 2×512 = 15,360) × 2,048 = 65,011,712
    //   FFN       mask + (2×8×2,048 + 2×8×768 = 45,056) × 2,048 = 125,829,120
    //   output    logits 151,936 × 2,048 + 2 rows 2 × 2,048 × 2,048 = 319,553,536 (the FFN region cannot hold the
    //   logits)
    //   + host inputs 512×2,048×4 + 32,768×512×4 = 71,303,168 + output buffer 151,936 × 4 = 607,744 -> 391,464,448
    EXPECT_EQ(bytesOf(e, "activations"), 391464448LL);
    EXPECT_EQ(bytesOf(e, "runtime_overhead"), 250 * MiB);
}

TEST(LlamaCppProfile, FlashOffAddsTheScoreMatrix)
{
    EstimateParams p = runtime("llama.cpp");
    p.flashAttention = false;
    const Estimate off = est("qwen3-coder", p);
    const Estimate on = est("qwen3-coder", runtime("llama.cpp"));
    // without flash attention: mask F32 32,768 × 512 × 4 = 67,108,864 + scores 32 heads × 32,768 × 512 × 4 B
    //   = 2,147,483,648 + live projections 15,360 × 2,048 = 31,457,280 (now the largest phase)
    //   + host inputs 71,303,168 + output buffer 607,744 = 2,317,960,704
    EXPECT_EQ(bytesOf(off, "activations"), 2317960704LL);
    EXPECT_EQ(bytesOf(on, "activations"), 391464448LL);
}

TEST(LlamaCppProfile, KimiMlaLatentCache)
{
    const Estimate e = est("kimi-k2", runtime("llama.cpp"));
    // 61 layers × (512 + 64) × 131,072 tokens × 2 B = 9,210,691,584 (8,784 MiB), V-less
    EXPECT_EQ(bytesOf(e, "kv_cache"), 9210691584LL);
    EXPECT_TRUE(e.line(QStringLiteral("kv_cache"))->derivation.contains(QStringLiteral("MLA latent")));
}

TEST(LlamaCppProfile, PhiKeepsEmbeddingQuantizedAndF16Kv)
{
    const Estimate e = est("phi4-reasoning", runtime("llama.cpp"));
    EXPECT_EQ(bytesOf(e, "weights"), 8895000000LL);  // no dequantized token_embd
    EXPECT_EQ(bytesOf(e, "kv_cache"), 6710886400LL); // 40 × 10 × 256 × 32,768 × 2 B
}

TEST(LlamaCppProfile, KvTypes)
{
    EstimateParams p = runtime("llama.cpp");
    p.kvType = QStringLiteral("q8_0");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 1711276032LL); // 3,221,225,472 × 34/32
    p.kvType = QStringLiteral("q4_0");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 905969664LL); // × 18/32
    p.kvType = QStringLiteral("f32");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 6442450944LL); // × 2
    // llama.cpp refuses a quantized V cache without flash attention: asked for, the parameters are refused; from a
    // stored project (no validation on that path) the estimate runs with flash attention on, as llama.cpp's "auto" does
    p.kvType = QStringLiteral("q8_0");
    p.flashAttention = false;
    const auto refused = Estimator::validate(p);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("flash attention"))) << refused.error().toStdString();
    const Estimate switched = est("qwen3-coder", p);
    EXPECT_TRUE(*switched.parameters.flashAttention);
    EXPECT_EQ(bytesOf(switched, "kv_cache"), 1711276032LL);
    EXPECT_TRUE(switched.notes.join(QLatin1Char('\n')).contains(QStringLiteral("refuses a q8_0 V cache")))
        << switched.notes.join(QLatin1Char('\n')).toStdString();
    p.kvType = QStringLiteral("f16"); // an F16 cache runs without flash attention
    EXPECT_TRUE(Estimator::validate(p).ok());
}

TEST(LlamaCppProfile, CpuRepacksQ4KWeightsAndKeepsNoHostCopy)
{
    // Phi-4 at 32,768 tokens, ubatch 512, flash attention on, CPU. llama.cpp's dry run of the synthetic Phi-4 GGUF
    // (tests/conformance/llamacpp-sweep.mjs) prints compute 216.00 MiB + output 0.38 MiB and repacks 120 tensors.
    EstimateParams p = runtime("llama.cpp");
    p.device = QStringLiteral("cpu");
    const Estimate e = est("phi4-reasoning", p);
    // CPU_REPACK: Q4_K mul_mat weights of the Q4_K_M recipe, 144 B per 256 elements:
    //   attn_qkv 20 × 5,120 × 7,680 + attn_output 40 × 5,120² + ffn_up 40 × 5,120 × 35,840 + ffn_down 20 × 17,920 ×
    //   5,120 = 11,010,048,000 elements × 0.5625 = 6,193,152,000 (5,906.25 MiB)
    EXPECT_EQ(bytesOf(e, "weights"), 8895000000LL + 6193152000LL);
    EXPECT_TRUE(e.notes.join(QLatin1Char('\n')).contains(QStringLiteral("CPU_REPACK")));
    // compute: logits 100,352 × 512 × 4 = 205,520,896 above 2 hidden rows 2 × 5,120 × 512 × 4 = 20,971,520 (the
    // 32 MiB mask hole holds the rows) + output buffer 100,352 × 4 = 401,408; no host copy on CPU
    EXPECT_EQ(bytesOf(e, "activations"), 205520896LL + 20971520LL + 401408LL);
}

TEST(LlamaCppProfile, KimiComputeHasNoLatentDecompression)
{
    // Kimi K2 at 131,072 tokens on CPU: mainline llama.cpp multiplies the query into the latent, so the compute
    // buffer is the MoE phase, not per-token K/V: mask 131,072 × 512 × 2 = 134,217,728
    //   + (2 × 8 × 7,168 + 3 × 7,168 = 136,192) × 512 × 4 = 278,921,216 -> 413,138,944 (the dry run: 394.01 MiB)
    //   (the logits, 335,544,320, fit in the region that phase frees) + output buffer 163,840 × 4 = 655,360
    EstimateParams p = runtime("llama.cpp");
    p.device = QStringLiteral("cpu");
    const Estimate e = est("kimi-k2", p);
    EXPECT_EQ(bytesOf(e, "activations"), 413138944LL + 655360LL);
}

TEST(LlamaCppProfile, ContextPaddedTo256)
{
    EstimateParams p = runtime("llama.cpp");
    p.context = 1000; // padded to 1024
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 48LL * 4 * 256 * 1024 * 2);
}

TEST(DiffusersProfile, FluxResidentAndModelOffload)
{
    const Estimate all = est("flux-schnell", runtime("diffusers"));
    EXPECT_EQ(bytesOf(all, "weights"), 33720951818LL); // all four components on the device
    EstimateParams p = runtime("diffusers");
    p.offload = QStringLiteral("model");
    const Estimate off = est("flux-schnell", p);
    // one component at a time: the transformer 23,782,506,688 + carried text embeddings 256 × 4096 × 2 = 2,097,152
    // + latents 128 × 128 × 16 × 4 = 1,048,576
    EXPECT_EQ(bytesOf(off, "weights"), 23782506688LL + 2097152 + 1048576);
    // diffusers upcasts the VAE's upsampling to F32: 1024 × 1024 × 256 × 2 × 10 = 5 GiB
    EXPECT_EQ(bytesOf(all, "activations"), 5LL * GiB);
}

TEST(DiffusersProfile, ResolutionScalesActivations)
{
    EstimateParams p = runtime("diffusers");
    p.width = 512;
    p.height = 512;
    EXPECT_EQ(bytesOf(est("flux-schnell", p), "activations"), 5LL * GiB / 4); // W × H quartered
}

TEST(CandleProfile, CpuLoadsF32AndHasNoDeviceContext)
{
    EstimateParams p;
    p.device = QStringLiteral("cpu");
    const Estimate e = est("bert-minilm", p);
    EXPECT_EQ(bytesOf(e, "weights"), 90868376LL);
    EXPECT_EQ(bytesOf(e, "runtime_overhead"), 0);
}

TEST(CandleProfile, FlashAttentionRemovesEncoderScores)
{
    EstimateParams p;
    p.flashAttention = true;
    // 32768 × 1536 × 2 × 4 = 402,653,184 + max(Q,K,V 335,544,320, MLP 32768 × 8960 × 2 × 3 = 1,761,607,680)
    EXPECT_EQ(bytesOf(est("gte-qwen", p), "activations"), 2164260864LL);
}

TEST(CandleProfile, UbatchBoundsThePrompt)
{
    EstimateParams p;
    p.ubatch = 512;
    const Estimate e = est("phi4-reasoning", p);
    EXPECT_EQ(bytesOf(e, "kv_cache"), 13421772800LL); // still preallocated for the whole context
    // 512 × 5120 × 4 × 4 + 512 × 140 × 128 × 4 + 40 × 512² × 4 × 2 + 100,352 × 4 + u8 mask 512²
    //   = 41,943,040 + 36,700,160 + 83,886,080 + 401,408 + 262,144
    EXPECT_EQ(bytesOf(e, "activations"), 41943040LL + 36700160LL + 83886080LL + 401408LL + 262144LL);
}

TEST(CandleProfile, ComputeDtypeOverridesFloatWeightsOnly)
{
    EstimateParams p;
    p.computeDtype = QStringLiteral("f32");
    EXPECT_EQ(bytesOf(est("jina", p), "weights"), 274757256LL * 2);      // F16 checkpoint held as F32
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "weights"), 18556689568LL); // GGUF stays as stored
}

TEST(Validation, RejectsBadNamesWithTheirValue)
{
    EstimateParams p;
    p.residency = QStringLiteral("sometimes");
    ASSERT_FALSE(Estimator::validate(p).ok());
    EXPECT_TRUE(Estimator::validate(p).error().contains(QStringLiteral("sometimes")));
    p = {};
    p.offload = QStringLiteral("disk");
    EXPECT_FALSE(Estimator::validate(p).ok());
    p = {};
    p.computeDtype = QStringLiteral("int3");
    EXPECT_FALSE(Estimator::validate(p).ok());
    p = {};
    p.ubatch = 0;
    EXPECT_FALSE(Estimator::validate(p).ok());
}

TEST(Validation, RefusesAContextAboveTheModelsMaximum)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    EstimateParams p;
    p.context = 10000000;
    const auto refused = ws->withParameters(QStringLiteral("microsoft/phi-4"), p, QStringLiteral("ann"));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("10,000,000"))) << qPrintable(refused.error());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("maximum"))) << qPrintable(refused.error());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("microsoft/phi-4"))) << qPrintable(refused.error());
    p.context = 4096;
    EXPECT_TRUE(ws->withParameters(QStringLiteral("microsoft/phi-4"), p, QStringLiteral("ann")).ok());
    // Plain validation knows no model: only the absolute range applies there.
    p.context = 10000000;
    EXPECT_TRUE(Estimator::validate(p).ok());
}

TEST(CandleProfile, PhiPreallocatesItsGgufContextWhateverTheRequest)
{
    EstimateParams p;
    p.context = 4096;
    // quantized_phi3 sizes the cache from phi3.context_length (32,768 for Phi-4-reasoning, approximate from the card):
    // 40 × 10 × 256 × 32,768 × 4 B = 13,421,772,800 even for a 4,096-token serving context
    const Estimate e = est("phi4-reasoning", p);
    EXPECT_EQ(bytesOf(e, "kv_cache"), 13421772800LL);
    EXPECT_TRUE(
        e.line(QStringLiteral("kv_cache"))->derivation.contains(QStringLiteral("whatever the serving context")));
    // llama.cpp follows n_ctx: 40 × 10 × 256 × 4,096 × 2 B
    EstimateParams l = runtime("llama.cpp");
    l.context = 4096;
    EXPECT_EQ(bytesOf(est("phi4-reasoning", l), "kv_cache"), 40LL * 10 * 256 * 4096 * 2);
}

TEST(DiffusersProfile, DroppingT5)
{
    EstimateParams p = runtime("diffusers");
    p.dropT5 = true;
    // SD3.5 without T5: 9,795,000,000 B fewer resident weights
    EXPECT_EQ(bytesOf(est("sd35-turbo", runtime("diffusers")), "weights") - bytesOf(est("sd35-turbo", p), "weights"),
              9795000000LL);
    // FLUX cannot drop T5: unchanged, with a note
    const Estimate flux = est("flux-schnell", p);
    EXPECT_EQ(bytesOf(flux, "weights"), 33720951818LL);
    EXPECT_TRUE(flux.notes.join(QLatin1Char('\n')).contains(QStringLiteral("drop_t5 ignored")));
}
