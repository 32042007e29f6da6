// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "mockhttp.h"

#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QUrl>

#include <memory>

class QTcpSocket;
class QTextStream;

namespace memspec::mock {

class MockConnection;
class MockH2Connection;

// Takes over a socket whose first bytes were the HTTP/2 connection preface (mockh2.cpp).
class MockHub;
void startHttp2(MockHub *hub, QTcpSocket *socket, const QString &origin, const QByteArray &received);

// A real HTTP server on 127.0.0.1 that looks like huggingface.co to clients (reference/hub-and-formats.md §9,
// reference/hf-js-clients.md): a hub origin and, unless disabled, a second "CDN" origin for LFS files. It speaks
// HTTP/1.1 (requests may be pipelined; each is answered after the injected latency, in order) and HTTP/2 with prior
// knowledge (h2c, as huggingface.co speaks h2 over TLS: streams multiplexed, each answered after the latency).
// Faults are injected per test and apply to both.
class MockHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockHub)

public:
    explicit MockHub(std::shared_ptr<const MockRepoSet> repos = MockRepoSet::registryFixtures(),
                     QObject *parent = nullptr);
    ~MockHub() override;

    // Listens on 127.0.0.1 (port 0 = ephemeral). separateCdn=false serves the CDN paths on the hub origin.
    bool start(quint16 hubPort = 0, quint16 cdnPort = 0, bool separateCdn = true);
    // Before start(): serve https:// on both origins with this certificate (for 127.0.0.1), offering h2 and
    // http/1.1 by ALPN, as huggingface.co and its CDN do.
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    // setTls with a throw-away CA and a certificate for 127.0.0.1 signed by it, written into dir by openssl (as
    // tests run it); dir/ca.pem is what a client must trust. False with *error when openssl is missing or fails.
    bool useTestCertificates(const QString &dir, QString *error);
    QUrl hubUrl() const { return m_routes.hubUrl; }
    QUrl cdnUrl() const { return m_routes.cdnUrl; }
    MockRoutes &routes() { return m_routes; }

    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void addFault(const MockFault &fault) { m_faults.append(fault); }
    void clearFaults() { m_faults.clear(); }
    void setLogStream(QTextStream *stream) { m_logStream = stream; }
    // Turns the hub hostile (mockhostile.cpp): one of hostileNames(), with an argument some scenarios read.
    void setHostile(const QString &name, const QByteArray &arg = {}) { m_hostile = name; m_hostileArg = arg; }
    static QStringList hostileNames();
    // The registry fixtures with hostile weight headers for the header scenarios (issue 18 item 5; ARG in MB or a
    // count, "N@org/name" for that repo's files only): gguf-huge-string, gguf-huge-array, gguf-many-keys,
    // safetensors-junk-metadata. Other names: the plain fixtures. Pass it to the constructor; the scenario needs no setHostile.
    static std::shared_ptr<const MockRepoSet> hostileRepos(const QString &name, const QByteArray &arg = {});
    // What hostileNames()[i] does, one line each (for --help).
    static QString hostileHelp();

    const QList<MockRequestLog> &requests() const { return m_log; }
    void clearLog() { m_log.clear(); }
    qint64 bodyBytesSent() const;
    int requestCount(const QString &targetContains) const;
    int pipelinedCount() const { return m_pipelined; }   // requests that arrived while an earlier one was pending
    int connectionCount() const { return m_connections; }
    int http2ConnectionCount() const { return m_http2Connections; }
    int maxConcurrentStreams() const { return m_maxStreams; }   // most HTTP/2 streams open at once on one connection

Q_SIGNALS:
    void requestServed(const memspec::mock::MockRequestLog &entry);

private:
    friend class MockConnection;
    friend class MockH2Connection;
    friend void startHttp2(MockHub *hub, QTcpSocket *socket, const QString &origin, const QByteArray &received);
    void accept(QTcpServer *server, const QString &origin);
    QTcpServer *makeServer(const QString &origin);
    // Applies faults and routes; returns the response and the delay before it may be sent.
    MockResponse handle(const MockRequest &req, int *delayMs);
    void logServed(const MockRequest &req, const MockResponse &resp, qint64 bodyBytes);
    // The hostile scenario's answer to req, if it has one.
    bool hostile(const MockRequest &req, MockResponse *out) const;

    MockRoutes m_routes;
    QTcpServer *m_hub = nullptr;   // children: they move threads with the hub
    QTcpServer *m_cdn = nullptr;
    QSslCertificate m_tlsCert;
    QSslKey m_tlsKey;
    int m_latencyMs = 0;
    QList<MockFault> m_faults;
    QList<MockRequestLog> m_log;
    int m_seq = 0;
    int m_pipelined = 0;
    int m_connections = 0;
    int m_http2Connections = 0;
    int m_maxStreams = 0;
    QTextStream *m_logStream = nullptr;
    QString m_hostile;
    QByteArray m_hostileArg;
};

} // namespace memspec::mock
