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
    EXPECT_EQ(bytesOf(e, "weights"), 18556689568LL);          // GGUF as stored
    EXPECT_EQ(bytesOf(e, "kv_cache"), 3221225472LL);          // 48 × 4 × 256 × 32,768 × 2 B = 3,072 MiB
    // compute: inputs 512×2048×4 + mask 32768×512×2 = 37,748,736
    //        + max(attention 2×512×4096×4 + 512×2048×4 = 20,971,520, FFN 4×6144×512×4 + 128×512×4 = 50,593,792,
    //              output (151,936 + 2,048) × 512 × 4 = 315,359,232)
    //        + host inputs 512×2048×4 + 32768×512×4 = 71,303,168  -> 424,411,136
    EXPECT_EQ(bytesOf(e, "activations"), 424411136LL);
    EXPECT_EQ(bytesOf(e, "runtime_overhead"), 250 * MiB);
}

TEST(LlamaCppProfile, FlashOffAddsTheScoreMatrix)
{
    EstimateParams p = runtime("llama.cpp");
    p.flashAttention = false;
    const Estimate off = est("qwen3-coder", p);
    const Estimate on = est("qwen3-coder", runtime("llama.cpp"));
    // without flash attention: inputs 512×2048×4 + mask F32 32768×512×4 = 71,303,168
    //   + attention 20,971,520 + scores 32 heads × 32,768 × 512 × 4 B = 2,147,483,648 (now the largest branch)
    //   + host inputs 71,303,168 = 2,311,061,504
    EXPECT_EQ(bytesOf(off, "activations"), 2311061504LL);
    EXPECT_EQ(bytesOf(on, "activations"), 424411136LL);
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
    EXPECT_EQ(bytesOf(e, "weights"), 8895000000LL);     // no dequantized token_embd
    EXPECT_EQ(bytesOf(e, "kv_cache"), 6710886400LL);    // 40 × 10 × 256 × 32,768 × 2 B
}

TEST(LlamaCppProfile, KvTypes)
{
    EstimateParams p = runtime("llama.cpp");
    p.kvType = QStringLiteral("q8_0");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 1711276032LL);   // 3,221,225,472 × 34/32
    p.kvType = QStringLiteral("q4_0");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 905969664LL);    // × 18/32
    p.kvType = QStringLiteral("f32");
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 6442450944LL);   // × 2
    // without flash attention llama.cpp keeps V in F16: 48 × 4 × 32,768 × (128 × 34/32 + 128 × 2) = 1,711,276,032 / 2 + 1,610,612,736
    p.kvType = QStringLiteral("q8_0");
    p.flashAttention = false;
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 855638016LL + 1610612736LL);
}

TEST(LlamaCppProfile, ContextPaddedTo256)
{
    EstimateParams p = runtime("llama.cpp");
    p.context = 1000;   // padded to 1024
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "kv_cache"), 48LL * 4 * 256 * 1024 * 2);
}

TEST(DiffusersProfile, FluxResidentAndModelOffload)
{
    const Estimate all = est("flux-schnell", runtime("diffusers"));
    EXPECT_EQ(bytesOf(all, "weights"), 33720951818LL);   // all four components on the device
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
    EXPECT_EQ(bytesOf(est("flux-schnell", p), "activations"), 5LL * GiB / 4);   // W × H quartered
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
    EXPECT_EQ(bytesOf(e, "kv_cache"), 13421772800LL);   // still preallocated for the whole context
    // 512 × 5120 × 4 × 4 + 512 × 140 × 128 × 4 + 40 × 512² × 4 × 2 + 100,352 × 4 + u8 mask 512²
    //   = 41,943,040 + 36,700,160 + 83,886,080 + 401,408 + 262,144
    EXPECT_EQ(bytesOf(e, "activations"), 41943040LL + 36700160LL + 83886080LL + 401408LL + 262144LL);
}

TEST(CandleProfile, ComputeDtypeOverridesFloatWeightsOnly)
{
    EstimateParams p;
    p.computeDtype = QStringLiteral("f32");
    EXPECT_EQ(bytesOf(est("jina", p), "weights"), 274757256LL * 2);            // F16 checkpoint held as F32
    EXPECT_EQ(bytesOf(est("qwen3-coder", p), "weights"), 18556689568LL);      // GGUF stays as stored
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

TEST(CandleProfile, PhiPreallocatesItsGgufContextWhateverTheRequest)
{
    EstimateParams p;
    p.context = 4096;
    // quantized_phi3 sizes the cache from phi3.context_length (32,768 for Phi-4-reasoning, approximate from the card):
    // 40 × 10 × 256 × 32,768 × 4 B = 13,421,772,800 even for a 4,096-token serving context
    const Estimate e = est("phi4-reasoning", p);
    EXPECT_EQ(bytesOf(e, "kv_cache"), 13421772800LL);
    EXPECT_TRUE(e.line(QStringLiteral("kv_cache"))->derivation.contains(QStringLiteral("whatever the serving context")));
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
    EXPECT_EQ(bytesOf(est("sd35-turbo", runtime("diffusers")), "weights") - bytesOf(est("sd35-turbo", p), "weights"), 9795000000LL);
    // FLUX cannot drop T5: unchanged, with a note
    const Estimate flux = est("flux-schnell", p);
    EXPECT_EQ(bytesOf(flux, "weights"), 33720951818LL);
    EXPECT_TRUE(flux.notes.join(QLatin1Char('\n')).contains(QStringLiteral("drop_t5 ignored")));
}
