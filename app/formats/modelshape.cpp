// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modelshape.h"

namespace memspec {

namespace {

// Dimensions beyond this are not a model, they are a broken or hostile file: ignored with a warning.
constexpr double kMaxDim = 2147483647.0;

const QStringList &knownArchitectures()
{
    static const QStringList k{QStringLiteral("bert"),
                               QStringLiteral("jina_bert"),
                               QStringLiteral("qwen2"),
                               QStringLiteral("mistral"),
                               QStringLiteral("llama"),
                               QStringLiteral("nvembed"),
                               QStringLiteral("phi3"),
                               QStringLiteral("deepseek_v3"),
                               QStringLiteral("deepseek_v2"),
                               QStringLiteral("kimi_k2"),
                               QStringLiteral("qwen3_moe"),
                               QStringLiteral("qwen3"),
                               QStringLiteral("clip"),
                               QStringLiteral("clip_text_model"),
                               QStringLiteral("clip_vision_model"),
                               QStringLiteral("llava"),
                               QStringLiteral("t5"),
                               QStringLiteral("FluxTransformer2DModel"),
                               QStringLiteral("SD3Transformer2DModel"),
                               QStringLiteral("AutoencoderKL"),
                               QStringLiteral("CLIPTextModel"),
                               QStringLiteral("T5EncoderModel")};
    return k;
}

// Reads numbers from an ordered list of JSON objects (the part of the config that describes the model first).
struct Reader
{
    QList<QPair<QJsonObject, QString>> scopes; // object, key prefix for the source text
    QString origin;
    ModelShape &shape;

    qint64 get(const char *field, std::initializer_list<const char *> keys)
    {
        for (const auto &scope : scopes) {
            for (const char *k : keys) {
                const QJsonValue v = scope.first.value(QLatin1String(k));
                if (v.isDouble() && v.toDouble() > kMaxDim) {
                    shape.warnings << QStringLiteral("%1: %2%3 = %4 is implausible and was ignored")
                                          .arg(origin, scope.second, QLatin1String(k))
                                          .arg(v.toDouble());
                    continue;
                }
                if (v.isDouble() && v.toDouble() >= 0) {
                    shape.fieldSources.insert(QLatin1String(field),
                                              QStringLiteral("%1: %2%3").arg(origin, scope.second, QLatin1String(k)));
                    return qint64(v.toDouble());
                }
            }
        }
        return 0;
    }
};

QString typeOf(const QJsonObject &config)
{
    QString t = config.value(QLatin1String("model_type")).toString();
    if (t.isEmpty()) {
        t = config.value(QLatin1String("_class_name")).toString();
    }
    if (t.isEmpty()) {
        const QJsonArray archs = config.value(QLatin1String("architectures")).toArray();
        if (!archs.isEmpty()) {
            t = archs.first().toString();
        }
    }
    return t;
}

void readVision(const QJsonObject &vision, const QString &prefix, const QString &origin, ModelShape &s)
{
    Reader v{{{vision, prefix}}, origin, s};
    s.visionHidden = v.get("visionHidden", {"hidden_size"});
    s.visionLayers = v.get("visionLayers", {"num_hidden_layers"});
    s.visionHeads = v.get("visionHeads", {"num_attention_heads"});
    s.visionIntermediate = v.get("visionIntermediate", {"intermediate_size"});
    s.imageSize = v.get("imageSize", {"image_size"});
    s.patchSize = v.get("patchSize", {"patch_size"});
}

} // namespace

qint64 ModelShape::imageTokens(bool withClass) const
{
    if (imageSize <= 0 || patchSize <= 0) {
        return 0;
    }
    const qint64 side = imageSize / patchSize;
    return side * side + (withClass ? 1 : 0);
}

ModelShape ModelShape::fromConfig(const QJsonObject &config, const QString &origin, const QString &part)
{
    ModelShape s;
    if (config.isEmpty()) {
        s.warnings << QStringLiteral("%1: no config available").arg(origin);
        return s;
    }
    s.architecture = typeOf(config);
    const QJsonObject text = config.value(QLatin1String("text_config")).toObject();
    const QJsonObject vision = config.value(QLatin1String("vision_config")).toObject();
    Reader r{{}, origin, s};
    if (part == QLatin1String("vision") && !vision.isEmpty()) {
        r.scopes << qMakePair(vision, QStringLiteral("vision_config."));
    } else if (!text.isEmpty()) {
        r.scopes << qMakePair(text, QStringLiteral("text_config."));
    }
    r.scopes << qMakePair(config, QString());

    s.hiddenSize = r.get("hiddenSize", {"hidden_size", "d_model", "n_embd", "dim"});
    s.numLayers = r.get("numLayers", {"num_hidden_layers", "num_layers", "n_layer", "n_layers"});
    s.numHeads = r.get("numHeads", {"num_attention_heads", "num_heads", "n_head", "n_heads"});
    s.numKvHeads = r.get("numKvHeads", {"num_key_value_heads", "num_kv_heads", "n_kv_heads"});
    s.headDim = r.get("headDim", {"head_dim", "d_kv", "attention_head_dim"});
    s.intermediateSize = r.get("intermediateSize", {"intermediate_size", "d_ff", "ffn_dim"});
    s.vocabSize = r.get("vocabSize", {"vocab_size"});
    s.maxPositions = r.get("maxPositions", {"max_position_embeddings", "n_positions", "max_seq_len"});
    const QJsonValue useSw = config.value(QLatin1String("use_sliding_window"));
    if (!(useSw.isBool() && !useSw.toBool())) {
        s.slidingWindow = r.get("slidingWindow", {"sliding_window"});
    }
    s.kvLoraRank = r.get("kvLoraRank", {"kv_lora_rank"});
    s.qLoraRank = r.get("qLoraRank", {"q_lora_rank"});
    s.qkRopeHeadDim = r.get("qkRopeHeadDim", {"qk_rope_head_dim"});
    s.qkNopeHeadDim = r.get("qkNopeHeadDim", {"qk_nope_head_dim"});
    s.vHeadDim = r.get("vHeadDim", {"v_head_dim"});
    s.numExperts = r.get("numExperts", {"num_experts", "n_routed_experts", "num_local_experts"});
    s.numExpertsPerToken = r.get("numExpertsPerToken", {"num_experts_per_tok"});
    s.moeIntermediateSize = r.get("moeIntermediateSize", {"moe_intermediate_size"});
    s.numSharedExperts = r.get("numSharedExperts", {"n_shared_experts"});
    s.firstDenseLayers = r.get("firstDenseLayers", {"first_k_dense_replace"});
    s.projectionDim = r.get("projectionDim", {"projection_dim", "pooled_projection_dim"});
    s.numSingleLayers = r.get("numSingleLayers", {"num_single_layers"});
    s.jointAttentionDim = r.get("jointAttentionDim", {"joint_attention_dim"});
    s.inChannels = r.get("inChannels", {"in_channels"});
    s.latentChannels = r.get("latentChannels", {"latent_channels"});
    s.patchSize = r.get("patchSize", {"patch_size"});
    for (const QJsonValue &v : config.value(QLatin1String("block_out_channels")).toArray()) {
        s.blockOutChannels << qint64(qBound(0.0, v.toDouble(), kMaxDim));
    }
    if (!s.blockOutChannels.isEmpty()) {
        s.fieldSources.insert(QStringLiteral("blockOutChannels"), QStringLiteral("%1: block_out_channels").arg(origin));
    }

    // Diffusion transformers give heads × head width instead of a hidden size.
    if (s.hiddenSize == 0 && s.numHeads > 0 && s.headDim > 0) {
        s.hiddenSize = s.numHeads * s.headDim;
        s.fieldSources.insert(QStringLiteral("hiddenSize"),
                              QStringLiteral("%1: num_attention_heads × attention_head_dim").arg(origin));
    }
    if (s.numKvHeads == 0 && s.numHeads > 0 && !s.isMla()) {
        s.numKvHeads = s.numHeads;
        s.fieldSources.insert(QStringLiteral("numKvHeads"),
                              QStringLiteral("%1: num_attention_heads (no num_key_value_heads: MHA)").arg(origin));
    }
    if (s.headDim == 0 && s.numHeads > 0 && s.hiddenSize > 0) {
        s.headDim = s.hiddenSize / s.numHeads;
        s.fieldSources.insert(QStringLiteral("headDim"),
                              QStringLiteral("%1: hidden_size / num_attention_heads").arg(origin));
    }
    if (s.isMla()) {
        // MLA keeps one latent per token; the heads share it.
        s.numKvHeads = s.numHeads;
    }
    const QString pos = config.value(QLatin1String("position_embedding_type")).toString();
    s.alibi = pos == QLatin1String("alibi");
    if (s.alibi) {
        s.fieldSources.insert(QStringLiteral("alibi"),
                              QStringLiteral("%1: position_embedding_type = \"alibi\"").arg(origin));
    }
    const QJsonObject latent = config.value(QLatin1String("latent_attention_defaults")).toObject().isEmpty()
                                   ? config.value(QLatin1String("latent_attention_config")).toObject()
                                   : config.value(QLatin1String("latent_attention_defaults")).toObject();
    Reader lr{{{latent, QStringLiteral("latent_attention.")}}, origin, s};
    s.latentAttentionLatents = lr.get("latentAttentionLatents", {"num_latents_value"});
    s.latentAttentionHeads = lr.get("latentAttentionHeads", {"num_cross_heads"});

    if (!vision.isEmpty() && part != QLatin1String("vision")) {
        readVision(vision, QStringLiteral("vision_config."), origin, s);
    } else if (part == QLatin1String("vision") || s.architecture == QLatin1String("clip_vision_model")) {
        readVision(part == QLatin1String("vision") ? vision : config,
                   part == QLatin1String("vision") ? QStringLiteral("vision_config.") : QString(), origin, s);
    }
    if (!knownArchitectures().contains(s.architecture)) {
        s.warnings << QStringLiteral(
                          "%1: architecture \"%2\" is not one the estimator knows; generic config keys were used")
                          .arg(origin, s.architecture.isEmpty() ? QStringLiteral("(none)") : s.architecture);
    }
    return s;
}

ModelShape ModelShape::fromGguf(const QJsonObject &md, const QString &origin)
{
    ModelShape s;
    const QString arch = md.value(QLatin1String("general.architecture")).toString();
    s.architecture = arch;
    if (arch.isEmpty()) {
        s.warnings << QStringLiteral("%1: general.architecture is missing").arg(origin);
        return s;
    }
    auto get = [&](const char *field, std::initializer_list<const char *> keys) -> qint64 {
        for (const char *k : keys) {
            const QString key = QLatin1String(k).startsWith(QLatin1String("tokenizer."))
                                    ? QString(QLatin1String(k))
                                    : QString(arch + QLatin1Char('.') + QLatin1String(k));
            const QJsonValue v = md.value(key);
            qint64 n = -1;
            if (v.isDouble()) {
                n = qint64(qBound(-1.0, v.toDouble(), kMaxDim));
            } else if (v.isArray() && !v.toArray().isEmpty() && v.toArray().first().isDouble()) {
                n = qint64(
                    qBound(-1.0, v.toArray().first().toDouble(), kMaxDim)); // per-layer arrays: the first layer's value
            }
            if (n >= 0) {
                s.fieldSources.insert(QLatin1String(field), QStringLiteral("%1: %2").arg(origin, key));
                return n;
            }
        }
        return 0;
    };
    s.hiddenSize = get("hiddenSize", {"embedding_length"});
    s.numLayers = get("numLayers", {"block_count"});
    s.numHeads = get("numHeads", {"attention.head_count"});
    s.numKvHeads = get("numKvHeads", {"attention.head_count_kv"});
    s.intermediateSize = get("intermediateSize", {"feed_forward_length"});
    s.vocabSize = get("vocabSize", {"vocab_size", "tokenizer.ggml.tokens_count"});
    if (s.vocabSize == 0) {
        // the token list itself, or its summary {"array_length": N} when a reader kept only its length
        const QJsonValue tokens = md.value(QLatin1String("tokenizer.ggml.tokens"));
        const qint64 n =
            tokens.isArray()
                ? qint64(tokens.toArray().size())
                : qint64(qBound(0.0, tokens.toObject().value(QLatin1String("array_length")).toDouble(), kMaxDim));
        if (n > 0) {
            s.vocabSize = n;
            s.fieldSources.insert(QStringLiteral("vocabSize"),
                                  QStringLiteral("%1: length of tokenizer.ggml.tokens").arg(origin));
        }
    }
    s.maxPositions = get("maxPositions", {"context_length"});
    s.slidingWindow = get("slidingWindow", {"attention.sliding_window"});
    s.kvLoraRank = get("kvLoraRank", {"attention.kv_lora_rank"});
    s.qLoraRank = get("qLoraRank", {"attention.q_lora_rank"});
    s.qkRopeHeadDim = get("qkRopeHeadDim", {"rope.dimension_count"});
    s.numExperts = get("numExperts", {"expert_count"});
    s.numExpertsPerToken = get("numExpertsPerToken", {"expert_used_count"});
    s.moeIntermediateSize = get("moeIntermediateSize", {"expert_feed_forward_length"});
    s.numSharedExperts = get("numSharedExperts", {"expert_shared_count"});
    s.firstDenseLayers = get("firstDenseLayers", {"leading_dense_block_count"});
    const qint64 keyLen = get("headDim", {"attention.key_length"});
    const qint64 valueLen = get("vHeadDim", {"attention.value_length"});
    s.headDim = keyLen;
    s.vHeadDim = valueLen;
    if (s.isMla()) {
        // GGUFs converted after llama.cpp's MLA change store key_length = kv_lora + rope (576) and the per-head
        // sizes in *_mla keys; older ones store the per-head sizes (192 / 128) directly.
        const qint64 kMla = get("headDim", {"attention.key_length_mla"});
        if (kMla > 0) {
            s.headDim = kMla;
            s.vHeadDim = get("vHeadDim", {"attention.value_length_mla"});
        }
        s.qkNopeHeadDim = s.headDim > s.qkRopeHeadDim ? s.headDim - s.qkRopeHeadDim : 0;
        s.numKvHeads = s.numHeads;
    }
    if (s.numKvHeads == 0 && s.numHeads > 0) {
        s.numKvHeads = s.numHeads;
    }
    if (s.headDim == 0 && s.numHeads > 0 && s.hiddenSize > 0) {
        s.headDim = s.hiddenSize / s.numHeads;
        s.fieldSources.insert(QStringLiteral("headDim"),
                              QStringLiteral("%1: %2.embedding_length / %2.attention.head_count").arg(origin, arch));
    }
    static const QStringList known{QStringLiteral("llama"), QStringLiteral("phi3"),     QStringLiteral("qwen2"),
                                   QStringLiteral("qwen3"), QStringLiteral("qwen3moe"), QStringLiteral("deepseek2"),
                                   QStringLiteral("bert"),  QStringLiteral("clip")};
    if (!known.contains(arch)) {
        s.warnings << QStringLiteral(
                          "%1: GGUF architecture \"%2\" is not one the estimator knows; generic keys were used")
                          .arg(origin, arch);
    }
    return s;
}

QStringList ModelShape::diffusersComponents(const QJsonObject &modelIndex)
{
    QStringList out;
    for (auto it = modelIndex.begin(); it != modelIndex.end(); ++it) {
        const QJsonValue v = it.value();
        // "transformer": ["diffusers", "FluxTransformer2DModel"] in a real model_index.json; a class name in the facts.
        const QString cls = v.isArray() ? v.toArray().last().toString() : v.toString();
        if (!it.key().startsWith(QLatin1Char('_')) && !cls.isEmpty() &&
            !it.key().startsWith(QLatin1String("tokenizer")) && it.key() != QLatin1String("scheduler") &&
            !cls.contains(QLatin1String("Scheduler"))) {
            out << QStringLiteral("%1 (%2)").arg(it.key(), cls);
        }
    }
    return out;
}

QStringList ModelShape::sentenceTransformersModules(const QJsonArray &modules)
{
    QStringList out;
    for (const QJsonValue &m : modules) {
        const QJsonObject o = m.toObject();
        out << QStringLiteral("%1 (%2)").arg(o.value(QLatin1String("path")).toString(),
                                             o.value(QLatin1String("type")).toString());
    }
    return out;
}

} // namespace memspec
