// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubrequest.h"

#include "app/hub/secrets.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslConfiguration>

namespace memspec {

namespace {

QByteArray unquote(QByteArray etag)
{
    if (etag.startsWith("W/")) {
        etag = etag.mid(2);
    }
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"')) {
        etag = etag.mid(1, etag.size() - 2);
    }
    return etag;
}

// Seconds to wait from a 429: RateLimit "…";r=0;t=N, else Retry-After: N; -1 when neither says.
int retryAfterSeconds(const HubReply &r)
{
    static const QRegularExpression t(QStringLiteral(";\\s*t=(\\d+)"));
    const auto m = t.match(QString::fromLatin1(r.header("ratelimit")));
    if (m.hasMatch() && r.header("ratelimit").contains("r=0")) {
        return m.captured(1).toInt() + 1;
    }
    bool ok = false;
    const int s = r.header("retry-after").trimmed().toInt(&ok);
    return ok ? s + 1 : -1;
}

} // namespace

HubRequest::HubRequest(QNetworkAccessManager *nam, const HubConfig &config, const QSslConfiguration &tls,
                       HubRequestSpec spec, QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_tls(tls), m_spec(std::move(spec))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { attempt(m_spec.url); });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HubRequest::onDeadline);
}

HubRequest::~HubRequest()
{
    dropReply();
}

const QHttp2Configuration &HubRequest::http2Configuration()
{
    // Header reads are a few MB at most: let a server send them in large DATA frames (fewer frames and events than
    // the 16 KB default) and never stall on flow control.
    static const QHttp2Configuration c = [] {
        QHttp2Configuration h2;
        h2.setMaxFrameSize(1 << 20);
        h2.setSessionReceiveWindowSize((1u << 31) - 1);
        h2.setStreamReceiveWindowSize(64u << 20);
        return h2;
    }();
    return c;
}

bool HubRequest::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

QString HubRequest::shown(const QUrl &url)
{
    QString s = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (s.size() > 200) {
        s = s.left(200) + QStringLiteral("…");
    }
    return s;
}

QString HubRequest::refusal(const QUrl &from, const QUrl &to)
{
    const QString scheme = to.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return QStringLiteral("refused to follow %1: only http and https URLs are followed, not %2")
            .arg(shown(to), scheme.isEmpty() ? QStringLiteral("a URL without a scheme") : scheme + QLatin1Char(':'));
    }
    if (to.host().isEmpty()) {
        return QStringLiteral("refused to follow %1: no host").arg(shown(to));
    }
    if (from.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 && scheme == QLatin1String("http")) {
        return QStringLiteral("refused to follow %1: a downgrade from https to http").arg(shown(to));
    }
    return {};
}

QNetworkReply *HubRequest::dropReply()
{
    QNetworkReply *r = m_reply;
    m_reply.clear();
    if (r) {
        r->disconnect(this);
        if (!r->isFinished()) {
            r->abort();
        }
        r->deleteLater();
    }
    return r;
}

void HubRequest::start()
{
    if (m_config.offline) {
        HubReply r;
        r.error = HubReply::Error::Offline;
        r.message = QStringLiteral("offline mode is on: no network request made");
        QTimer::singleShot(0, this, [this, r] { finish(r); });
        return;
    }
    attempt(m_spec.url);
}

void HubRequest::cancel()
{
    m_retryTimer.stop();
    dropReply();
    HubReply r;
    r.error = HubReply::Error::Cancelled;
    r.message = QStringLiteral("cancelled");
    finish(r);
}

void HubRequest::attempt(const QUrl &url)
{
    if (const QString refused = refusal(QUrl(), url); !refused.isEmpty()) {
        HubReply r = m_result;
        r.error = HubReply::Error::UnsafeUrl;
        r.message = refused;
        QTimer::singleShot(0, this, [this, r] { finish(r); });
        return;
    }
    if (url == m_spec.url) {
        m_visited.clear();
        m_redirects = 0;
        m_result = HubReply();
        if (m_config.retry.deadlineMs > 0) {
            m_deadline.start(m_config.retry.deadlineMs); // this attempt and its redirects
        }
    }
    m_result.attempts = m_retries + 1;
    m_body.clear();
    if (!m_spec.range.isEmpty() && m_spec.maxBody <= 64 * 1024 * 1024) {
        m_body.reserve(qsizetype(m_spec.maxBody)); // a range read's size is known: no regrowing a 6 MB header
    }
    m_budgetHit = false;
    m_bodyCut = false;
    m_visited.insert(url.toString());
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::HttpPipeliningAllowedAttribute, true);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true); // https: h2 by ALPN, requests multiplexed
    if (m_config.http2PriorKnowledge && url.scheme() == QLatin1String("http")) {
        req.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    }
    req.setHttp2Configuration(http2Configuration());
    if (url.scheme() == QLatin1String("https") && !m_tls.isNull()) {
        req.setSslConfiguration(m_tls);
    }
    req.setPriority(m_spec.urgent ? QNetworkRequest::HighPriority : QNetworkRequest::LowPriority);
    req.setTransferTimeout(m_config.retry.transferTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("memspec/" MEMSPEC_VERSION));
    req.setRawHeader("Accept-Encoding", "identity"); // exact sizes: no transparent gzip
    if (!m_spec.range.isEmpty()) {
        req.setRawHeader("Range", m_spec.range);
    }
    // Credentials go to the hub only: never to a CDN or any other origin a redirect points at. A mirror's user
    // info is its Basic credentials and wins over the token, as with Python's requests.
    if (sameOrigin(url, m_config.endpoint)) {
        if (!m_config.endpointUser.isEmpty() || !m_config.endpointPassword.isEmpty()) {
            req.setRawHeader(
                "Authorization",
                "Basic " + (m_config.endpointUser + QLatin1Char(':') + m_config.endpointPassword).toUtf8().toBase64());
        } else if (!m_config.token.isEmpty()) {
            req.setRawHeader("Authorization", "Bearer " + m_config.token.toUtf8());
        }
    }
    if (!m_spec.contentType.isEmpty()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_spec.contentType);
    }
    if (m_spec.method == "POST") {
        m_reply = m_nam->post(req, m_spec.body);
    } else if (m_spec.method == "HEAD") {
        m_reply = m_nam->head(req);
    } else {
        m_reply = m_nam->get(req);
    }
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HubRequest::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HubRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HubRequest::onFinished);
}

void HubRequest::onMetaData()
{
    // A reply this request let go of (finished, aborted or superseded by a redirect hop) may still signal, e.g. a
    // late HEADERS frame: only the current one counts.
    if (!m_reply || sender() != m_reply) {
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 len = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (!m_spec.range.isEmpty() && status == 200) {
        if (len > m_spec.maxBody) {
            m_budgetHit = true; // the server ignores Range and sends the whole file: read no further than the budget
        }
    } else if (status >= 200 && status < 300 && m_spec.method != "HEAD" && len > m_spec.maxBody) {
        // The server announces more than the budget: what it would send is refused anyway, so read none of it.
        HubReply out = m_result;
        out.status = status;
        out.url = m_reply->url();
        out.error = HubReply::Error::TooLarge;
        out.message = QStringLiteral("%1 announces %2 bytes (Content-Length), more than the %3-byte budget; not read")
                          .arg(shown(out.url))
                          .arg(len)
                          .arg(m_spec.maxBody);
        dropReply();
        finish(out);
    }
}

void HubRequest::onReadyRead()
{
    if (!m_reply || sender() != m_reply) {
        return;
    }
    readBody();
}

void HubRequest::readBody()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A redirect's body is not needed and an error's only for its message: keep kMaxErrorBody of either. The budget
    // is for what was asked for.
    const bool aside = status >= 300;
    const qint64 budget = aside ? kMaxErrorBody : m_spec.maxBody;
    // Steps of at most kReadBufferBytes (all Qt holds for us), up to one byte past the budget to notice it. Drained
    // each time: with a capped read buffer Qt sends no further readyRead while bytes are left in it.
    while (m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(qMin(kReadBufferBytes, budget - m_body.size() + 1));
        m_body += chunk;
        if (status < 300 || status >= 400) {
            Q_EMIT bytesReceived(chunk.size());
        }
        if (m_body.size() <= budget) {
            continue;
        }
        if (aside) {
            // Cut here; onFinished handles the status (retries a 5xx, follows a redirect, reports a 4xx) as usual.
            m_body.truncate(budget);
            m_bodyCut = true;
            m_reply->abort(); // emits finished, unless it has already
            return;
        }
        stopAtBudget(status);
        return;
    }
}

void HubRequest::stopAtBudget(int status)
{
    m_body.truncate(m_spec.maxBody);
    m_budgetHit = true;
    QNetworkReply *r = dropReply();
    HubReply out = m_result;
    out.status = status;
    out.body = m_body;
    out.url = r->url();
    if (!m_spec.range.isEmpty() && status == 200) {
        out.error = HubReply::Error::IgnoresRange;
        out.message = QStringLiteral("the server ignores Range requests (answered 200 with the whole file); "
                                     "stopped after %1 bytes, the header budget")
                          .arg(m_body.size());
    } else {
        out.error = HubReply::Error::TooLarge;
        out.message = QStringLiteral("%1: response larger than the %2-byte budget; stopped reading")
                          .arg(shown(out.url))
                          .arg(m_spec.maxBody);
    }
    finish(out);
}

void HubRequest::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply) {
        return;
    }
    if (!m_bodyCut && reply->isOpen()) { // a transfer timeout closes the reply before it finishes
        readBody();                      // what is left, within the budget
        if (m_done || m_reply != reply) {
            return; // stopped at the budget
        }
    }
    reply->disconnect(this);
    reply->deleteLater();
    m_reply.clear();
    HubReply &r = m_result;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.url = reply->url();
    r.headers.clear();
    for (const auto &[k, v] : reply->rawHeaderPairs()) {
        r.headers.insert(k.toLower(), v);
    }
    if (!r.header("x-repo-commit").isEmpty()) {
        r.repoCommit = r.header("x-repo-commit");
    }
    if (!r.header("x-linked-etag").isEmpty()) {
        r.linkedEtag = unquote(r.header("x-linked-etag"));
    }
    if (!r.header("x-linked-size").isEmpty()) {
        r.linkedSize = r.header("x-linked-size").toLongLong();
    }
    // A body cut at kMaxErrorBody was aborted on purpose: not a network error.
    const QNetworkReply::NetworkError netErr = m_bodyCut ? QNetworkReply::NoError : reply->error();
    if (r.status == 0 ||
        (netErr >= QNetworkReply::ConnectionRefusedError && netErr < QNetworkReply::ContentAccessDenied)) {
        const bool timeout = netErr == QNetworkReply::OperationCanceledError || netErr == QNetworkReply::TimeoutError;
        if (netErr == QNetworkReply::SslHandshakeFailedError) {
            // Not worth a retry: the certificate will not change in a second.
            r.error = HubReply::Error::Network;
            r.message = QStringLiteral("TLS handshake with %1 failed: %2%3")
                            .arg(reply->url().host(), reply->errorString(),
                                 !m_config.caBundleError.isEmpty()
                                     ? QStringLiteral(" (%1)").arg(m_config.caBundleError)
                                     : QStringLiteral(" (a mirror behind a private CA: set MEMSPEC_CA_BUNDLE to its "
                                                      "PEM file)"));
            finish(r);
            return;
        }
        if (timeout) {
            retryOrFail(HubReply::Error::Timeout,
                        QStringLiteral("no answer within %1 ms").arg(m_config.retry.transferTimeoutMs));
        } else if (r.status != 0 || !m_body.isEmpty()) {
            const qint64 expected = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
            retryOrFail(
                HubReply::Error::Dropped,
                QStringLiteral("connection dropped mid-body after %1 of %2 bytes").arg(m_body.size()).arg(expected));
        } else {
            retryOrFail(HubReply::Error::Network, reply->errorString());
        }
        return;
    }
    const qint64 expected = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_spec.method != "HEAD" && expected > 0 && m_body.size() < expected && r.status < 300) {
        retryOrFail(
            HubReply::Error::Dropped,
            QStringLiteral("connection dropped mid-body after %1 of %2 bytes").arg(m_body.size()).arg(expected));
        return;
    }
    if (r.status >= 300 && r.status < 400 && r.status != 304) {
        const QByteArray location = reply->rawHeader("Location");
        if (location.isEmpty()) {
            r.error = HubReply::Error::Http;
            r.message = QStringLiteral("HTTP %1 redirect without a Location").arg(r.status);
            finish(r);
            return;
        }
        const QUrl next = reply->url().resolved(QUrl::fromEncoded(location));
        if (const QString refused = refusal(reply->url(), next); !refused.isEmpty()) {
            r.error = HubReply::Error::UnsafeUrl;
            r.message = QStringLiteral("HTTP %1 redirect: %2").arg(r.status).arg(refused);
            finish(r);
            return;
        }
        if (++m_redirects > m_config.retry.maxRedirects || m_visited.contains(next.toString())) {
            r.error = HubReply::Error::RedirectLoop;
            r.message = QStringLiteral("redirect loop: %1 redirects, last to %2").arg(m_redirects).arg(shown(next));
            finish(r);
            return;
        }
        attempt(next);
        return;
    }
    r.body = m_body;
    if (r.status == 206) {
        const QByteArray cr = r.header("content-range");
        r.totalSize = cr.mid(cr.lastIndexOf('/') + 1).toLongLong();
    } else if (r.status == 200) {
        r.totalSize = expected > 0 ? expected : m_body.size();
        if (!m_spec.range.isEmpty() && m_budgetHit) {
            r.error = HubReply::Error::IgnoresRange;
            r.message = QStringLiteral("the server ignores Range requests (answered 200 with the whole file)");
            finish(r);
            return;
        }
    }
    if (r.status == 429) {
        const int s = retryAfterSeconds(r);
        const int wait = s < 0 ? -1 : qMin(s * m_config.retry.msPerRetryAfterSecond, m_config.retry.maxRetryAfterMs);
        retryOrFail(HubReply::Error::RateLimited,
                    QStringLiteral("rate limited by the hub (HTTP 429)%1")
                        .arg(s < 0 ? QString() : QStringLiteral(", asked to wait %1 s").arg(s - 1)),
                    wait);
        return;
    }
    if (r.status >= 500 || r.status == 408) {
        retryOrFail(HubReply::Error::Server, QStringLiteral("server error HTTP %1").arg(r.status));
        return;
    }
    classify(r);
    finish(r);
}

void HubRequest::onDeadline()
{
    if (m_done) {
        return;
    }
    m_retryTimer.stop();
    const qint64 got = m_body.size();
    const QNetworkReply *r = dropReply();
    const QUrl url = r ? r->url() : m_spec.url;
    HubReply out = m_result;
    out.error = HubReply::Error::Timeout;
    out.body.clear();
    out.url = url;
    out.message = QStringLiteral("%1: no complete answer within the %2 s deadline (%3 bytes received); not retried "
                                 "(--deadline SECONDS or MEMSPEC_HUB_DEADLINE sets it)")
                      .arg(shown(url))
                      .arg(m_config.retry.deadlineMs / 1000.0)
                      .arg(got);
    finish(out);
}

void HubRequest::classify(HubReply &r) const
{
    if (r.status < 400) {
        return;
    }
    const QByteArray code = r.header("x-error-code");
    QString msg = QString::fromUtf8(r.header("x-error-message"));
    if (msg.isEmpty()) {
        msg = QString::fromUtf8(r.body.left(300)).trimmed();
    }
    if (code == "GatedRepo") {
        r.error = HubReply::Error::Gated;
    } else if (code == "RevisionNotFound") {
        r.error = HubReply::Error::RevisionNotFound;
    } else if (code == "EntryNotFound") {
        r.error = HubReply::Error::EntryNotFound;
    } else if (code == "RepoNotFound" || (r.status == 401 && !msg.contains(QLatin1String("Invalid credentials")))) {
        r.error = HubReply::Error::RepoNotFound;
    } else if (r.status == 401) {
        r.error = HubReply::Error::BadToken;
    } else if (r.status == 403) {
        r.error = HubReply::Error::Forbidden;
    } else {
        r.error = HubReply::Error::Http;
    }
    r.message = QStringLiteral("HTTP %1%2: %3")
                    .arg(r.status)
                    .arg(code.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromLatin1(code), msg);
}

void HubRequest::retryOrFail(HubReply::Error error, const QString &message, int delayMs)
{
    if (m_retries < m_config.retry.maxRetries) {
        m_deadline.stop(); // the next attempt starts its own
        const int wait = delayMs >= 0 ? delayMs : m_config.retry.backoffMs(m_retries);
        ++m_retries;
        m_retryTimer.start(wait);
        return;
    }
    HubReply r = m_result;
    r.error = error;
    r.message = QStringLiteral("%1 (gave up after %2 attempts)").arg(message).arg(m_retries + 1);
    r.body.clear();
    finish(r);
}

void HubRequest::finish(HubReply reply)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_deadline.stop();
    m_retryTimer.stop();
    reply.attempts = m_retries + 1;
    reply.message = redactSecrets(reply.message, m_config.secrets());
    Q_EMIT finished(reply);
}

} // namespace memspec
