// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/hubconfig.h"
#include "app/hub/hubreply.h"

#include <QHttp2Configuration>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace memspec {

struct HubRequestSpec
{
    QByteArray method = "GET";
    QUrl url;
    QByteArray range; // "bytes=a-b" or empty
    QByteArray body;
    QByteArray contentType;
    qint64 maxBody = 64ll * 1024 * 1024; // stop reading past this; a 200 to a Range request stops here too
    bool urgent = false;                 // jumps the network queue (header reads: long chains of dependent ranges)
};

// One logical request: follows redirects itself (token only to the hub origin, relative Locations resolved, loops
// stopped), retries 408/429/5xx, timeouts and dropped connections with backoff, and caps the body it reads.
class HubRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HubRequest)

public:
    // tls: the configuration https requests use; a null one leaves Qt's default.
    HubRequest(QNetworkAccessManager *nam, const HubConfig &config, const QSslConfiguration &tls, HubRequestSpec spec,
               QObject *parent = nullptr);
    ~HubRequest() override;

    void start();
    void cancel();
    const HubRequestSpec &spec() const { return m_spec; }

    static bool sameOrigin(const QUrl &a, const QUrl &b);
    // Why a request must not go from `from` to `to` (a URL from server data: a redirect, a Link, a CDN URL), or
    // empty when it may: only http and https are followed, and https never to http. `from` may be empty.
    static QString refusal(const QUrl &from, const QUrl &to);
    // A URL as messages show it: no user info, no query, at most ~200 characters.
    static QString shown(const QUrl &url);
    static const QHttp2Configuration &http2Configuration();

    // Qt buffers at most this much of a reply ahead of us (its default is unlimited: an endless body outran the
    // budget check by gigabytes); the body is read in steps of at most this size.
    static constexpr qint64 kReadBufferBytes = 2 * 1024 * 1024;
    // What is kept of an error or redirect body: enough for a message, never a whole hostile stream.
    static constexpr qint64 kMaxErrorBody = 64 * 1024;

Q_SIGNALS:
    void bytesReceived(qint64 bytes); // body bytes of this attempt's chunk (for progress and accounting)
    void finished(const memspec::HubReply &reply);

private:
    void attempt(const QUrl &url);
    void onMetaData();
    void onReadyRead();
    void readBody();
    void onFinished();
    void onDeadline();
    void stopAtBudget(int status);
    // Lets go of the current reply (no more signals from it; aborted if running; deleted later) and returns it, or
    // null. Its URL and headers stay readable until control returns to the event loop.
    QNetworkReply *dropReply();
    void retryOrFail(HubReply::Error error, const QString &message, int delayMs = -1);
    void finish(HubReply reply);
    void classify(HubReply &r) const;

    QNetworkAccessManager *m_nam;
    const HubConfig &m_config;
    QSslConfiguration m_tls;
    HubRequestSpec m_spec;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QTimer m_deadline;
    HubReply m_result;
    QByteArray m_body;
    QSet<QString> m_visited;
    int m_redirects = 0;
    int m_retries = 0;
    bool m_done = false;
    bool m_budgetHit = false;
    bool m_bodyCut = false; // an error or redirect body was cut at kMaxErrorBody: its reply aborted on purpose
};

} // namespace memspec
