// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// config.json / GGUF metadata -> ModelShape for every registry architecture.
#include "app/formats/modelshape.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace memspec;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}
} // namespace

TEST(ModelShape, Qwen2GqaWithoutHeadDimDerivesIt)
{
    const ModelShape s = ModelShape::fromConfig(obj(R"({"model_type":"qwen2","hidden_size":1536,"num_hidden_layers":28,
        "num_attention_heads":12,"num_key_value_heads":2,"intermediate_size":8960,"vocab_size":151646,
        "sliding_window":131072,"use_sliding_window":false})"));
    EXPECT_EQ(s.numKvHeads, 2);
    EXPECT_EQ(s.headDim, 128);     // 1536 / 12
    EXPECT_EQ(s.slidingWindow, 0); // use_sliding_window false
    EXPECT_TRUE(s.source("headDim").contains(QStringLiteral("hidden_size / num_attention_heads")));
    EXPECT_TRUE(s.warnings.isEmpty());
}

TEST(ModelShape, BertIsMhaAndJinaIsAlibi)
{
    const ModelShape bert = ModelShape::fromConfig(
        obj(R"({"model_type":"bert","hidden_size":384,"num_hidden_layers":6,"num_attention_heads":12})"));
    EXPECT_EQ(bert.numKvHeads, 12);
    EXPECT_EQ(bert.headDim, 32);
    EXPECT_FALSE(bert.alibi);
    const ModelShape jina =
        ModelShape::fromConfig(obj(R"({"model_type":"bert","hidden_size":768,"num_attention_heads":12,
        "max_position_embeddings":8192,"position_embedding_type":"alibi"})"));
    EXPECT_TRUE(jina.alibi);
    EXPECT_EQ(jina.maxPositions, 8192);
}

TEST(ModelShape, NvEmbedReadsTextConfigAndLatentAttention)
{
    const ModelShape s = ModelShape::fromConfig(obj(R"({"model_type":"nvembed","hidden_size":4096,
        "text_config":{"model_type":"mistral","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,
                       "num_key_value_heads":8,"head_dim":128,"intermediate_size":14336},
        "latent_attention_defaults":{"num_latents_value":512,"num_cross_heads":8}})"));
    EXPECT_EQ(s.numLayers, 32);
    EXPECT_EQ(s.numKvHeads, 8);
    EXPECT_EQ(s.latentAttentionLatents, 512);
    EXPECT_EQ(s.latentAttentionHeads, 8);
    EXPECT_TRUE(s.source("numLayers").contains(QStringLiteral("text_config.num_hidden_layers")));
}

TEST(ModelShape, DeepseekMlaAndMoe)
{
    const ModelShape s =
        ModelShape::fromConfig(obj(R"({"model_type":"kimi_k2","hidden_size":7168,"num_hidden_layers":61,
        "num_attention_heads":64,"kv_lora_rank":512,"qk_rope_head_dim":64,"qk_nope_head_dim":128,"v_head_dim":128,
        "n_routed_experts":384,"num_experts_per_tok":8,"moe_intermediate_size":2048,"n_shared_experts":1,"first_k_dense_replace":1})"));
    EXPECT_TRUE(s.isMla());
    EXPECT_TRUE(s.isMoe());
    EXPECT_EQ(s.numKvHeads, 64);
    EXPECT_EQ(s.kvLoraRank + s.qkRopeHeadDim, 576);
    EXPECT_EQ(s.numExperts, 384);
    EXPECT_EQ(s.firstDenseLayers, 1);
}

TEST(ModelShape, ClipVisionPartAndLlavaTower)
{
    const QJsonObject clip = obj(R"({"model_type":"clip","projection_dim":512,
        "text_config":{"hidden_size":512,"num_hidden_layers":12,"num_attention_heads":8,"max_position_embeddings":77},
        "vision_config":{"hidden_size":768,"num_hidden_layers":12,"num_attention_heads":12,"image_size":224,"patch_size":32}})");
    const ModelShape text = ModelShape::fromConfig(clip);
    EXPECT_EQ(text.hiddenSize, 512);
    EXPECT_EQ(text.visionHidden, 768);
    const ModelShape vision = ModelShape::fromConfig(clip, QStringLiteral("config.json"), QStringLiteral("vision"));
    EXPECT_EQ(vision.hiddenSize, 768);
    EXPECT_EQ(vision.imageTokens(true), 50); // (224 / 32)² + 1
    const ModelShape llava = ModelShape::fromConfig(obj(R"({"model_type":"llava","text_config":{"hidden_size":4096,
        "num_hidden_layers":32,"num_attention_heads":32},"vision_config":{"hidden_size":1024,"image_size":336,"patch_size":14}})"));
    EXPECT_EQ(llava.imageTokens(false), 576); // (336 / 14)²
    EXPECT_EQ(llava.numLayers, 32);
}

TEST(ModelShape, T5FluxSd3AndVae)
{
    const ModelShape t5 = ModelShape::fromConfig(
        obj(R"({"model_type":"t5","d_model":4096,"num_layers":24,"num_heads":64,"d_kv":64,"d_ff":10240})"));
    EXPECT_EQ(t5.hiddenSize, 4096);
    EXPECT_EQ(t5.headDim, 64);
    EXPECT_EQ(t5.intermediateSize, 10240);
    const ModelShape flux = ModelShape::fromConfig(obj(R"({"_class_name":"FluxTransformer2DModel","num_layers":19,
        "num_single_layers":38,"attention_head_dim":128,"num_attention_heads":24,"joint_attention_dim":4096})"));
    EXPECT_EQ(flux.hiddenSize, 3072); // 24 × 128
    EXPECT_EQ(flux.numSingleLayers, 38);
    const ModelShape sd3 = ModelShape::fromConfig(obj(R"({"_class_name":"SD3Transformer2DModel","num_layers":38,
        "attention_head_dim":64,"num_attention_heads":38,"patch_size":2})"));
    EXPECT_EQ(sd3.hiddenSize, 2432);
    EXPECT_EQ(sd3.patchSize, 2);
    const ModelShape vae = ModelShape::fromConfig(
        obj(R"({"_class_name":"AutoencoderKL","latent_channels":16,"block_out_channels":[128,256,512,512]})"));
    EXPECT_EQ(vae.latentChannels, 16);
    ASSERT_EQ(vae.blockOutChannels.size(), 4);
    EXPECT_EQ(vae.blockOutChannels.at(1), 256);
}

TEST(ModelShape, UnknownArchitectureWarnsByName)
{
    const ModelShape s =
        ModelShape::fromConfig(obj(R"({"model_type":"mamba2","hidden_size":2048,"num_hidden_layers":48})"));
    EXPECT_EQ(s.hiddenSize, 2048);
    ASSERT_EQ(s.warnings.size(), 1);
    EXPECT_TRUE(s.warnings.first().contains(QStringLiteral("mamba2")));
    EXPECT_FALSE(ModelShape::fromConfig(QJsonObject{}).warnings.isEmpty());
}

TEST(ModelShape, GgufPhi3)
{
    const ModelShape s = ModelShape::fromGguf(obj(R"({"general.architecture":"phi3","phi3.block_count":40,
        "phi3.embedding_length":5120,"phi3.attention.head_count":40,"phi3.attention.head_count_kv":10,
        "phi3.context_length":32768,"phi3.feed_forward_length":17920,"tokenizer.ggml.tokens_count":100352})"));
    EXPECT_EQ(s.numLayers, 40);
    EXPECT_EQ(s.numKvHeads, 10);
    EXPECT_EQ(s.headDim, 128); // 5120 / 40
    EXPECT_EQ(s.vocabSize, 100352);
    EXPECT_EQ(s.maxPositions, 32768);
    EXPECT_TRUE(s.source("numLayers").contains(QStringLiteral("phi3.block_count")));
}

TEST(ModelShape, GgufDeepseek2BothConversions)
{
    // before llama.cpp's MLA conversion: key_length 192 = qk_nope 128 + rope 64
    const ModelShape old = ModelShape::fromGguf(obj(R"({"general.architecture":"deepseek2","deepseek2.block_count":61,
        "deepseek2.attention.head_count":64,"deepseek2.attention.head_count_kv":64,"deepseek2.attention.key_length":192,
        "deepseek2.attention.value_length":128,"deepseek2.attention.kv_lora_rank":512,"deepseek2.rope.dimension_count":64,
        "deepseek2.expert_count":384})"));
    EXPECT_EQ(old.qkNopeHeadDim, 128);
    EXPECT_EQ(old.vHeadDim, 128);
    EXPECT_EQ(old.numExperts, 384);
    // after: key_length 576 (latent + rope), per-head sizes in *_mla keys, head_count_kv 1
    const ModelShape mla = ModelShape::fromGguf(obj(R"({"general.architecture":"deepseek2","deepseek2.block_count":61,
        "deepseek2.attention.head_count":64,"deepseek2.attention.head_count_kv":1,"deepseek2.attention.key_length":576,
        "deepseek2.attention.value_length":512,"deepseek2.attention.key_length_mla":192,"deepseek2.attention.value_length_mla":128,
        "deepseek2.attention.kv_lora_rank":512,"deepseek2.rope.dimension_count":64})"));
    EXPECT_EQ(mla.headDim, 192);
    EXPECT_EQ(mla.vHeadDim, 128);
    EXPECT_EQ(mla.qkNopeHeadDim, 128);
    EXPECT_EQ(mla.numKvHeads, 64);
}

TEST(ModelShape, GgufQwen3MoeAndMissingArchitecture)
{
    const ModelShape s = ModelShape::fromGguf(obj(R"({"general.architecture":"qwen3moe","qwen3moe.block_count":48,
        "qwen3moe.attention.head_count":32,"qwen3moe.attention.head_count_kv":4,"qwen3moe.attention.key_length":128,
        "qwen3moe.expert_count":128,"qwen3moe.expert_used_count":8,"qwen3moe.expert_feed_forward_length":768,
        "tokenizer.ggml.tokens":{"array_length":151936,"element_type":"STRING"}})"));
    EXPECT_EQ(s.headDim, 128);
    EXPECT_EQ(s.vocabSize, 151936); // from the summarised token list
    EXPECT_EQ(s.numExpertsPerToken, 8);
    EXPECT_TRUE(s.warnings.isEmpty());
    EXPECT_FALSE(ModelShape::fromGguf(QJsonObject{}).warnings.isEmpty());
}

TEST(ModelShape, DiffusersIndexAndSentenceTransformersModules)
{
    const QStringList comps = ModelShape::diffusersComponents(obj(R"({"_class_name":"FluxPipeline",
        "transformer":["diffusers","FluxTransformer2DModel"],"vae":["diffusers","AutoencoderKL"],
        "text_encoder_2":["transformers","T5EncoderModel"],"tokenizer":["transformers","CLIPTokenizer"],
        "scheduler":["diffusers","FlowMatchEulerDiscreteScheduler"]})"));
    EXPECT_EQ(comps.size(), 3);
    EXPECT_TRUE(comps.contains(QStringLiteral("transformer (FluxTransformer2DModel)")));
    const QStringList mods = ModelShape::sentenceTransformersModules(
        QJsonDocument::fromJson(
            QByteArray(
                R"([{"idx":0,"path":"","type":"sentence_transformers.models.Transformer"},{"idx":2,"path":"2_Dense_1024","type":"sentence_transformers.models.Dense"}])"))
            .array());
    ASSERT_EQ(mods.size(), 2);
    EXPECT_TRUE(mods.at(1).startsWith(QStringLiteral("2_Dense_1024")));
}
