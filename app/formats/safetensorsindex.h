// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace memspec {

// `model.safetensors.index.json` of a sharded checkpoint: {"metadata": {"total_size": …}, "weight_map": {…}}.
struct SafetensorsIndex
{
    static constexpr qint64 kMaxBytes = 256LL * 1024 * 1024;
    static constexpr int kMaxShards = 10000;

    QString fileName;
    QMap<QString, QString> weightMap;      // tensor name → shard path, relative to the index's folder
    QStringList shards;                    // distinct shard paths, sorted
    std::optional<qint64> totalSize;       // metadata.total_size (bytes of tensor data; may be written as a float)
    std::optional<qint64> totalParameters; // metadata.total_parameters when present
    QJsonObject metadata;

    // Rejects: invalid JSON, a missing or non-object weight_map, non-string shard names, shard paths that are
    // absolute or climb out of the folder (".."), more than kMaxShards shards.
    static Result<SafetensorsIndex> parse(const QByteArray &json, const QString &fileName);
};

} // namespace memspec
