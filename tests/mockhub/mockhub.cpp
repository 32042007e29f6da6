// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "mockhub.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>
#include <QUrlQuery>

#include <limits>

namespace memspec::mock {

namespace {

QElapsedTimer &clockTimer()
{
    static QElapsedTimer t = [] {
        QElapsedTimer e;
        e.start();
        return e;
    }();
    return t;
}

} // namespace

qint64 mockClockMs()
{
    return clockTimer().elapsed();
}

void parseTarget(MockRequest &req)
{
    for (const QByteArray &seg : req.path().split('/')) {
        if (!seg.isEmpty()) {
            req.segments << QUrl::fromPercentEncoding(seg);
        }
    }
    const int q = req.target.indexOf('?');
    if (q >= 0) {
        for (const QByteArray &pair : req.target.mid(q + 1).split('&')) {
            if (!pair.isEmpty()) {
                const int eq = pair.indexOf('=');
                req.query.append(qMakePair(QUrl::fromPercentEncoding(pair.left(eq < 0 ? pair.size() : eq)),
                                           QUrl::fromPercentEncoding(eq < 0 ? QByteArray() : pair.mid(eq + 1))));
            }
        }
    }
}

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 206:
        return "Partial Content";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

constexpr qint64 kChunk = 256 * 1024;

} // namespace

// One client connection: parses pipelined requests, answers them in order, each no earlier than its ready time.
class MockConnection final : public QObject
{
public:
    MockConnection(MockHub *hub, QTcpSocket *socket, QString origin)
        : QObject(socket), m_hub(hub), m_socket(socket), m_origin(std::move(origin))
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { readRequests(); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { writeMore(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { pump(); });
        m_trickle.setSingleShot(true);
        connect(&m_trickle, &QTimer::timeout, this, [this] { writeMore(); });
    }

private:
    struct Pending
    {
        qint64 readyAt;
        MockRequest req;
        MockResponse resp;
    };

    void readRequests()
    {
        if (m_closing) {
            m_socket->readAll(); // a cut-short connection serves nothing more, not even what was pipelined
            return;
        }
        m_in += m_socket->readAll();
        if (!m_sniffed) {
            // HTTP/2 with prior knowledge (h2c) starts with the connection preface; anything else is HTTP/1.1.
            static const QByteArray preface("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            if (m_in.size() < preface.size() && preface.startsWith(m_in)) {
                return;
            }
            m_sniffed = true;
            if (m_in.startsWith(preface)) {
                disconnect(m_socket, nullptr, this, nullptr);
                startHttp2(m_hub, m_socket, m_origin, m_in);
                deleteLater();
                return;
            }
        }
        while (true) {
            const int end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            const QList<QByteArray> lines = m_in.left(end).split('\n');
            MockRequest req;
            req.origin = m_origin;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.target = first.value(1);
            for (int i = 1; i < lines.size(); ++i) {
                const int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    req.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
                }
            }
            const qint64 bodyLen = req.header("content-length").toLongLong();
            if (m_in.size() < end + 4 + bodyLen) {
                return;
            }
            req.body = m_in.mid(end + 4, bodyLen);
            m_in.remove(0, end + 4 + bodyLen);
            parseTarget(req);
            req.arrivedMs = mockClockMs();
            int delay = 0;
            m_hub->m_pipelined += m_queue.isEmpty() ? 0 : 1;
            MockResponse resp = m_hub->handle(req, &delay);
            m_queue.append({mockClockMs() + delay, req, resp});
            pump();
        }
    }

    void pump()
    {
        if (m_writing || m_queue.isEmpty() || m_hung || m_closing) {
            return;
        }
        const Pending &p = m_queue.first();
        if (p.resp.hang) {
            m_hung = true;
            return;
        }
        const qint64 wait = p.readyAt - mockClockMs();
        if (wait > 0) {
            m_timer.start(int(wait));
            return;
        }
        const MockResponse &r = p.resp;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
        for (const auto &[k, v] : r.headers) {
            head += k + ": " + v + "\r\n";
        }
        if (r.chunkedForever) {
            head += "Transfer-Encoding: chunked\r\n";
        } else {
            head += "Content-Length: " + QByteArray::number(r.claimedLength >= 0 ? r.claimedLength : r.bodyLength()) +
                    "\r\n";
        }
        m_close = p.req.header("connection").toLower() == "close";
        head += m_close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
        m_socket->write(head);
        m_writing = true;
        m_sent = 0;
        m_total = r.headOnly             ? 0
                  : r.chunkedForever     ? std::numeric_limits<qint64>::max()
                  : r.claimedLength >= 0 ? r.claimedLength
                                         : r.bodyLength();
        m_limit = r.dropAfter >= 0 ? qMin(r.dropAfter, m_total) : m_total;
        writeMore();
    }

    void writeMore()
    {
        if (!m_writing) {
            return;
        }
        const MockResponse &r = m_queue.first().resp;
        if (r.trickleMs > 0 && m_sent < m_limit) {
            // One byte now, the next one later: a slowloris server.
            if (!m_trickle.isActive() && m_socket->bytesToWrite() == 0) {
                m_socket->write(bodySlice(r, m_sent, 1));
                ++m_sent;
                m_trickle.start(r.trickleMs);
            }
            return;
        }
        while (m_sent < m_limit && m_socket->bytesToWrite() < 4 * kChunk) {
            const qint64 n = qMin(kChunk, m_limit - m_sent);
            const QByteArray bytes = bodySlice(r, m_sent, n);
            m_socket->write(r.chunkedForever ? QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n" : bytes);
            m_sent += n;
        }
        if (m_sent < m_limit) {
            return;
        }
        const Pending done = m_queue.takeFirst();
        m_writing = false;
        m_hub->logServed(done.req, done.resp, m_sent);
        if (m_sent < m_total || m_close) {
            m_closing = true;
            m_socket->disconnectFromHost(); // sends what is buffered, then closes: a body cut short
            m_queue.clear();
            m_in.clear();
            return;
        }
        pump();
    }

    // Bytes [at, at + n) of a response body: the file or body, then filler for the hostile endless bodies.
    static QByteArray bodySlice(const MockResponse &r, qint64 at, qint64 n)
    {
        if (r.file) {
            return r.file->slice(r.from + at, n);
        }
        QByteArray out = r.body.mid(at, n);
        if (out.size() < n) {
            out.append(n - out.size(), 'x');
        }
        return out;
    }

    MockHub *m_hub;
    QTcpSocket *m_socket;
    QString m_origin;
    QByteArray m_in;
    QList<Pending> m_queue;
    QTimer m_timer;
    QTimer m_trickle;
    bool m_writing = false;
    bool m_hung = false;
    bool m_close = false;
    bool m_closing = false;
    bool m_sniffed = false;
    qint64 m_sent = 0;
    qint64 m_total = 0;
    qint64 m_limit = 0;
};

MockHub::MockHub(std::shared_ptr<const MockRepoSet> repos, QObject *parent)
    : QObject(parent), m_routes(std::move(repos))
{
}

MockHub::~MockHub() = default;

void MockHub::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_tlsCert = certificate;
    m_tlsKey = key;
}

QTcpServer *MockHub::makeServer(const QString &origin)
{
    QTcpServer *server = nullptr;
    if (m_tlsCert.isNull()) {
        server = new QTcpServer(this);
    } else {
        auto *ssl = new QSslServer(this);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(m_tlsCert);
        conf.setPrivateKey(m_tlsKey);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        conf.setAllowedNextProtocols({QSslConfiguration::ALPNProtocolHTTP2, QSslConfiguration::NextProtocolHttp1_1});
        ssl->setSslConfiguration(conf);
        server = ssl;
    }
    QTcpServer *raw = server;
    // pendingConnectionAvailable: for TLS, once the handshake is done (and ALPN has picked the protocol).
    connect(raw, &QTcpServer::pendingConnectionAvailable, this, [this, raw, origin] { accept(raw, origin); });
    return server;
}

bool MockHub::start(quint16 hubPort, quint16 cdnPort, bool separateCdn)
{
    const QString scheme = m_tlsCert.isNull() ? QStringLiteral("http") : QStringLiteral("https");
    m_hub = makeServer(QStringLiteral("hub"));
    if (!m_hub->listen(QHostAddress::LocalHost, hubPort)) {
        return false;
    }
    m_routes.hubUrl = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_hub->serverPort()));
    if (!separateCdn) {
        m_routes.cdnUrl = m_routes.hubUrl;
        return true;
    }
    m_cdn = makeServer(QStringLiteral("cdn"));
    if (!m_cdn->listen(QHostAddress::LocalHost, cdnPort)) {
        return false;
    }
    m_routes.cdnUrl = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_cdn->serverPort()));
    return true;
}

void MockHub::accept(QTcpServer *server, const QString &origin)
{
    while (QTcpSocket *s = server->nextPendingConnection()) {
        s->setSocketOption(QAbstractSocket::LowDelayOption, 1); // TCP_NODELAY, as web servers and CDNs set it
        ++m_connections;
        auto *ssl = qobject_cast<QSslSocket *>(s);
        if (ssl && ssl->sslConfiguration().nextNegotiatedProtocol() == QByteArrayLiteral("h2")) {
            startHttp2(this, s, origin, QByteArray()); // h2 by ALPN: the preface follows on the encrypted stream
            continue;
        }
        new MockConnection(this, s, origin);
    }
}

bool MockHub::useTestCertificates(const QString &dir, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("openssl is not installed");
        return false;
    }
    const auto run = [&](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(openssl, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            *error = QStringLiteral("openssl %1: %2").arg(args.value(0), QString::fromUtf8(p.readAllStandardError()));
            return false;
        }
        return true;
    };
    const auto loadLeaf = [&] {
        const QSslCertificate cert = QSslCertificate::fromPath(dir + QStringLiteral("/leaf.pem")).value(0);
        QFile keyFile(dir + QStringLiteral("/leaf.key"));
        const QSslKey key = keyFile.open(QIODevice::ReadOnly) ? QSslKey(keyFile.readAll(), QSsl::Ec) : QSslKey();
        if (cert.isNull() || key.isNull()) {
            *error = QStringLiteral("%1: the generated certificate or key did not load").arg(dir);
            return false;
        }
        setTls(cert, key);
        return true;
    };
    QFile ext(dir + QStringLiteral("/leaf.ext"));
    if (!ext.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(ext.fileName());
        return false;
    }
    ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
              "extendedKeyUsage=serverAuth\n");
    ext.close();
    return run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=MemSpec mock hub test CA")}) &&
           run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                QStringLiteral("leaf.key"), QStringLiteral("-out"), QStringLiteral("leaf.csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1")}) &&
           run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("leaf.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("leaf.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("leaf.ext")}) &&
           loadLeaf();
}

MockResponse MockHub::handle(const MockRequest &reqIn, int *delayMs)
{
    MockRequest req = reqIn;
    if (m_routes.cdnUrl == m_routes.hubUrl && req.segments.value(0) == QLatin1String("cdn-lfs")) {
        req.origin = QStringLiteral("cdn");
    }
    *delayMs = m_latencyMs;
    MockResponse overrideResp;
    bool overridden = false;
    bool drop = false;
    bool badJson = false;
    for (MockFault &f : m_faults) {
        if (f.times == 0 || (!f.match.isEmpty() && !QString::fromUtf8(req.target).contains(f.match))) {
            continue;
        }
        if (f.times > 0) {
            --f.times;
        }
        switch (f.kind) {
        case MockFault::Latency:
            *delayMs += f.latencyMs;
            break;
        case MockFault::IgnoreRange:
            req.headers.remove("range");
            break;
        case MockFault::DropMidBody:
            drop = true;
            break;
        case MockFault::BadJson:
            badJson = true;
            break;
        case MockFault::Hang:
            overrideResp.hang = true;
            overridden = true;
            break;
        case MockFault::RedirectLoop:
            overrideResp = MockResponse();
            overrideResp.status = 302;
            overrideResp.set("Location", req.target);
            overridden = true;
            break;
        case MockFault::Status429: {
            overrideResp = mockError(429, QByteArray(), QStringLiteral("You have exceeded our rate limit (mock)."));
            const QByteArray t = QByteArray::number(f.retryAfterSeconds);
            overrideResp.set("RateLimit", "\"api\";r=0;t=" + t);
            if (f.retryAfterSeconds > 0) {
                overrideResp.set("Retry-After", t);
            }
            overridden = true;
            break;
        }
        case MockFault::ServerError:
            overrideResp =
                mockError(f.status, QByteArray(), QStringLiteral("Service temporarily unavailable (mock)"), false);
            overridden = true;
            break;
        }
    }
    MockResponse hostileResp;
    const bool isHostile = !overridden && !m_hostile.isEmpty() && hostile(req, &hostileResp);
    MockResponse resp = overridden ? overrideResp : isHostile ? hostileResp : m_routes.route(req);
    if (badJson && !overridden) {
        resp.body = "{\"id\": \"broken\", \"siblings\": [";
        resp.file = nullptr;
    }
    if (drop && !overridden) {
        resp.dropAfter = resp.bodyLength() / 2;
    }
    const bool resolver = req.target.contains("/resolve/");
    resp.set("RateLimit", resolver ? "\"resolvers\";r=2999;t=300" : "\"api\";r=499;t=300");
    resp.set("RateLimit-Policy",
             resolver ? "\"fixed window\";\"resolvers\";q=3000;w=300" : "\"fixed window\";\"api\";q=500;w=300");
    resp.set("X-Request-Id", "Root=1-mock-" + QByteArray::number(m_seq + 1));
    resp.set("X-Powered-By", "huggingface-moon");
    resp.set("Access-Control-Expose-Headers",
             "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,"
             "Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash");
    return resp;
}

void MockHub::logServed(const MockRequest &req, const MockResponse &resp, qint64 bodyBytes)
{
    MockRequestLog e{
        ++m_seq,     req.origin, req.method,    req.target,   req.header("range"), req.header("authorization"),
        resp.status, bodyBytes,  req.arrivedMs, mockClockMs()};
    m_log.append(e);
    if (m_logStream) {
        *m_logStream << e.seq << " +" << e.arrivedMs << "ms [" << e.origin << "] " << e.method << ' ' << e.target
                     << (e.range.isEmpty() ? QByteArray() : "  Range: " + e.range)
                     << (e.authorization.isEmpty() ? QByteArray() : QByteArray("  (auth)")) << "  -> " << e.status
                     << " (" << bodyBytes << " B)\n";
        m_logStream->flush();
    }
    Q_EMIT requestServed(e);
}

qint64 MockHub::bodyBytesSent() const
{
    qint64 sum = 0;
    for (const MockRequestLog &e : m_log) {
        sum += e.bodyBytes;
    }
    return sum;
}

int MockHub::requestCount(const QString &targetContains) const
{
    int n = 0;
    for (const MockRequestLog &e : m_log) {
        n += QString::fromUtf8(e.target).contains(targetContains) ? 1 : 0;
    }
    return n;
}

} // namespace memspec::mock
