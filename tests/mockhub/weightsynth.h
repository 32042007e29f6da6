// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace memspec::mock {

// One tensor of a synthetic weight file: name, shape and storage type (safetensors dtype or ggml type id).
struct SynthTensor
{
    QString name;
    QList<qint64> shape;
    QString dtype;    // safetensors: "F16", "BF16", "F32", "U8"
    int ggmlType = 0; // gguf only
    qint64 bytes = 0;
};

// A weight file whose header is real and whose data is all zeros, never materialised.
struct SynthWeights
{
    QByteArray header; // safetensors: 8 + JSON; gguf: everything up to the aligned start of tensor data
    qint64 fileSize = 0;
    QList<SynthTensor> tensors;
};

// Plausible tensor lists for an architecture, sized from a config, so that a file holds exactly `bytes` bytes
// of tensor data (a final "mock.filler" tensor takes what the plan does not explain; it is marked in the name).
class WeightSynth final
{
public:
    static qint64 dtypeBytes(const QString &dtype);
    static qint64 ggmlBytes(int type, qint64 elements);

    // Transformer-shaped safetensors tensors from a config.json (hidden_size, layers, vocab, ...), as many layers as
    // fit.
    static QList<SynthTensor> safetensorsPlan(const QJsonObject &config, const QString &dtype, const QString &prefix,
                                              qint64 budgetBytes);
    // llama.cpp-shaped tensors for arch "phi3", "qwen3moe", "deepseek2" (Q4_K_M mix).
    static QList<SynthTensor> ggufPlan(const QString &arch, const QJsonObject &hp);

    // Builds a safetensors file of exactly fileSize bytes from tensors (appending a filler tensor).
    static SynthWeights safetensors(QList<SynthTensor> tensors, qint64 fileSize, const QJsonObject &metadata = {});
    // Builds a GGUF v3 file; kv holds metadata (ints as u32/u64, doubles as f32, strings, bools, string arrays as
    // {"__strings__": count, "prefix": "..."}). fileSize 0 = exactly the tensors; else a filler tensor pads.
    static SynthWeights gguf(const QList<QPair<QString, QJsonValue>> &kv, QList<SynthTensor> tensors, qint64 fileSize);
};

} // namespace memspec::mock
