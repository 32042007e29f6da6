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
    bool exact = false;   // false: read from a display string ("4.99 GB") or a third-party catalogue
    QString source;
};

// Everything known about one registry model before (or instead of) a refresh: the bundled snapshot, or what the
// hub client fetched. Immutable value; the estimator reads it, never the network.
struct ModelFacts
{
    QString key;
    QString origin;          // "bundled snapshot (../shared/facts/x.json)" or "hub <endpoint> @ <commit>"
    QString revision;        // repo commit when known
    std::optional<bool> gated;
    QString storedDtype;     // as the facts describe the checkpoint
    QJsonObject config;      // config.json as published (annotations removed)
    QString configSource;
    QJsonObject components;  // diffusers component configs, GGUF metadata fragments, ...
    QJsonObject gguf;
    QList<FileFact> files;
    QJsonArray cardStatements;
    QStringList sources;

    const FileFact *file(const QString &path) const;
};

} // namespace memspec
