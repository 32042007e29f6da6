// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The client as it talks to huggingface.co: https on both origins, HTTP/2 chosen by ALPN with no option set, the
// token only for the hub. The mock's certificate comes from a throw-away CA made with openssl for each test; the
// client trusts it through MEMSPEC_CA_BUNDLE (what a mirror behind a private CA needs too).
#include "tests/support/hubtestenv.h"

#include <QSslConfiguration>
#include <QSslSocket>

using namespace memspec;
using memspec::test::Certs;
using memspec::test::HubTestEnv;
using memspec::test::trusting;

namespace {

const QString kMini = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");

} // namespace

TEST(Https, AllTwelveModelsOverTlsNegotiateHttp2ByAlpn)
{
    Certs certs;
    HubTestEnv env(QStringLiteral("hf_mock_approved"), mock::MockRepoSet::registryFixtures(), certs.prepare());
    ASSERT_TRUE(certs.error.isEmpty()) << certs.error.toStdString();
    ASSERT_EQ(env.hub.hubUrl().scheme(), QStringLiteral("https"));
    ASSERT_EQ(env.hub.cdnUrl().scheme(), QStringLiteral("https"));
    env.config = trusting(env.config, certs.caPath());
    ASSERT_EQ(env.config.caCertificates.size(), 1);
    ASSERT_FALSE(env.config.http2PriorKnowledge); // nothing but ALPN picks HTTP/2
    env.remakeClient();
    const QList<RefreshOutcome> outcomes = env.refreshAll();
    EXPECT_EQ(outcomes.size(), Registry::bundled().entries().size());
    EXPECT_EQ(HubTestEnv::failures(outcomes), "");
    EXPECT_EQ(env.hub.http2ConnectionCount(), 2); // hub and CDN, both h2 by ALPN
    EXPECT_EQ(env.hub.connectionCount(), 2);
    for (const mock::MockRequestLog &e : env.hub.requests()) {
        if (e.origin == QLatin1String("cdn")) {
            EXPECT_TRUE(e.authorization.isEmpty()) << "the token went to the CDN: " << e.target.toStdString();
        }
    }
}

TEST(Https, UntrustedCertificateFailsAtOnceSayingWhatToSet)
{
    Certs certs;
    HubTestEnv env({}, mock::MockRepoSet::registryFixtures(), certs.prepare());
    ASSERT_TRUE(certs.error.isEmpty()) << certs.error.toStdString();
    const QByteArray before = env.seedOldCache(kMini);
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String("TLS handshake with 127.0.0.1 failed"))) << o.error.toStdString();
    EXPECT_TRUE(o.error.contains(QLatin1String("MEMSPEC_CA_BUNDLE"))) << o.error.toStdString();
    EXPECT_EQ(env.cacheFile(kMini), before);
    EXPECT_TRUE(env.hub.requests().isEmpty()); // no request got through, and none was retried into the void
}

TEST(Https, ExtraCaAddsToTheSystemStoreInsteadOfReplacingIt)
{
    // Setting CAs on a QSslConfiguration turns off Qt's on-demand loading of the system store: an extra CA for a
    // mirror once made every public endpoint untrusted. The client's configuration keeps the system's list.
    Certs certs;
    HubTestEnv env({}, mock::MockRepoSet::registryFixtures(), certs.prepare());
    ASSERT_TRUE(certs.error.isEmpty()) << certs.error.toStdString();
    EXPECT_TRUE(env.client->tlsConfiguration().isNull()); // no extra CA: Qt's default, untouched
    env.config = trusting(env.config, certs.caPath());
    env.remakeClient();
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    const QList<QSslCertificate> used = env.client->tlsConfiguration().caCertificates();
    EXPECT_EQ(used.size(), system.size() + 1);
    for (const QSslCertificate &c : system) {
        EXPECT_TRUE(used.contains(c)) << c.subjectDisplayName().toStdString();
    }
    EXPECT_TRUE(used.contains(env.config.caCertificates.first()));
    EXPECT_TRUE(env.refresh(HubTestEnv::entry(kMini)).ok);
}

TEST(Https, CaBundleThatIsNotACertificateIsNamed)
{
    QTemporaryDir dir;
    QFile f(dir.path() + QStringLiteral("/bundle.pem"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("not a certificate\n");
    f.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("REQUESTS_CA_BUNDLE"), f.fileName());
    const HubConfig c = HubConfig::fromEnvironment(env);
    EXPECT_TRUE(c.caCertificates.isEmpty());
    EXPECT_EQ(c.caBundleError, QStringLiteral("REQUESTS_CA_BUNDLE=%1 holds no PEM certificate").arg(f.fileName()));
    env.insert(QStringLiteral("MEMSPEC_CA_BUNDLE"), dir.path() + QStringLiteral("/missing.pem")); // wins
    EXPECT_TRUE(HubConfig::fromEnvironment(env).caBundleError.endsWith(QLatin1String("missing.pem: no such file")));
}
