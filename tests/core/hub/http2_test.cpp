// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The client over HTTP/2 (prior knowledge, h2c) against the mock: huggingface.co answers over h2, where every
// request of a refresh shares one connection. Faults behave as over HTTP/1.1, with the message naming the file.
#include "tests/support/hubtestenv.h"

using namespace memspec;
using memspec::test::HubTestEnv;

namespace {

const QString kMini = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");

struct Http2Env : HubTestEnv
{
    Http2Env()
    {
        config.http2PriorKnowledge = true;
        remakeClient();
    }
};

} // namespace

TEST(Http2, AllTwelveModelsShareOneConnectionPerOrigin)
{
    Http2Env env;
    env.config.token = QStringLiteral("hf_mock_approved"); // SD 3.5 is gated
    env.remakeClient();
    const QList<RefreshOutcome> outcomes = env.refreshAll();
    EXPECT_EQ(outcomes.size(), Registry::bundled().entries().size());
    EXPECT_EQ(HubTestEnv::failures(outcomes), "");
    EXPECT_EQ(env.hub.connectionCount(), 2); // one to the hub, one to the CDN
    EXPECT_EQ(env.hub.http2ConnectionCount(), 2);
    EXPECT_GT(env.hub.maxConcurrentStreams(), 6); // more in flight than six HTTP/1.1 connections allow
    EXPECT_GT(env.hub.requests().size(), 100);
    // Header reads only: the weight-file bytes stay within 1.2x of the header bytes.
    qint64 cdnBytes = 0;
    for (const mock::MockRequestLog &e : env.hub.requests()) {
        cdnBytes += e.origin == QLatin1String("cdn") ? e.bodyBytes : 0;
    }
    EXPECT_LE(double(cdnBytes), 1.2 * double(mock::MockRepoSet::registryHeaderBytes(env.hub.routes().repos())));
}

TEST(Http2, HeadersMatchTheHttp11Refresh)
{
    Http2Env h2;
    HubTestEnv h1;
    const RegistryEntry e = HubTestEnv::entry(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF"));
    const RefreshOutcome a = h2.refresh(e);
    const RefreshOutcome b = h1.refresh(e);
    ASSERT_TRUE(a.ok) << a.error.toStdString();
    ASSERT_TRUE(b.ok) << b.error.toStdString();
    EXPECT_EQ(h2.hub.http2ConnectionCount(), 2);
    EXPECT_EQ(h1.hub.http2ConnectionCount(), 0);
    ASSERT_EQ(a.facts.headers.size(), b.facts.headers.size());
    ASSERT_GT(a.facts.headers.size(), 1); // split GGUF: every part's header
    qint64 sumA = 0;
    qint64 sumB = 0;
    for (int i = 0; i < a.facts.headers.size(); ++i) {
        sumA += a.facts.headers[i].headerBytes;
        sumB += b.facts.headers[i].headerBytes;
    }
    EXPECT_EQ(sumA, sumB);
    EXPECT_EQ(a.facts.card, b.facts.card);
}

TEST(Http2, StreamResetMidBodyIsRetriedThenReported)
{
    Http2Env env;
    const QByteArray before = env.seedOldCache(kMini);
    env.hub.addFault({mock::MockFault::DropMidBody, QStringLiteral("/cdn-lfs/")});
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    EXPECT_FALSE(o.ok);
    EXPECT_TRUE(o.error.contains(QLatin1String("sentence-transformers/all-MiniLM-L6-v2: model.safetensors: ")))
        << o.error.toStdString();
    EXPECT_EQ(env.cacheFile(kMini), before);
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("/cdn-lfs/")), 4); // first try + 3 retries
}

TEST(Http2, StreamResetOnceIsRetried)
{
    Http2Env env;
    mock::MockFault f{mock::MockFault::DropMidBody, QStringLiteral("README.md")};
    f.times = 1;
    env.hub.addFault(f);
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
    EXPECT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_TRUE(o.facts.card.contains("needs about 0.2 GB of VRAM"));
}

TEST(Http2, RateLimitServerErrorIgnoredRangeAndRedirectLoop)
{
    {
        Http2Env env;
        mock::MockFault f{mock::MockFault::Status429, QStringLiteral("/api/models/")};
        f.retryAfterSeconds = 2;
        env.hub.addFault(f);
        const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
        EXPECT_TRUE(o.error.contains(QLatin1String("rate limited by the hub (HTTP 429), asked to wait 2 s")))
            << o.error.toStdString();
    }
    {
        Http2Env env;
        env.hub.addFault({mock::MockFault::ServerError, QStringLiteral("config.json")});
        const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
        EXPECT_TRUE(o.error.contains(QLatin1String("config.json: server error HTTP 503"))) << o.error.toStdString();
    }
    {
        Http2Env env;
        env.hub.addFault({mock::MockFault::IgnoreRange, QStringLiteral("/cdn-lfs/")});
        const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
        EXPECT_TRUE(o.error.contains(QLatin1String("model.safetensors: the server ignores Range requests")))
            << o.error.toStdString();
        EXPECT_LT(env.client->bytesReceived(), 4 * 1024 * 1024);
    }
    {
        Http2Env env;
        env.hub.addFault({mock::MockFault::RedirectLoop, QStringLiteral("model.safetensors")});
        const RefreshOutcome o = env.refresh(HubTestEnv::entry(kMini));
        EXPECT_TRUE(o.error.contains(QLatin1String("redirect loop"))) << o.error.toStdString();
    }
}

TEST(Http2, PlainHttp11ClientsStillServed)
{
    // The JS clients speak HTTP/1.1 to the same ports: the mock tells the two apart by the connection preface.
    Http2Env h2;
    HubTestEnv h1;
    h1.config.endpoint = h2.hub.hubUrl();
    h1.remakeClient();
    EXPECT_TRUE(h1.refresh(HubTestEnv::entry(kMini)).ok);
    EXPECT_TRUE(h2.refresh(HubTestEnv::entry(kMini)).ok);
    EXPECT_EQ(h2.hub.http2ConnectionCount(), 2);
    EXPECT_GE(h2.hub.connectionCount(), 4);
}
