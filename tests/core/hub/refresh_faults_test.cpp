// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Each fault: the refresh fails with a message naming the repo/file, and the cache entry from before is untouched.
#include "tests/support/hubtestenv.h"

#include <QDir>

using namespace memspec;
using memspec::test::HubTestEnv;

namespace {

const QString kMini = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");

void expectFailureKeepsCache(HubTestEnv &env, const RegistryEntry &e, const char *needle)
{
    const QByteArray before = env.seedOldCache(e.key);
    ASSERT_FALSE(before.isEmpty());
    const RefreshOutcome o = env.refresh(e);
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String(needle))) << o.error.toStdString();
    EXPECT_EQ(env.cacheFile(e.key), before);
}

} // namespace

TEST(Refresh, RefreshesOneModelWithExactSizesAndHeaders)
{
    HubTestEnv env;
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    const mock::MockRepo *repo = env.hub.routes().repos().find(kMini);
    EXPECT_EQ(o.facts.revision, repo->commit);
    ASSERT_EQ(o.facts.headers.size(), 1);
    EXPECT_EQ(o.facts.headers.first().headerBytes, repo->file(QStringLiteral("model.safetensors"))->headerBytes);
    const FileFact *f = o.facts.file(QStringLiteral("model.safetensors"));
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->size, 90868376);
    EXPECT_TRUE(f->exact);
    EXPECT_TRUE(o.facts.card.contains("needs about 0.2 GB of VRAM"));
    EXPECT_FALSE(o.facts.config.isEmpty());
    EXPECT_TRUE(o.facts.extraConfigs.contains(kMini + QStringLiteral(":modules.json")));
    EXPECT_FALSE(env.cacheFile(kMini).isEmpty());
    // Never more than the header of the 90 MB weight file.
    EXPECT_LT(env.client->bytesReceived(), 200 * 1024);
}

TEST(Refresh, UnchangedCommitFetchesOnlyModelInfo)
{
    HubTestEnv env;
    ASSERT_TRUE(env.refresh(HubTestEnv::entry(kMini)).ok);
    env.hub.clearLog();
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    ASSERT_TRUE(o.ok);
    EXPECT_TRUE(o.unchanged);
    ASSERT_EQ(env.hub.requests().size(), 1);
    EXPECT_TRUE(env.hub.requests().first().target.startsWith("/api/models/"));
}

TEST(Refresh, RepoNotFound)
{
    HubTestEnv env;
    RegistryEntry e = HubTestEnv::entry(kMini);
    e.key = QStringLiteral("nobody/missing-model");
    e.components[0].repo = e.key;
    expectFailureKeepsCache(env, e, "nobody/missing-model: repository not found");
}

TEST(Refresh, GatedRepoAnonymousSaysAcceptLicenceAndGiveToken)
{
    HubTestEnv env;
    expectFailureKeepsCache(env, HubTestEnv::entry(QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo")),
                            "gated repository: accept its licence on the model page");
}

TEST(Refresh, GatedRepoWithUnapprovedToken)
{
    HubTestEnv env(QStringLiteral("hf_mock_user"));
    const RegistryEntry e = HubTestEnv::entry(QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo"));
    const QByteArray before = env.seedOldCache(e.key);
    const RefreshOutcome o = env.refresh(e);
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String("HTTP 403 GatedRepo"))) << o.error.toStdString();
    EXPECT_TRUE(o.error.contains(QLatin1String("stabilityai/stable-diffusion-3.5-large-turbo: ")))
        << o.error.toStdString();
    EXPECT_EQ(env.cacheFile(e.key), before);
}

TEST(Refresh, GatedRepoWithApprovedTokenSucceeds)
{
    HubTestEnv env(QStringLiteral("hf_mock_approved"));
    const RefreshOutcome o =
        env.refresh(HubTestEnv::entry(QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo")));
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_EQ(o.facts.headers.size(), 5);
    EXPECT_TRUE(o.facts.gated.value_or(false));
}

TEST(Refresh, EntryNotFound)
{
    HubTestEnv env;
    RegistryEntry e = HubTestEnv::entry(kMini);
    e.components[0].files = {QStringLiteral("missing.safetensors")};
    expectFailureKeepsCache(env, e, "sentence-transformers/all-MiniLM-L6-v2: missing.safetensors: file not found");
}

TEST(Refresh, RateLimitHonoursRetryAfterThenSucceeds)
{
    HubTestEnv env;
    mock::MockFault f{mock::MockFault::Status429, QStringLiteral("/api/models/")};
    f.times = 1;
    f.retryAfterSeconds = 7;
    env.hub.addFault(f);
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    EXPECT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("/api/models/")), 2);
}

TEST(Refresh, RateLimitPersistent)
{
    HubTestEnv env;
    mock::MockFault f{mock::MockFault::Status429, QStringLiteral("/api/models/")};
    f.retryAfterSeconds = 3;
    env.hub.addFault(f);
    expectFailureKeepsCache(env, HubTestEnv::entry(kMini),
                            "sentence-transformers/all-MiniLM-L6-v2: rate limited by the hub (HTTP 429), asked to wait "
                            "3 s (gave up after 4 attempts)");
}

TEST(Refresh, ServerErrorRetriedThenSucceeds)
{
    HubTestEnv env;
    mock::MockFault f{mock::MockFault::ServerError, QStringLiteral("config.json")};
    f.times = 2;
    env.hub.addFault(f);
    EXPECT_TRUE(env.refresh(HubTestEnv::entry(kMini)).ok);
}

TEST(Refresh, ServerErrorPersistent)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::ServerError, QStringLiteral("config.json")});
    expectFailureKeepsCache(
        env, HubTestEnv::entry(kMini),
        "sentence-transformers/all-MiniLM-L6-v2: config.json: server error HTTP 503 (gave up after 4 attempts)");
}

TEST(Refresh, Timeout)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::Hang, QStringLiteral("README.md")});
    env.config.retry.maxRetries = 1;
    env.config.retry.transferTimeoutMs = 150;
    env.remakeClient();
    expectFailureKeepsCache(
        env, HubTestEnv::entry(kMini),
        "sentence-transformers/all-MiniLM-L6-v2: README.md: no answer within 150 ms (gave up after 2 attempts)");
}

TEST(Refresh, ConnectionDroppedMidBody)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::DropMidBody, QStringLiteral("/cdn-lfs/")});
    expectFailureKeepsCache(
        env, HubTestEnv::entry(kMini),
        "sentence-transformers/all-MiniLM-L6-v2: model.safetensors: connection dropped mid-body after");
}

TEST(Refresh, DroppedOnceIsRetried)
{
    HubTestEnv env;
    mock::MockFault f{mock::MockFault::DropMidBody, QStringLiteral("/cdn-lfs/")};
    f.times = 1;
    env.hub.addFault(f);
    EXPECT_TRUE(env.refresh(HubTestEnv::entry(kMini)).ok);
}

TEST(Refresh, ServerIgnoresRange)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::IgnoreRange, QStringLiteral("/cdn-lfs/")});
    expectFailureKeepsCache(
        env, HubTestEnv::entry(kMini),
        "sentence-transformers/all-MiniLM-L6-v2: model.safetensors: the server ignores Range requests");
    EXPECT_LT(env.client->bytesReceived(), 4 * 1024 * 1024);
}

TEST(Refresh, BadJson)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::BadJson, QStringLiteral("/api/models/")});
    expectFailureKeepsCache(env, HubTestEnv::entry(kMini),
                            "sentence-transformers/all-MiniLM-L6-v2: model info: the hub sent bad JSON");
}

TEST(Refresh, OfflineServesTheCacheWithoutRequests)
{
    HubTestEnv env;
    ASSERT_TRUE(env.refresh(HubTestEnv::entry(kMini)).ok);
    env.hub.clearLog();
    env.config.offline = true;
    env.remakeClient();
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_TRUE(o.fromCache);
    EXPECT_EQ(o.facts.headers.size(), 1);
    EXPECT_TRUE(env.hub.requests().isEmpty());
    const RefreshOutcome missing = env.refresh(HubTestEnv::entry(QStringLiteral("openai/clip-vit-base-patch32")));
    EXPECT_FALSE(missing.ok);
    EXPECT_TRUE(missing.error.contains(QLatin1String("offline and not in the refresh cache")));
}

TEST(Refresh, CancelEndsEveryModelAndKeepsTheCache)
{
    HubTestEnv env;
    env.hub.setLatencyMs(50);
    const RegistryEntry e = HubTestEnv::entry(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF"));
    const QByteArray before = env.seedOldCache(e.key);
    QSignalSpy finished(env.refresher.get(), &Refresher::modelFinished);
    QSignalSpy all(env.refresher.get(), &Refresher::allFinished);
    env.refresher->refresh(e, nullptr);
    QTimer::singleShot(120, env.refresher.get(), [&] { env.refresher->cancel(); });
    ASSERT_TRUE(all.wait(5000));
    ASSERT_EQ(finished.size(), 1);
    const RefreshOutcome o = finished.first().first().value<RefreshOutcome>();
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String("cancelled"))) << o.error.toStdString();
    EXPECT_EQ(env.cacheFile(e.key), before);
}

// A text file cut short (the README here) fails the refresh like a weight read does. Requests pipelined behind the
// cut one must not be answered on the dying connection: that once put the next response's bytes into the README.
TEST(Refresh, TextFileDroppedMidBody)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::DropMidBody, QStringLiteral("README.md")});
    expectFailureKeepsCache(env, HubTestEnv::entry(kMini),
                            "sentence-transformers/all-MiniLM-L6-v2: README.md: connection dropped mid-body after");
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("README.md")), 4); // first try + 3 retries, each cut short
}

// The facts are written on the thread pool once every file is in: a cache that cannot be written still fails the
// refresh, naming the path, and the model keeps the facts it had.
TEST(Refresh, UnwritableCacheFailsNamingThePath)
{
    HubTestEnv env;
    ASSERT_TRUE(QDir().mkpath(env.config.cacheDir));
    QFile blocker(env.config.cacheDir + QStringLiteral("/facts")); // a file where the facts folder should be
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String("cannot create the cache folder"))) << o.error.toStdString();
    EXPECT_TRUE(o.error.contains(env.config.cacheDir)) << o.error.toStdString();
    EXPECT_EQ(env.refresher->running(), 0);
}
