// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace memspec {

// How long to wait and how often to retry. Tests inject tiny values so fault tests stay fast.
struct RetryPolicy
{
    int maxRetries = 4;          // after the first attempt
    int baseDelayMs = 1000;      // doubles per retry
    int maxDelayMs = 8000;
    int msPerRetryAfterSecond = 1000;   // scales Retry-After / RateLimit t= (tests: 1)
    int maxRetryAfterMs = 60000;
    int transferTimeoutMs = 15000;      // no bytes for this long = timeout
    // A whole attempt (its redirects included) must end within this, however steadily bytes trickle in (a
    // slowloris server): --deadline SECONDS, MEMSPEC_HUB_DEADLINE. Not retried: the next attempt would trickle too.
    int deadlineMs = 30000;
    int maxRedirects = 10;

    int backoffMs(int retry) const;
    static RetryPolicy fast();   // for tests: few ms
};

// The Hugging Face conventions (reference/hub-and-formats.md §5.1) plus our own cache folder.
struct HubConfig
{
    QUrl endpoint{QStringLiteral("https://huggingface.co")};   // never with user info: see takeUserInfo()
    QString token;
    // The user info of an endpoint given as http://user:password@host: sent only as Basic credentials to that
    // host (instead of the token, as Python's requests does with such a URL), never stored, printed or exported.
    QString endpointUser;
    QString endpointPassword;
    bool offline = false;
    QString cacheDir;     // ours: facts and text files keyed by repo and commit
    QString hfHubCache;   // an existing Hugging Face cache, read-only
    RetryPolicy retry;
    int maxConcurrent = 128;   // logical requests in flight across all models (Qt queues them per host, by priority;
                               // over HTTP/2 they are streams, and 128 is what the Hub's CDN front allows)
    // HTTP/2 over plain http:// without negotiation (curl's --http2-prior-knowledge), for a mirror that speaks h2c.
    // https:// endpoints negotiate HTTP/2 by ALPN anyway (huggingface.co does); http/1.1 is the default otherwise.
    bool http2PriorKnowledge = false;
    // Extra certificate authorities to trust for https besides the system's (a mirror behind a private CA), from
    // MEMSPEC_CA_BUNDLE, else REQUESTS_CA_BUNDLE (what huggingface_hub's requests honour), else SSL_CERT_FILE.
    // caBundleError says why a named file gave none; a failed handshake then reports it.
    QList<QSslCertificate> caCertificates;
    QString caBundleError;

    // HF_ENDPOINT, HF_TOKEN / HUGGING_FACE_HUB_TOKEN / $HF_HOME/token, HF_HUB_OFFLINE, HF_HOME, HF_HUB_CACHE, and our
    // MEMSPEC_HTTP2_PRIOR_KNOWLEDGE, MEMSPEC_HUB_DEADLINE (seconds);
    // command-line values (non-empty) win over the environment.
    static HubConfig fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                     const QString &endpoint = {}, const QString &cacheDir = {}, bool offline = false);
    // Moves user info from endpoint into endpointUser/endpointPassword (fromEnvironment and HubClient call it).
    void takeUserInfo();
    // What messages and stored text must never show: the token and the endpoint's password.
    QStringList secrets() const;
    static bool truthy(const QString &value);
    // Seconds (e.g. "30", "2.5") as milliseconds; -1 when value is not a positive number.
    static int deadlineMsFrom(const QString &seconds);
    // The MEMSPEC_HUB_FAST_RETRY test seam (CLI and studio alike): tiny backoffs and timeouts when it is set. The
    // deadline stays as configured (MEMSPEC_HUB_DEADLINE).
    void applyFastRetrySeam();
};

} // namespace memspec
