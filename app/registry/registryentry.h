// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

enum class Capability { TextEmbedding, TextToText, ImageEmbedding, Vision, TextToImage };

QString capabilityId(Capability c);    // "text_embedding"
QString capabilityTitle(Capability c); // "Text embedding"
bool capabilityFromId(const QString &id, Capability *out);

// What the service loads for one part of a model (a whole model, a dense head, a diffusion component).
struct WeightComponent
{
    QString id;        // "model", "head", "transformer", "t5", "vae", ...
    QString repo;      // Hub repo the files come from
    QStringList files; // paths inside the repo
    QString format;    // "safetensors" | "gguf"
    QString dtypeCuda; // dtype/quant the runtime holds on CUDA ("F16", "BF16", "Q4_K_M", ...)
    QString dtypeCpu;  // ... and on CPU
    QString role;      // "encoder", "decoder", "dense_head", "vae", "t5_encoder", "clip_text", ...
    QString phase;     // diffusion: "text_encode" | "denoise" | "vae_decode"; empty otherwise
    QString index;     // sharded safetensors index file, if any
};

// One model of the registry: what the service serves and how.
struct RegistryEntry
{
    QString key;       // registry_key: the card repo
    QString shortName; // "stella"
    QString name;      // "Stella EN 1.5B v5"
    Capability capability = Capability::TextEmbedding;
    QString provider;    // CandleProvider variant
    QStringList aliases; // other registry_key values used by the service's code
    QString kind;        // "encoder" | "decoder" | "clip" | "vlm" | "diffusion"
    QString runtime;     // default runtime profile: "candle" | "llama.cpp" | "diffusers"
    QList<WeightComponent> components;
    QJsonObject serving;  // context, batch, image_size, width, height, t5_tokens, residency, ...
    QString quantization; // as shown in docs
    QString docFile;      // "STELLA-EN-1.5B-V5.md"
    QString sourceFile;   // "capability/text_embedding/stella.rs"

    // Matches the key, an alias or the short name (case-insensitive for repo ids, as the Hub is).
    bool matches(const QString &keyOrAlias) const;
    QString docPath() const { return capabilityId(capability) + QLatin1Char('/') + docFile; }
    qint64 servingInt(const char *name, qint64 fallback = 0) const;
};

} // namespace memspec
