// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/hubdefaults.h"

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>

namespace memspec {

// How long to wait and how often to retry. Tests inject tiny values so fault tests stay fast.
struct RetryPolicy
{
    int maxRetries = 4;     // after the first attempt
    int baseDelayMs = 1000; // doubles per retry
    int maxDelayMs = 8000;
    int msPerRetryAfterSecond = 1000; // scales Retry-After / RateLimit t= (tests: 1)
    int maxRetryAfterMs = 60000;
    int transferTimeoutMs = 15000; // no bytes for this long = timeout
    // A whole attempt (its redirects included) must end within this, however steadily bytes trickle in (a
    // slowloris server): --deadline SECONDS, MEMSPEC_HUB_DEADLINE. Not retried: the next attempt would trickle too.
    int deadlineMs = 30000;
    int maxRedirects = 10;

    int backoffMs(int retry) const;
};

// What the user configured for the hub outside the environment: the command line and the stored settings. The
// programs (the CLI and the studio) fill one each and call HubConfig::resolve.
struct HubSources
{
    // --endpoint, --cache-dir, --offline, `refresh --deadline` (in ms); empty / false / 0: not given.
    QString endpointFlag;
    QString cacheDirFlag;
    bool offlineFlag = false;
    int deadlineMsFlag = 0;
    // The settings as stored (hubSourcesOf, app/hub/hubsettings.h); empty / false where they hold the default.
    QString settingsEndpoint;
    QString settingsCacheDir;
    bool settingsOffline = false;
    // The OS keychain, asked only when neither HF_TOKEN nor the token file gives a token and the hub may be
    // contacted. Returns the token, or empty with *error set when the keychain failed (empty error: none stored).
    std::function<QString(QString *error)> keychainToken;
};

// The Hugging Face conventions (reference/hub-and-formats.md §5.1) plus our own cache folder.
struct HubConfig
{
    QUrl endpoint{defaultHubEndpoint()}; // never with user info: see takeUserInfo()
    QString token;
    // The user info of an endpoint given as http://user:password@host: sent only as Basic credentials to that
    // host (instead of the token, as Python's requests does with such a URL), never stored, printed or exported.
    QString endpointUser;
    QString endpointPassword;
    bool offline = false;
    QString cacheDir;   // ours: facts and text files keyed by repo and commit
    QString hfHubCache; // an existing Hugging Face cache, read-only
    RetryPolicy retry;
    int maxConcurrent = 128; // logical requests in flight across all models (Qt queues them per host, by priority;
                             // over HTTP/2 they are streams, and 128 is what the Hub's CDN front allows)
    // HTTP/2 over plain http:// without negotiation (curl's --http2-prior-knowledge), for a mirror that speaks h2c.
    // https:// endpoints negotiate HTTP/2 by ALPN anyway (huggingface.co does); http/1.1 is the default otherwise.
    bool http2PriorKnowledge = false;
    // Extra certificate authorities to trust for https besides the system's (a mirror behind a private CA), from
    // MEMSPEC_CA_BUNDLE, else REQUESTS_CA_BUNDLE (what huggingface_hub's requests honour), else SSL_CERT_FILE.
    // caBundleError says why a named file gave none; a failed handshake then reports it.
    QList<QSslCertificate> caCertificates;
    QString caBundleError;

    // The one hub configuration of the CLI and the studio (docs/cli.md, "Hub configuration"):
    //   endpoint  --endpoint > HF_ENDPOINT > settings > https://huggingface.co
    //   offline   --offline, HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE (truthy()), or the setting
    //   token     HF_TOKEN (HUGGING_FACE_HUB_TOKEN) > the token file (HF_TOKEN_PATH, $HF_HOME/token) > keychain
    //   cache     --cache-dir > settings > HubCache::defaultDir()
    //   retries   MEMSPEC_HUB_RETRIES, MEMSPEC_HUB_RETRY_DELAY (seconds), HF_HUB_DOWNLOAD_TIMEOUT (seconds)
    //   deadline  refresh --deadline > MEMSPEC_HUB_DEADLINE (seconds) > 30 s
    // A keychain failure is reported in *keychainError (the token then stays empty).
    static HubConfig resolve(const QProcessEnvironment &env, const HubSources &sources,
                             QString *keychainError = nullptr);
    // The environment alone (resolve() without settings, keychain or --deadline): HF_ENDPOINT, HF_TOKEN /
    // HUGGING_FACE_HUB_TOKEN / the token file, HF_HUB_OFFLINE, HF_HOME, HF_HUB_CACHE, the retry knobs above, and our
    // MEMSPEC_HTTP2_PRIOR_KNOWLEDGE and CA bundle; non-empty arguments win over it.
    static HubConfig fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                     const QString &endpoint = {}, const QString &cacheDir = {}, bool offline = false);
    // Moves user info from endpoint into endpointUser/endpointPassword (fromEnvironment and HubClient call it).
    void takeUserInfo();
    // What messages and stored text must never show: the token and the endpoint's password.
    QStringList secrets() const;
    // The one reading of a yes/no environment variable (HF_HUB_OFFLINE and the like): 1, true, yes or on, in any
    // case; anything else (unset, empty, 0, false, no, off) is no.
    static bool truthy(const QString &value);
    // Seconds (e.g. "30", "2.5") as milliseconds (at least 1); -1 when value is not a positive number of seconds
    // under a day. How --deadline and the knobs in seconds are read.
    static int deadlineMsFrom(const QString &seconds);
};

} // namespace memspec
