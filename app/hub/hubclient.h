// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/hubconfig.h"
#include "app/hub/hubreply.h"
#include "app/hub/hubrequest.h"
#include "app/hub/repoinfo.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace memspec {

// The Hugging Face Hub over one injected QNetworkAccessManager. Every call is asynchronous: it returns at once
// and later calls `done` (unless `context` was destroyed) with a value or an error that names the repo and file,
// plus the error kind. Requests beyond the concurrency limit wait in a queue shared by all callers.
class HubClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HubClient)

public:
    template<typename T>
    using Done = std::function<void(Result<T>, HubReply::Error)>;

    HubClient(QNetworkAccessManager *nam, HubConfig config, QObject *parent = nullptr);
    ~HubClient() override;

    const HubConfig &config() const { return m_config; }
    // What https requests verify against: null (Qt's default, the system store) without extra CAs, else the
    // system's CAs plus config().caCertificates. Built once: loading the system store is not per-request work.
    const QSslConfiguration &tlsConfiguration() const { return m_tls; }

    void modelInfo(const QString &repo, const QString &revision, bool blobs, QObject *context, Done<RepoInfo> done);
    // Follows the absolute Link: <…>; rel="next" pagination to the end.
    void listTree(const QString &repo, const QString &revision, const QString &path, bool recursive, QObject *context,
                  Done<QList<RepoEntry>> done);
    void pathsInfo(const QString &repo, const QString &revision, const QStringList &paths, QObject *context,
                   Done<QList<RepoEntry>> done);
    // A whole (small) file through /resolve/, at most maxBytes.
    void download(const QString &repo, const QString &revision, const QString &path, qint64 maxBytes, QObject *context,
                  Done<FileBytes> done);
    // Bytes [from, from + length) of a file by Range. The CDN URL a first read was redirected to is reused by later
    // reads of the same file, so they skip the resolve hop.
    void readRange(const QString &repo, const QString &revision, const QString &path, qint64 from, qint64 length,
                   QObject *context, Done<FileBytes> done);

    void cancelAll();
    qint64 bytesReceived() const { return m_bytes; }
    int requestCount() const { return m_requests; }

    QUrl resolveUrl(const QString &repo, const QString &revision, const QString &path) const;
    QUrl rawUrl(const QString &repo, const QString &revision, const QString &path) const;
    QUrl apiUrl(const QString &repo, const QString &suffix) const;
    static QString describe(const QString &repo, const QString &path, const HubReply &reply, const QUrl &endpoint,
                            const QString &revision);

Q_SIGNALS:
    void bytesReceivedChanged(qint64 total);

private:
    void downloadResolved(const QString &repo, const QString &revision, const QString &path, qint64 maxBytes,
                          QObject *context, Done<FileBytes> done);
    void submit(HubRequestSpec spec, QObject *context, std::function<void(const HubReply &)> done);
    void pump();
    struct Listing;
    void treePage(const QUrl &url, const std::shared_ptr<Listing> &listing);

    QNetworkAccessManager *m_nam;
    HubConfig m_config;
    QSslConfiguration m_tls;
    QList<QPointer<HubRequest>> m_waiting;
    QList<QPointer<HubRequest>> m_running;
    QHash<QString, QUrl> m_direct; // "repo@rev:path" -> CDN URL
    qint64 m_bytes = 0;
    int m_requests = 0;
};

} // namespace memspec
