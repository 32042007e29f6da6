// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modelshape.h"

namespace memspec {

namespace {

struct Reader
{
    const QJsonObject &root;
    const QJsonObject &text;
    QString origin;
    ModelShape &shape;

    // First key found, in `text` (text_config) then the root object.
    qint64 get(const char *field, std::initializer_list<const char *> keys)
    {
        for (const QJsonObject *o : {&text, &root}) {
            for (const char *k : keys) {
                const QJsonValue v = o->value(QLatin1String(k));
                if (v.isDouble() && v.toDouble() >= 0) {
                    const QString prefix = (o == &text && &text != &root) ? QStringLiteral("text_config.") : QString();
                    shape.fieldSources.insert(QLatin1String(field), QStringLiteral("%1: %2%3").arg(origin, prefix, QLatin1String(k)));
                    return qint64(v.toDouble());
                }
            }
        }
        return 0;
    }
};

} // namespace

ModelShape ModelShape::fromConfig(const QJsonObject &config, const QString &origin)
{
    ModelShape s;
    const QJsonObject text = config.value(QLatin1String("text_config")).isObject()
                                 ? config.value(QLatin1String("text_config")).toObject()
                                 : config;
    Reader r{config, text, origin, s};
    s.architecture = config.value(QLatin1String("model_type")).toString();
    s.hiddenSize = r.get("hiddenSize", {"hidden_size", "d_model", "n_embd", "dim"});
    s.numLayers = r.get("numLayers", {"num_hidden_layers", "num_layers", "n_layer", "n_layers"});
    s.numHeads = r.get("numHeads", {"num_attention_heads", "num_heads", "n_head", "n_heads"});
    s.numKvHeads = r.get("numKvHeads", {"num_key_value_heads", "num_kv_heads", "n_kv_heads"});
    if (s.numKvHeads == 0 && s.numHeads > 0) {
        s.numKvHeads = s.numHeads;
        s.fieldSources.insert(QStringLiteral("numKvHeads"), QStringLiteral("%1: num_attention_heads (no num_key_value_heads: MHA)").arg(origin));
    }
    s.headDim = r.get("headDim", {"head_dim"});
    if (s.headDim == 0 && s.numHeads > 0 && s.hiddenSize > 0) {
        s.headDim = s.hiddenSize / s.numHeads;
        s.fieldSources.insert(QStringLiteral("headDim"), QStringLiteral("%1: hidden_size / num_attention_heads").arg(origin));
    }
    s.intermediateSize = r.get("intermediateSize", {"intermediate_size", "d_ff", "ffn_dim"});
    s.vocabSize = r.get("vocabSize", {"vocab_size"});
    s.maxPositions = r.get("maxPositions", {"max_position_embeddings", "n_positions", "max_seq_len"});
    s.slidingWindow = r.get("slidingWindow", {"sliding_window"});
    s.kvLoraRank = r.get("kvLoraRank", {"kv_lora_rank"});
    s.qkRopeHeadDim = r.get("qkRopeHeadDim", {"qk_rope_head_dim"});
    s.qkNopeHeadDim = r.get("qkNopeHeadDim", {"qk_nope_head_dim"});
    s.vHeadDim = r.get("vHeadDim", {"v_head_dim"});
    s.numExperts = r.get("numExperts", {"num_experts", "n_routed_experts", "num_local_experts"});
    s.numExpertsPerToken = r.get("numExpertsPerToken", {"num_experts_per_tok"});
    s.moeIntermediateSize = r.get("moeIntermediateSize", {"moe_intermediate_size"});
    if (config.isEmpty()) {
        s.warnings << QStringLiteral("%1: no config available").arg(origin);
    }
    return s;
}

} // namespace memspec
