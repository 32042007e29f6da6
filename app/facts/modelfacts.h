// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace memspec {

// One file of a repo as the facts know it. size is empty when no source gave it.
struct FileFact
{
    QString path;
    std::optional<qint64> size;
    bool exact = false; // false: read from a display string ("4.99 GB") or a third-party catalogue
    QString source;
};

// One tensor as a weight file's header describes it.
struct TensorFact
{
    QString name;
    QString dtype; // safetensors dtype ("F16") or ggml type name ("Q4_K", "unknown type 99")
    QList<qint64> shape;
    qint64 elements = 0;
    qint64 bytes = 0; // bytes as stored
};

// What a header-only read of one weight file found (filled by a refresh; empty in the bundled snapshot).
struct WeightHeaderFact
{
    QString repo;
    QString path;
    QString format; // "safetensors" | "gguf"
    qint64 fileSize = 0;
    qint64 headerBytes = 0; // bytes of the file that are header (8 + JSON for safetensors; up to tensor data for GGUF)
    QList<TensorFact> tensors;
    QJsonObject metadata; // safetensors __metadata__, or GGUF key/values (large arrays summarised by length)
};

// Everything known about one registry model before (or instead of) a refresh: the bundled snapshot, or what the
// hub client fetched. Immutable value; the estimator reads it, never the network.
struct ModelFacts
{
    QString key;
    QString origin;   // "bundled snapshot (resources/snapshot/x.json)" or "hub <endpoint> @ <commit>"
    QString revision; // repo commit when known
    std::optional<bool> gated;
    QString storedDtype; // as the facts describe the checkpoint
    QJsonObject config;  // config.json as published (annotations removed)
    QString configSource;
    QJsonObject components; // diffusers component configs, GGUF metadata fragments, ...
    QJsonObject gguf;
    QList<FileFact> files;
    QJsonArray cardStatements;
    QStringList sources;
    QList<WeightHeaderFact> headers; // exact tensor facts, when a refresh read the weight headers
    QByteArray card;                 // README.md as downloaded (empty offline)
    QJsonObject extraConfigs;        // other repos' / components' config.json by "repo:path"

    const FileFact *file(const QString &path) const;
    const WeightHeaderFact *header(const QString &repo, const QString &path) const;
};

} // namespace memspec
