// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/hubtestenv.h"

using namespace memspec;
using memspec::test::HubTestEnv;

TEST(HubClient, ModelInfoWithBlobsHasSizesAndCommit)
{
    HubTestEnv env;
    auto [r, err] = env.wait<RepoInfo>([&](auto done) {
        env.client->modelInfo(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"), QStringLiteral("main"), true,
                              nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    const mock::MockRepo *repo =
        env.hub.routes().repos().find(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"));
    EXPECT_EQ(r->sha, repo->commit);
    const RepoEntry *w = r->sibling(QStringLiteral("model.safetensors"));
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->size, 90868376);
    EXPECT_EQ(w->lfsSha256, repo->file(QStringLiteral("model.safetensors"))->sha256);
}

TEST(HubClient, ListTreeFollowsAbsoluteLinkPagination)
{
    HubTestEnv env;
    env.hub.routes().treePageSize = 3;
    auto [r, err] = env.wait<QList<RepoEntry>>([&](auto done) {
        env.client->listTree(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF"), QStringLiteral("main"), QString(), true,
                             nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    int files = 0;
    for (const RepoEntry &e : r.value()) {
        files += e.type == QLatin1String("file") ? 1 : 0;
    }
    EXPECT_EQ(files, 13 + 3); // 13 parts, README.md, config.json, .gitattributes
    EXPECT_GE(env.hub.requestCount(QStringLiteral("cursor=")), 5);
}

TEST(HubClient, PathsInfoLeavesOutMissingPaths)
{
    HubTestEnv env;
    auto [r, err] = env.wait<QList<RepoEntry>>([&](auto done) {
        env.client->pathsInfo(QStringLiteral("openai/clip-vit-base-patch32"), QStringLiteral("main"),
                              {QStringLiteral("config.json"), QStringLiteral("missing.bin")}, nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    ASSERT_EQ(r->size(), 1);
    EXPECT_EQ(r->first().path, QStringLiteral("config.json"));
}

TEST(HubClient, TokenGoesToHubButNeverToCdn)
{
    HubTestEnv env(QStringLiteral("hf_mock_approved"));
    auto [r, err] = env.wait<FileBytes>([&](auto done) {
        env.client->readRange(QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo"), QStringLiteral("main"),
                              QStringLiteral("vae/diffusion_pytorch_model.safetensors"), 0, 8, nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString(); // the strict CDN would answer 400 to a token
    EXPECT_EQ(r->bytes.size(), 8);
    EXPECT_EQ(r->totalSize, 167666902);
    int hub = 0;
    int cdn = 0;
    for (const mock::MockRequestLog &e : env.hub.requests()) {
        if (e.origin == QLatin1String("cdn")) {
            ++cdn;
            EXPECT_TRUE(e.authorization.isEmpty()) << e.target.toStdString();
        } else {
            ++hub;
            EXPECT_EQ(e.authorization, QByteArray("Bearer hf_mock_approved"));
        }
    }
    EXPECT_EQ(hub, 1);
    EXPECT_EQ(cdn, 1);
}

TEST(HubClient, SecondRangeReusesTheCdnUrl)
{
    HubTestEnv env;
    const QString repo = QStringLiteral("jinaai/jina-embeddings-v2-base-en");
    for (int i = 0; i < 2; ++i) {
        auto [r, err] = env.wait<FileBytes>([&](auto done) {
            env.client->readRange(repo, QStringLiteral("main"), QStringLiteral("model.safetensors"), i * 8, 8, nullptr,
                                  done);
        });
        ASSERT_TRUE(r.ok()) << r.error().toStdString();
    }
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("/resolve/")), 1);
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("/cdn-lfs/")), 2);
}

TEST(HubClient, RenamedRepoFollowsRelativeRedirect)
{
    HubTestEnv env;
    auto [r, err] = env.wait<RepoInfo>([&](auto done) {
        env.client->modelInfo(QStringLiteral("NovaSearch/stella_en_1.5B_v5"), QString(), false, nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    EXPECT_EQ(r->id, QStringLiteral("dunzhang/stella_en_1.5B_v5"));
    EXPECT_EQ(env.hub.requests().first().status, 307);
}

TEST(HubClient, TextFileFollowsResolveCacheRedirect)
{
    HubTestEnv env;
    auto [r, err] = env.wait<FileBytes>([&](auto done) {
        env.client->download(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"), QStringLiteral("main"),
                             QStringLiteral("config.json"), 1 << 20, nullptr, done);
    });
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    const mock::MockFile *f = env.hub.routes()
                                  .repos()
                                  .find(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"))
                                  ->file(QStringLiteral("config.json"));
    EXPECT_EQ(r->bytes, f->content);
    EXPECT_EQ(r->etag, f->gitOid);
}

TEST(HubClient, RedirectLoopIsStopped)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::RedirectLoop, QStringLiteral("README.md")});
    auto [r, err] = env.wait<FileBytes>([&](auto done) {
        env.client->download(QStringLiteral("openai/clip-vit-base-patch32"), QStringLiteral("main"),
                             QStringLiteral("README.md"), 1 << 20, nullptr, done);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(err, HubReply::Error::RedirectLoop);
    EXPECT_TRUE(r.error().contains(QLatin1String("openai/clip-vit-base-patch32: README.md: redirect loop")))
        << r.error().toStdString();
}

TEST(HubClient, RevisionNotFoundNamesTheRevision)
{
    HubTestEnv env;
    auto [r, err] = env.wait<RepoInfo>([&](auto done) {
        env.client->modelInfo(QStringLiteral("openai/clip-vit-base-patch32"), QStringLiteral("v9-missing"), false,
                              nullptr, done);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(err, HubReply::Error::RevisionNotFound);
    EXPECT_TRUE(r.error().contains(QLatin1String("openai/clip-vit-base-patch32: revision \"v9-missing\" not found")))
        << r.error().toStdString();
}

TEST(HubClient, InvalidTokenIsReported)
{
    HubTestEnv env(QStringLiteral("hf_revoked"));
    auto [r, err] = env.wait<RepoInfo>([&](auto done) {
        env.client->modelInfo(QStringLiteral("openai/clip-vit-base-patch32"), QString(), false, nullptr, done);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(err, HubReply::Error::BadToken);
    EXPECT_TRUE(r.error().contains(QLatin1String("rejected the token"))) << r.error().toStdString();
}

TEST(HubClient, OfflineMakesNoRequest)
{
    HubTestEnv env;
    env.config.offline = true;
    env.remakeClient();
    auto [r, err] = env.wait<RepoInfo>([&](auto done) {
        env.client->modelInfo(QStringLiteral("openai/clip-vit-base-patch32"), QString(), false, nullptr, done);
    });
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(err, HubReply::Error::Offline);
    EXPECT_TRUE(env.hub.requests().isEmpty());
}

TEST(HubClient, ConcurrencyLimitIsRespected)
{
    HubTestEnv env;
    env.config.maxConcurrent = 2;
    env.remakeClient();
    env.hub.setLatencyMs(20);
    int done = 0;
    for (int i = 0; i < 6; ++i) {
        env.client->modelInfo(QStringLiteral("openai/clip-vit-base-patch32"), QString(), false, nullptr,
                              [&](Result<RepoInfo>, HubReply::Error) { ++done; });
    }
    EXPECT_LE(env.client->requestCount(), 2);
    EXPECT_TRUE(memspec::test::spinUntil([&] { return done == 6; }, 5000));
    EXPECT_EQ(env.client->requestCount(), 6);
}

TEST(HubClient, TruncatedTextBodyIsAnError)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::DropMidBody, QStringLiteral("README.md")});
    auto [r, err] = env.wait<FileBytes>([&](auto done) {
        env.client->download(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"), QStringLiteral("main"),
                             QStringLiteral("README.md"), 1 << 20, nullptr, done);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("README.md")), 4); // first try + 3 retries, each cut short
    EXPECT_EQ(err, HubReply::Error::Dropped);
    EXPECT_TRUE(r.error().contains(QLatin1String("README.md: connection dropped mid-body"))) << r.error().toStdString();
}
