// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A hostile hub (issue 18 items 1–7): the mock plays each attack on loopback; the refresh must fail naming what it
// refused, keep the cache as it was, and never read a local file, leak the token, blow up memory or hang.
#include "tests/support/hubtestenv.h"
#include "tests/support/paramname.h"

#include "app/hub/secrets.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>

using namespace memspec;
using memspec::test::Certs;
using memspec::test::HubTestEnv;
using memspec::test::trusting;

namespace {

const QString kMini = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");

// Refreshes kMini against a hostile hub over a seeded cache: the refresh must fail with an error containing each
// needle and leave the cache file byte for byte as it was. Returns the error.
QString expectRefused(HubTestEnv &env, const QStringList &needles, int timeoutMs = 20000)
{
    const RegistryEntry e = HubTestEnv::entry(kMini);
    const QByteArray before = env.seedOldCache(e.key);
    EXPECT_FALSE(before.isEmpty());
    const RefreshOutcome o = env.refresh(e, timeoutMs);
    EXPECT_FALSE(o.ok);
    for (const QString &n : needles) {
        EXPECT_TRUE(o.error.contains(n)) << "missing \"" << n.toStdString() << "\" in: " << o.error.toStdString();
    }
    EXPECT_EQ(env.cacheFile(e.key), before);
    return o.error;
}

} // namespace

// Item 1: a redirect from server data to a non-HTTP scheme is refused, whatever the scheme.
class HostileRedirect : public ::testing::TestWithParam<const char *>
{
};

TEST_P(HostileRedirect, NonHttpSchemeIsRefusedAndNothingIsCached)
{
    QTemporaryDir secretDir;
    const QString secretPath = secretDir.path() + QStringLiteral("/token");
    {
        QFile f(secretPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("hf_LocalSecretNeverToBeRead\n");
    }
    QByteArray target = GetParam();
    target.replace("SECRETFILE", QUrl::fromLocalFile(secretPath).toEncoded());
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("redirect"), target);
    const QString error = expectRefused(env, {QStringLiteral("README.md"), QStringLiteral("refused"),
                                              QString::fromLatin1(target.left(target.indexOf(':') + 1)).toLower()});
    EXPECT_FALSE(error.contains(QLatin1String("hf_LocalSecretNeverToBeRead")));
    QDirIterator it(env.config.cacheDir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_FALSE(f.readAll().contains("hf_LocalSecretNeverToBeRead")) << f.fileName().toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileRedirect,
                         ::testing::Values("SECRETFILE", "file:///proc/self/environ",
                                           "data:text/plain,an%20injected%20card", "qrc:/memspec/registry.json",
                                           "ftp://127.0.0.1/README.md", "FILE:///etc/passwd"),
                         [](const auto &info) { return test::identifierOf(info.param); });

TEST(Hostile, HttpsToHttpDowngradeIsRefused)
{
    Certs certs;
    HubTestEnv env(QStringLiteral("hf_mock_user"), mock::MockRepoSet::registryFixtures(), certs.prepare());
    ASSERT_TRUE(certs.error.isEmpty()) << certs.error.toStdString();
    env.config = trusting(env.config, certs.caPath());
    env.remakeClient();
    QUrl plain = env.hub.hubUrl();
    plain.setScheme(QStringLiteral("http"));
    plain.setPath(QStringLiteral("/sentence-transformers/all-MiniLM-L6-v2/raw/main/README.md"));
    env.hub.setHostile(QStringLiteral("redirect"), plain.toEncoded());
    expectRefused(env, {QStringLiteral("README.md"), QStringLiteral("https to http"), plain.toString()});
}

// Item 3: what redaction removes from a message built from server text.
TEST(Hostile, RedactSecretsRemovesTokensCredentialsAndUserInfo)
{
    const QString text =
        QStringLiteral("sent Authorization: Bearer hf_mock_user, basic BASE64xyz==; key hf_Abc123Def456 "
                       "api_org_Zyx987; see http://user:MirrorPass@mirror.example/x and the raw "
                       "MirrorPass and sekrit-token");
    const QString out = redactSecrets(text, {QStringLiteral("sekrit-token"), QStringLiteral("MirrorPass")});
    for (const char *gone :
         {"hf_mock_user", "BASE64xyz", "hf_Abc123Def456", "api_org_Zyx987", "user:", "MirrorPass", "sekrit-token"}) {
        EXPECT_FALSE(out.contains(QLatin1String(gone))) << gone << " in " << out.toStdString();
    }
    EXPECT_TRUE(out.contains(QLatin1String("Bearer [redacted]"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QLatin1String("http://[redacted]@mirror.example/x"))) << out.toStdString();
    EXPECT_EQ(redactSecrets(QStringLiteral("HTTP 404: Repository not found")),
              QStringLiteral("HTTP 404: Repository not found"));
}

// Item 2: an endpoint's user info never reaches the facts; it goes to the hub as Basic credentials only.
TEST(Hostile, EndpointUserInfoIsSentAsBasicToTheHubOnlyAndNeverStored)
{
    HubTestEnv env(QStringLiteral("hf_mock_user"));
    QUrl withUser = env.hub.hubUrl();
    withUser.setUserName(QStringLiteral("mirror"));
    withUser.setPassword(QStringLiteral("MirrorPassw0rd"));
    env.config.endpoint = withUser;
    env.remakeClient();
    EXPECT_EQ(env.client->config().endpoint, env.hub.hubUrl());
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_FALSE(env.cacheFile(kMini).contains("MirrorPassw0rd"));
    EXPECT_FALSE(env.cacheFile(kMini).contains("mirror@"));
    EXPECT_TRUE(o.facts.configSource.startsWith(env.hub.hubUrl().toString())) << o.facts.configSource.toStdString();
    for (const mock::MockRequestLog &r : env.hub.requests()) {
        EXPECT_EQ(r.authorization, r.origin == QLatin1String("hub")
                                       ? "Basic " + QByteArray("mirror:MirrorPassw0rd").toBase64()
                                       : QByteArray())
            << r.target.toStdString();
    }
}

// Item 4: a body that never ends stops at the budget; the bytes read stay near it (the read buffer is capped).
TEST(Hostile, EndlessChunkedBodyStopsAtTheBudget)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("endless-chunked"));
    expectRefused(env, {QStringLiteral("config.json"), QStringLiteral("budget"), QStringLiteral("stopped reading")});
    // The text budget is 16 MiB: what the client took in is that plus at most one read buffer.
    EXPECT_LT(env.client->bytesReceived(), 16 * 1024 * 1024 + 3 * HubRequest::kReadBufferBytes);
}

TEST(Hostile, HugeContentLengthIsRefusedUnread)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("huge-length"));
    expectRefused(env, {QStringLiteral("config.json"), QStringLiteral("announces 1000000000000 bytes"),
                        QStringLiteral("not read")});
    EXPECT_LT(env.client->bytesReceived(), 4 * 1024 * 1024);
}

// An error body is kept for its message only: 64 KiB of an endless one, then the status is handled as usual (a 500
// is retried, then reported as the server error it is).
TEST(Hostile, EndlessErrorBodyIsCutAndTheStatusReported)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("error-endless"));
    expectRefused(
        env, {QStringLiteral("config.json"), QStringLiteral("HTTP 500"), QStringLiteral("gave up after 4 attempts")});
    EXPECT_LT(env.client->bytesReceived(),
              4 * (HubRequest::kMaxErrorBody + 2 * HubRequest::kReadBufferBytes) + 1024 * 1024);
}

// Item 6: a server that sends one byte at a time, just faster than the idle timeout, is stopped at the deadline.
TEST(Hostile, SlowlorisStopsAtTheDeadline)
{
    HubTestEnv env;
    env.config.retry.deadlineMs = 1500;
    env.remakeClient();
    env.hub.setHostile(QStringLiteral("slowloris"), "50"); // a byte every 50 ms; the idle timeout is 400 ms
    QElapsedTimer t;
    t.start();
    const QString error = expectRefused(
        env, {QStringLiteral("config.json"), QStringLiteral("1.5 s deadline"), QStringLiteral("not retried")});
    EXPECT_TRUE(
        error.contains(env.hub.hubUrl().toString() + QStringLiteral("/sentence-transformers/all-MiniLM-L6-v2/")))
        << "the URL is not named: " << error.toStdString();
    EXPECT_LT(t.elapsed(), 6000);
}

TEST(Hostile, DeadlineComesFromTheEnvironment)
{
    QProcessEnvironment env;
    EXPECT_EQ(HubConfig::fromEnvironment(env).retry.deadlineMs, 30000);
    env.insert(QStringLiteral("MEMSPEC_HUB_DEADLINE"), QStringLiteral("2.5"));
    EXPECT_EQ(HubConfig::fromEnvironment(env).retry.deadlineMs, 2500);
    env.insert(QStringLiteral("MEMSPEC_HUB_DEADLINE"), QStringLiteral("soon"));
    EXPECT_EQ(HubConfig::fromEnvironment(env).retry.deadlineMs, 30000);
}

// Item 7: pagination that loops or never ends is stopped, with the listing named.
TEST(Hostile, ListingLinkToTheSamePageIsStopped)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("tree-same-page"));
    expectRefused(env, {kMini + QStringLiteral(": file listing"), QStringLiteral("loops")});
    EXPECT_LE(env.hub.requestCount(QStringLiteral("/tree/")), 2);
}

TEST(Hostile, ListingWithEverNewCursorRepeatingTheFilesIsStopped)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("tree-cursor"));
    expectRefused(env,
                  {kMini + QStringLiteral(": file listing"), QStringLiteral("a second time"), QStringLiteral("loops")});
    EXPECT_LE(env.hub.requestCount(QStringLiteral("/tree/")), 2);
}

TEST(Hostile, ListingWithEndlessNewFilesStopsAtTheCap)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("tree-endless"), "1000");
    expectRefused(env, {kMini + QStringLiteral(": file listing"), QStringLiteral("more than 20000 entries")});
    EXPECT_LE(env.hub.requestCount(QStringLiteral("/tree/")), 21);
}

TEST(Hostile, ListingWithEndlessEmptyPagesStopsAtThePageCap)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("tree-empty-pages"));
    expectRefused(env, {kMini + QStringLiteral(": file listing"), QStringLiteral("more than 1000 pages")}, 60000);
    EXPECT_LE(env.hub.requestCount(QStringLiteral("/tree/")), 1000);
}

TEST(Hostile, ModelInfoWithJunkSiblingsIsRefused)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("siblings-junk"), "30000");
    expectRefused(env, {QStringLiteral("model info"), QStringLiteral("more than the 20000")});
}
