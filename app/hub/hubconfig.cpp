// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubconfig.h"

#include "app/facts/hubcache.h"
#include "app/settings/settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace memspec {

int RetryPolicy::backoffMs(int retry) const
{
    qint64 d = baseDelayMs;
    for (int i = 0; i < retry && d < maxDelayMs; ++i) {
        d *= 2;
    }
    return int(qMin<qint64>(d, maxDelayMs));
}

namespace {

// The retry knobs a user behind a slow proxy or with a local mirror may turn: how many retries, the first
// backoff (doubling up to 8 times it; a server's Retry-After is honoured up to 60 times it), how long an
// attempt may go without a byte (huggingface_hub's HF_HUB_DOWNLOAD_TIMEOUT) and how long it may take in all
// (MEMSPEC_HUB_DEADLINE; `refresh --deadline` wins over it in HubConfig::resolve).
void applyRetryKnobs(const QProcessEnvironment &env, RetryPolicy *p)
{
    bool ok = false;
    const int retries = env.value(QStringLiteral("MEMSPEC_HUB_RETRIES")).trimmed().toInt(&ok);
    if (ok && retries >= 0 && retries <= 20) {
        p->maxRetries = retries;
    }
    if (const int delay = HubConfig::deadlineMsFrom(env.value(QStringLiteral("MEMSPEC_HUB_RETRY_DELAY"))); delay > 0) {
        p->baseDelayMs = delay;
        p->maxDelayMs = 8 * delay;
        p->maxRetryAfterMs = 60 * delay;
    }
    if (const int timeout = HubConfig::deadlineMsFrom(env.value(QStringLiteral("HF_HUB_DOWNLOAD_TIMEOUT")));
        timeout > 0) {
        p->transferTimeoutMs = timeout;
    }
    if (const int deadline = HubConfig::deadlineMsFrom(env.value(QStringLiteral("MEMSPEC_HUB_DEADLINE")));
        deadline > 0) {
        p->deadlineMs = deadline;
    }
}

} // namespace

bool HubConfig::truthy(const QString &value)
{
    const QString v = value.trimmed().toUpper();
    return v == QLatin1String("1") || v == QLatin1String("ON") || v == QLatin1String("YES") ||
           v == QLatin1String("TRUE");
}

int HubConfig::deadlineMsFrom(const QString &seconds)
{
    bool ok = false;
    const double s = seconds.trimmed().toDouble(&ok);
    return ok && s > 0 && s < 86400 ? qMax(1, int(s * 1000)) : -1;
}

void HubConfig::takeUserInfo()
{
    if (endpoint.userName().isEmpty() && endpoint.password().isEmpty()) {
        return;
    }
    endpointUser = endpoint.userName(QUrl::FullyDecoded);
    endpointPassword = endpoint.password(QUrl::FullyDecoded);
    endpoint.setUserInfo(QString());
}

QStringList HubConfig::secrets() const
{
    QStringList out;
    for (const QString &s : {token, endpointPassword, QString::fromLatin1(QUrl::toPercentEncoding(endpointPassword))}) {
        if (!s.isEmpty() && !out.contains(s)) {
            out << s;
        }
    }
    return out;
}

HubConfig HubConfig::resolve(const QProcessEnvironment &env, const HubSources &sources, QString *keychainError)
{
    const bool envEndpoint = !env.value(QStringLiteral("HF_ENDPOINT")).isEmpty();
    const QString endpoint =
        !sources.endpointFlag.isEmpty() || envEndpoint ? sources.endpointFlag : sources.settingsEndpoint;
    const QString cacheDir = sources.cacheDirFlag.isEmpty() ? sources.settingsCacheDir : sources.cacheDirFlag;
    HubConfig c = fromEnvironment(env, endpoint, cacheDir, sources.offlineFlag || sources.settingsOffline);
    if (sources.deadlineMsFlag > 0) {
        c.retry.deadlineMs = sources.deadlineMsFlag;
    }
    if (c.token.isEmpty() && !c.offline && sources.keychainToken) {
        QString why;
        c.token = sources.keychainToken(&why).trimmed();
        if (keychainError) {
            *keychainError = c.token.isEmpty() ? why : QString();
        }
    }
    return c;
}

HubConfig HubConfig::fromEnvironment(const QProcessEnvironment &env, const QString &endpoint, const QString &cacheDir,
                                     bool offline)
{
    HubConfig c;
    QString ep = endpoint.isEmpty() ? env.value(QStringLiteral("HF_ENDPOINT")) : endpoint;
    while (ep.endsWith(QLatin1Char('/'))) {
        ep.chop(1);
    }
    if (!ep.isEmpty()) {
        c.endpoint = QUrl(ep);
        c.takeUserInfo();
    }
    const QString home = env.value(QStringLiteral("HF_HOME"),
                                   env.contains(QStringLiteral("XDG_CACHE_HOME"))
                                       ? env.value(QStringLiteral("XDG_CACHE_HOME")) + QStringLiteral("/huggingface")
                                       : QDir::homePath() + QStringLiteral("/.cache/huggingface"));
    if (const QString variable = Settings::environmentTokenVariable(env); !variable.isEmpty()) {
        c.token = env.value(variable).trimmed();
    } else {
        QFile f(env.value(QStringLiteral("HF_TOKEN_PATH"), home + QStringLiteral("/token")));
        if (f.open(QIODevice::ReadOnly)) {
            c.token = QString::fromUtf8(f.readAll()).trimmed();
        }
    }
    c.offline = offline || truthy(env.value(QStringLiteral("HF_HUB_OFFLINE"))) ||
                truthy(env.value(QStringLiteral("TRANSFORMERS_OFFLINE")));
    c.hfHubCache = env.value(QStringLiteral("HF_HUB_CACHE"),
                             env.value(QStringLiteral("HUGGINGFACE_HUB_CACHE"), home + QStringLiteral("/hub")));
    c.cacheDir = cacheDir.isEmpty() ? HubCache::defaultDir() : cacheDir;
    c.http2PriorKnowledge = truthy(env.value(QStringLiteral("MEMSPEC_HTTP2_PRIOR_KNOWLEDGE")));
    applyRetryKnobs(env, &c.retry);
    for (const char *name : {"MEMSPEC_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"}) {
        const QString v = env.value(QLatin1String(name)).trimmed();
        if (!v.isEmpty()) {
            c.caCertificates = QSslCertificate::fromPath(v, QSsl::Pem);
            if (c.caCertificates.isEmpty()) {
                const QString named = QStringLiteral("%1=%2").arg(QLatin1String(name), v);
                c.caBundleError = QFileInfo::exists(v) ? QStringLiteral("%1 holds no PEM certificate").arg(named)
                                                       : QStringLiteral("%1: no such file").arg(named);
            }
            break;
        }
    }
    return c;
}

} // namespace memspec
