// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/safetensorsindex.h"

#include "app/formats/weightheaderparser.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace memspec {

namespace {

std::optional<qint64> wholeNumber(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d >= 0 && d <= 9.0e15 && std::floor(d) == d) {
            return qint64(d);
        }
    } else if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        if (ok && n >= 0) {
            return n;
        }
    }
    return std::nullopt;
}

bool safeRelativePath(const QString &p)
{
    if (p.isEmpty() || p.startsWith(QLatin1Char('/')) || p.contains(QLatin1Char('\\')) ||
        p.contains(QLatin1Char(':')) || p.contains(QChar(0))) {
        return false;
    }
    const QStringList parts = p.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String("..") || part == QLatin1String(".")) {
            return false;
        }
    }
    return true;
}

} // namespace

Result<SafetensorsIndex> SafetensorsIndex::parse(const QByteArray &json, const QString &fileName)
{
    using R = Result<SafetensorsIndex>;
    if (json.size() > kMaxBytes) {
        return R::failure(
            headerError(fileName, 0, QStringLiteral("index is %1 bytes (limit %2)").arg(json.size()).arg(kMaxBytes)));
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return R::failure(headerError(
            fileName, perr.offset,
            QStringLiteral("index JSON is invalid: %1")
                .arg(perr.error != QJsonParseError::NoError ? perr.errorString() : QStringLiteral("not an object"))));
    }
    const QJsonObject root = doc.object();
    const QJsonValue wm = root.value(QLatin1String("weight_map"));
    const auto offsetOf = [&](const QByteArray &needle) {
        return qint64(std::max<qsizetype>(0, json.indexOf(needle)));
    };
    if (!wm.isObject()) {
        return R::failure(
            headerError(fileName, offsetOf("\"weight_map\""), QStringLiteral("weight_map missing or not an object")));
    }
    SafetensorsIndex index;
    index.fileName = fileName;
    QSet<QString> shards;
    const QJsonObject map = wm.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString shard = it.value().toString();
        if (!it.value().isString() || !safeRelativePath(shard)) {
            return R::failure(
                headerError(fileName, offsetOf('"' + it.key().toUtf8() + '"'),
                            QStringLiteral("weight_map['%1'] is not a relative shard path").arg(it.key())));
        }
        index.weightMap.insert(it.key(), shard);
        if (!shards.contains(shard)) {
            if (shards.size() >= kMaxShards) {
                return R::failure(headerError(fileName, 0, QStringLiteral("more than %1 shards").arg(kMaxShards)));
            }
            shards.insert(shard);
        }
    }
    index.shards = QStringList(shards.begin(), shards.end());
    index.shards.sort();
    index.metadata = root.value(QLatin1String("metadata")).toObject();
    if (index.metadata.contains(QLatin1String("total_size"))) {
        index.totalSize = wholeNumber(index.metadata.value(QLatin1String("total_size")));
        if (!index.totalSize) {
            return R::failure(headerError(fileName, offsetOf("\"total_size\""),
                                          QStringLiteral("metadata.total_size is not a non-negative whole number")));
        }
    }
    if (index.metadata.contains(QLatin1String("total_parameters"))) {
        index.totalParameters = wholeNumber(index.metadata.value(QLatin1String("total_parameters")));
    }
    return index;
}

} // namespace memspec
