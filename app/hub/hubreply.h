// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

namespace memspec {

// The outcome of one logical hub request, after redirects and retries.
struct HubReply
{
    enum class Error {
        None,
        Network,
        Timeout,
        Dropped,
        RepoNotFound,
        Gated,
        BadToken,
        RevisionNotFound,
        EntryNotFound,
        Forbidden,
        RateLimited,
        Server,
        IgnoresRange,
        TooLarge,
        RedirectLoop,
        UnsafeUrl,
        Http,
        Offline,
        BadData,
        Cancelled
    };

    Error error = Error::None;
    QString message; // what went wrong, in words (no repo/file: callers add those)
    int status = 0;
    QByteArray body;
    QUrl url;                              // the URL that finally answered
    QHash<QByteArray, QByteArray> headers; // final response, lower-case names
    QByteArray repoCommit;                 // X-Repo-Commit from any hop
    QByteArray linkedEtag;                 // X-Linked-ETag (LFS sha256) from the redirect hop, quotes removed
    qint64 linkedSize = -1;                // X-Linked-Size
    qint64 totalSize = -1;                 // from Content-Range "/total", else Content-Length of a 200
    int attempts = 0;

    bool ok() const { return error == Error::None; }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

} // namespace memspec
