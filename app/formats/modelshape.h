// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace memspec {

// The architecture facts the estimator needs, read from config.json (or GGUF metadata). A field that no source
// gave stays 0; `fieldSources` says which config key each value came from, for the derivations.
struct ModelShape
{
    QString architecture;      // model_type: "bert", "qwen2", "phi3", "deepseek_v3", ...
    qint64 hiddenSize = 0;
    qint64 numLayers = 0;
    qint64 numHeads = 0;
    qint64 numKvHeads = 0;
    qint64 headDim = 0;        // explicit head_dim, else hidden / heads
    qint64 intermediateSize = 0;
    qint64 vocabSize = 0;
    qint64 maxPositions = 0;
    qint64 slidingWindow = 0;
    // MLA (DeepSeek/Kimi)
    qint64 kvLoraRank = 0;
    qint64 qkRopeHeadDim = 0;
    qint64 qkNopeHeadDim = 0;
    qint64 vHeadDim = 0;
    // MoE
    qint64 numExperts = 0;
    qint64 numExpertsPerToken = 0;
    qint64 moeIntermediateSize = 0;

    QStringList warnings;
    QJsonObject fieldSources;   // field name -> "config.json: text_config.num_hidden_layers"

    // Reads transformers-style config.json; nested text_config is used for multimodal wrappers.
    static ModelShape fromConfig(const QJsonObject &config, const QString &origin = QStringLiteral("config.json"));
};

} // namespace memspec
