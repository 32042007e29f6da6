// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "repoinfo.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

namespace {

RepoEntry entryFrom(const QJsonObject &o)
{
    RepoEntry e;
    e.type = o.value(QLatin1String("type")).toString(QStringLiteral("file"));
    e.path = o.value(QLatin1String("path")).toString(o.value(QLatin1String("rfilename")).toString());
    const QJsonValue size = o.value(QLatin1String("size"));
    e.size = size.isDouble() && size.toDouble() >= 0 ? qint64(size.toDouble()) : -1;
    e.oid = o.value(QLatin1String("oid")).toString(o.value(QLatin1String("blobId")).toString());
    const QJsonObject lfs = o.value(QLatin1String("lfs")).toObject();
    e.lfsSha256 = lfs.value(QLatin1String("oid")).toString(lfs.value(QLatin1String("sha256")).toString());
    return e;
}

} // namespace

const RepoEntry *RepoInfo::sibling(const QString &path) const
{
    for (const RepoEntry &e : siblings) {
        if (e.path == path) {
            return &e;
        }
    }
    return nullptr;
}

Result<RepoInfo> RepoInfo::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return Result<RepoInfo>::failure(QStringLiteral("%1: the hub sent bad JSON (byte %2: %3)")
                                             .arg(origin)
                                             .arg(err.offset)
                                             .arg(err.errorString()));
    }
    const QJsonObject o = doc.object();
    RepoInfo info;
    info.raw = o;
    info.id = o.value(QLatin1String("id")).toString();
    info.sha = o.value(QLatin1String("sha")).toString();
    if (info.id.isEmpty() || info.sha.size() != 40) {
        return Result<RepoInfo>::failure(QStringLiteral("%1: model info lacks \"id\" or a 40-hex \"sha\"").arg(origin));
    }
    const QJsonValue gated = o.value(QLatin1String("gated"));
    info.gated = gated.isString() ? gated.toString() : QString();
    info.pipelineTag = o.value(QLatin1String("pipeline_tag")).toString();
    const QJsonArray siblings = o.value(QLatin1String("siblings")).toArray();
    if (siblings.size() > kMaxFiles) {
        return Result<RepoInfo>::failure(QStringLiteral("%1: the hub lists %2 files, more than the %3 a model repo "
                                                        "plausibly has; refused")
                                             .arg(origin)
                                             .arg(siblings.size())
                                             .arg(kMaxFiles));
    }
    for (const QJsonValue &v : siblings) {
        RepoEntry e = entryFrom(v.toObject());
        if (!e.path.isEmpty()) {
            info.siblings << e;
        }
    }
    return info;
}

Result<QList<RepoEntry>> RepoInfo::entriesFromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray()) {
        return Result<QList<RepoEntry>>::failure(QStringLiteral("%1: the hub sent bad JSON (byte %2: %3)")
                                                     .arg(origin)
                                                     .arg(err.offset)
                                                     .arg(err.errorString()));
    }
    QList<RepoEntry> out;
    for (const QJsonValue &v : doc.array()) {
        RepoEntry e = entryFrom(v.toObject());
        if (e.path.isEmpty()) {
            return Result<QList<RepoEntry>>::failure(QStringLiteral("%1: an entry has no \"path\"").arg(origin));
        }
        out << e;
    }
    return out;
}

} // namespace memspec
