// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

// The architecture facts the estimator needs, read from config.json (or GGUF metadata). A field that no source
// gave stays 0; `fieldSources` says which config key each value came from, for the derivations.
struct ModelShape
{
    QString architecture; // model_type: "bert", "qwen2", "phi3", "deepseek_v3", ...
    qint64 hiddenSize = 0;
    qint64 numLayers = 0;
    qint64 numHeads = 0;
    qint64 numKvHeads = 0;
    qint64 headDim = 0; // explicit head_dim, else hidden / heads
    qint64 intermediateSize = 0;
    qint64 vocabSize = 0;
    qint64 maxPositions = 0;
    qint64 slidingWindow = 0;
    // MLA (DeepSeek/Kimi)
    qint64 kvLoraRank = 0;
    qint64 qLoraRank = 0; // MLA query compression (0: a plain query projection)
    qint64 qkRopeHeadDim = 0;
    qint64 qkNopeHeadDim = 0;
    qint64 vHeadDim = 0;
    // MoE
    qint64 numExperts = 0;
    qint64 numExpertsPerToken = 0;
    qint64 moeIntermediateSize = 0;
    qint64 numSharedExperts = 0;
    qint64 firstDenseLayers = 0;
    // Encoders
    bool alibi = false;                // Jina: ALiBi bias instead of position embeddings
    qint64 latentAttentionLatents = 0; // NV-Embed latent attention
    qint64 latentAttentionHeads = 0;
    // Vision tower (CLIP, LLaVA)
    qint64 visionHidden = 0;
    qint64 visionLayers = 0;
    qint64 visionHeads = 0;
    qint64 visionIntermediate = 0;
    qint64 imageSize = 0;
    qint64 patchSize = 0;
    qint64 projectionDim = 0;
    // Diffusion transformer / VAE
    qint64 numSingleLayers = 0;
    qint64 jointAttentionDim = 0;
    qint64 inChannels = 0;
    qint64 latentChannels = 0;
    QList<qint64> blockOutChannels;

    QStringList warnings;
    QJsonObject fieldSources; // field name -> "config.json: text_config.num_hidden_layers"

    bool isMla() const { return kvLoraRank > 0; }
    bool isMoe() const { return numExperts > 0; }
    // Image tokens of the vision tower: (image / patch)² (+1 class token when withClass).
    qint64 imageTokens(bool withClass) const;
    QString source(const char *field) const { return fieldSources.value(QLatin1String(field)).toString(); }

    // Reads transformers-style config.json for every registry architecture: bert, jina-bert, qwen2, mistral,
    // nvembed (text_config + latent attention), phi3, deepseek_v3/kimi_k2, qwen3_moe, clip (text_config and
    // vision_config; `part` picks "text" or "vision"), llava, t5, FLUX/SD3 transformers, AutoencoderKL.
    // Unknown architectures keep the generic keys and carry a warning that names them.
    static ModelShape fromConfig(const QJsonObject &config, const QString &origin = QStringLiteral("config.json"),
                                 const QString &part = QString());
    // GGUF metadata ("phi3.block_count", "deepseek2.attention.kv_lora_rank", ...) into the same shape.
    static ModelShape fromGguf(const QJsonObject &metadata, const QString &origin = QStringLiteral("GGUF metadata"));
    // Which architecture a diffusers model_index.json / sentence-transformers modules.json describes.
    static QStringList diffusersComponents(const QJsonObject &modelIndex);
    static QStringList sentenceTransformersModules(const QJsonArray &modules);
};

} // namespace memspec
