// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace memspec {

// A file or folder of a repo as the tree, paths-info or model-info (blobs=true) routes describe it.
struct RepoEntry
{
    QString type = QStringLiteral("file"); // "file" | "directory"
    QString path;
    qint64 size = -1;  // -1: not given (model info without blobs)
    QString oid;       // git blob sha1
    QString lfsSha256; // LFS files only
};

// GET /api/models/{repo}[/revision/{rev}].
struct RepoInfo
{
    // More files than this in a listing (all pages together) is implausible for a model repo: refused.
    static constexpr int kMaxFiles = 20000;
    static constexpr int kMaxListingPages = 1000;

    QString id;
    QString sha;
    QString gated; // "" when not gated, else "auto" | "manual"
    QString pipelineTag;
    QList<RepoEntry> siblings;
    QJsonObject raw;

    const RepoEntry *sibling(const QString &path) const;

    // Pure JSON-to-struct parsers (tested offline); errors name the input.
    static Result<RepoInfo> fromJson(const QByteArray &json, const QString &origin);
    static Result<QList<RepoEntry>> entriesFromJson(const QByteArray &json, const QString &origin);
};

// A downloaded file or byte range.
struct FileBytes
{
    QByteArray bytes;
    qint64 from = 0;
    qint64 totalSize = -1; // whole file
    QString commit;        // X-Repo-Commit
    QString etag;          // X-Linked-ETag (LFS sha256) or ETag (git blob sha1)
};

} // namespace memspec
