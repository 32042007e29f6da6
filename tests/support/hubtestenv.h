// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A mock hub in-process, a client pointed at it with tiny retry delays, and a temporary cache folder.
#pragma once

#include "tests/mockhub/mockhub.h"
#include "tests/support/fastretry.h"
#include "tests/support/spin.h"

#include "app/hub/hubclient.h"
#include "app/hub/refresher.h"
#include "app/registry/registry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <gtest/gtest.h>
#include <memory>

namespace memspec::test {

class HubTestEnv
{
public:
    // prepare runs before the mock starts listening (e.g. MockHub::setTls).
    explicit HubTestEnv(const QString &token = {},
                        std::shared_ptr<const mock::MockRepoSet> repos = mock::MockRepoSet::registryFixtures(),
                        const std::function<void(mock::MockHub &)> &prepare = {})
        : hub(std::move(repos))
    {
        if (prepare) {
            prepare(hub);
        }
        EXPECT_TRUE(hub.start());
        config.endpoint = hub.hubUrl();
        config.token = token;
        config.cacheDir = tmp.path() + QStringLiteral("/cache");
        config.hfHubCache = tmp.path() + QStringLiteral("/hf-none");
        config.retry = fastRetryPolicy();
        remakeClient();
    }

    void remakeClient()
    {
        refresher.reset();
        client = std::make_unique<HubClient>(&nam, config);
        refresher = std::make_unique<Refresher>(client.get(), HubCache(config.cacheDir));
    }

    static RegistryEntry entry(const QString &key)
    {
        static const Registry registry = Registry::bundled();
        const RegistryEntry *e = registry.find(key);
        EXPECT_NE(e, nullptr) << key.toStdString();
        return e ? *e : RegistryEntry();
    }

    RefreshOutcome refresh(const RegistryEntry &e, int timeoutMs = 20000)
    {
        QSignalSpy spy(refresher.get(), &Refresher::modelFinished);
        refresher->refresh(e, nullptr);
        if (spy.isEmpty()) {
            EXPECT_TRUE(spy.wait(timeoutMs)) << "refresh of " << e.key.toStdString() << " did not finish";
        }
        return spy.isEmpty() ? RefreshOutcome() : spy.first().first().value<RefreshOutcome>();
    }

    // Refreshes every registry model at once and waits; returns the outcomes, one per model.
    QList<RefreshOutcome> refreshAll(int timeoutMs = 60000)
    {
        QList<RefreshOutcome> outcomes;
        const auto c = QObject::connect(refresher.get(), &Refresher::modelFinished,
                                        [&](const RefreshOutcome &o) { outcomes << o; });
        const Registry registry = Registry::bundled();
        for (const RegistryEntry &e : registry.entries()) {
            refresher->refresh(e, nullptr);
        }
        EXPECT_TRUE(spinUntil([&] { return refresher->running() == 0; }, timeoutMs));
        QObject::disconnect(c);
        return outcomes;
    }

    // The errors among outcomes, one per line ("" when every model refreshed).
    static std::string failures(const QList<RefreshOutcome> &outcomes)
    {
        QStringList errors;
        for (const RefreshOutcome &o : outcomes) {
            if (!o.ok) {
                errors << o.error;
            }
        }
        return errors.join(QLatin1Char('\n')).toStdString();
    }

    QByteArray cacheFile(const QString &key) const
    {
        QFile f(HubCache(config.cacheDir).factsPath(key));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Puts a "previous good" entry in the cache whose commits differ from the mock's, so a refresh re-fetches.
    QByteArray seedOldCache(const QString &key)
    {
        ModelFacts old;
        old.key = key;
        old.origin = QStringLiteral("earlier refresh");
        old.revision = QString(40, QLatin1Char('0'));
        EXPECT_TRUE(HubCache(config.cacheDir).store(old, {{key.toLower(), QString(40, QLatin1Char('0'))}}).ok());
        return cacheFile(key);
    }

    template<typename T>
    std::pair<Result<T>, HubReply::Error> wait(std::function<void(HubClient::Done<T>)> call, int timeoutMs = 10000)
    {
        std::optional<std::pair<Result<T>, HubReply::Error>> out;
        call([&](Result<T> r, HubReply::Error e) { out.emplace(std::move(r), e); });
        EXPECT_TRUE(spinUntil([&] { return out.has_value(); }, timeoutMs));
        return out ? *out : std::make_pair(Result<T>::failure(QStringLiteral("timed out")), HubReply::Error::Timeout);
    }

    QTemporaryDir tmp;
    mock::MockHub hub;
    QNetworkAccessManager nam;
    HubConfig config;
    std::unique_ptr<HubClient> client;
    std::unique_ptr<Refresher> refresher;
};

// A folder for the mock's throw-away CA; prepare() hands it to the mock before it starts listening.
struct Certs
{
    QTemporaryDir dir;
    QString error;

    std::function<void(mock::MockHub &)> prepare()
    {
        return [this](mock::MockHub &hub) {
            if (!QSslSocket::supportsSsl()) {
                error = QStringLiteral("this Qt has no TLS backend");
            } else {
                hub.useTestCertificates(dir.path(), &error);
            }
        };
    }
    QString caPath() const { return dir.path() + QStringLiteral("/ca.pem"); }
};

inline HubConfig trusting(HubConfig c, const QString &caPath)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("MEMSPEC_CA_BUNDLE"), caPath);
    const HubConfig fromEnv = HubConfig::fromEnvironment(env);
    c.caCertificates = fromEnv.caCertificates;
    c.caBundleError = fromEnv.caBundleError;
    return c;
}

} // namespace memspec::test
