// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "mockrepo.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace memspec::mock {

struct MockRequest
{
    QString origin; // "hub" | "cdn"
    QByteArray method;
    QByteArray target;    // path?query as sent
    QStringList segments; // percent-decoded path segments
    QList<QPair<QString, QString>> query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 arrivedMs = 0;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QString queryValue(const QString &key) const;
    QStringList queryValues(const QString &key) const;
    QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
};

struct MockResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    const MockFile *file = nullptr; // stream [from, from + length) of this file after body
    qint64 from = 0;
    qint64 length = 0;
    bool headOnly = false;
    qint64 dropAfter = -1; // close the connection after this many body bytes
    bool hang = false;     // never answer (timeouts)
    // Hostile bodies (HTTP/1.1 only): after `body`, filler bytes ('x') without end, sent chunked; or a
    // Content-Length of claimedLength with filler up to it; or the body one byte every trickleMs.
    bool chunkedForever = false;
    qint64 claimedLength = -1;
    int trickleMs = 0;

    void set(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    QByteArray get(const QByteArray &name) const;
    qint64 bodyLength() const { return file ? length : body.size(); }
};

// What a fault does to requests whose target contains `match` (any request when empty).
struct MockFault
{
    enum Kind { Latency, Status429, ServerError, DropMidBody, IgnoreRange, RedirectLoop, BadJson, Hang };
    Kind kind = Latency;
    QString match;
    int times = -1; // how many requests it hits; -1 = all
    int latencyMs = 0;
    int status = 503;
    int retryAfterSeconds = 0; // 429: Retry-After and RateLimit t=
};

struct MockRequestLog
{
    int seq = 0;
    QString origin;
    QByteArray method;
    QByteArray target;
    QByteArray range;
    QByteArray authorization;
    int status = 0;
    qint64 bodyBytes = 0;
    qint64 arrivedMs = 0; // on the mock's clock
    qint64 answeredMs = 0;
};

// The routes of a mock hub (pure: request in, response out). MockHub owns the sockets and applies faults.
class MockRoutes final
{
public:
    MockRoutes(std::shared_ptr<const MockRepoSet> repos) : m_repos(std::move(repos)) {}

    QUrl hubUrl;
    QUrl cdnUrl;
    bool legacyResolve = false; // serve git files directly on /resolve/ (pre-2025 Hub)
    bool strictCdn = true;      // the CDN refuses requests that carry Authorization
    int treePageSize = 1000;
    int treePageSizeExpand = 50;
    QStringList validTokens{QStringLiteral("hf_mock_user"), QStringLiteral("hf_mock_approved")};
    QStringList approvedTokens{QStringLiteral("hf_mock_approved")};

    MockResponse route(const MockRequest &req) const;
    const MockRepoSet &repos() const { return *m_repos; }

private:
    MockResponse api(const MockRequest &req) const;
    MockResponse modelInfo(const MockRequest &req, const MockRepo &repo, const QString &commit) const;
    MockResponse tree(const MockRequest &req, const MockRepo &repo, const QString &commit, const QString &path) const;
    MockResponse pathsInfo(const MockRequest &req, const MockRepo &repo, const QString &commit) const;
    MockResponse resolve(const MockRequest &req, const MockRepo &repo, const QString &commit, const QString &path,
                         bool raw) const;
    MockResponse cdn(const MockRequest &req) const;
    MockResponse resolveCache(const MockRequest &req) const;
    MockResponse serveBytes(const MockRequest &req, const MockFile &f, bool pointer) const;
    MockResponse repoError(const MockRequest &req) const;
    bool resolveRevision(const MockRepo &repo, const QString &rev, QString *commit) const;
    QString token(const MockRequest &req) const;

    std::shared_ptr<const MockRepoSet> m_repos;
};

// Milliseconds on the mock's clock (request logs use it).
qint64 mockClockMs();
// Fills segments and query from target.
void parseTarget(MockRequest &req);

MockResponse mockError(int status, const QByteArray &code, const QString &message, bool jsonBody = true);

} // namespace memspec::mock
