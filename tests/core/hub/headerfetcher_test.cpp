// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/hubtestenv.h"

#include "app/hub/headerfetcher.h"

using namespace memspec;
using memspec::test::HubTestEnv;

namespace {

std::pair<Result<WeightHeaderFact>, HubReply::Error> fetchHeader(HubTestEnv &env, const QString &repo,
                                                                 const QString &path)
{
    const mock::MockFile *f = env.hub.routes().repos().find(repo)->file(path);
    return env.wait<WeightHeaderFact>([&](auto done) {
        HeaderFetcher::fetch(env.client.get(), repo, QStringLiteral("main"), path, f->size, nullptr, done);
    });
}

QList<QByteArray> cdnRanges(const HubTestEnv &env)
{
    QList<QByteArray> out;
    for (const mock::MockRequestLog &e : env.hub.requests()) {
        if (e.origin == QLatin1String("cdn")) {
            out << e.range;
        }
    }
    return out;
}

} // namespace

TEST(HeaderFetcher, SafetensorsReadsEightBytesThenExactlyTheHeader)
{
    HubTestEnv env;
    const QString repo = QStringLiteral("openai/clip-vit-base-patch32");
    const mock::MockFile *f = env.hub.routes().repos().find(repo)->file(QStringLiteral("model.safetensors"));
    auto [r, err] = fetchHeader(env, repo, QStringLiteral("model.safetensors"));
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    EXPECT_EQ(r->headerBytes, f->headerBytes);
    EXPECT_EQ(r->fileSize, f->size);
    EXPECT_EQ(r->format, QStringLiteral("safetensors"));
    qint64 sum = 0;
    for (const TensorFact &t : r->tensors) {
        sum += t.bytes;
    }
    EXPECT_EQ(8 + (f->headerBytes - 8) + sum, f->size); // the tensors explain the whole file
    const QList<QByteArray> ranges = cdnRanges(env);
    ASSERT_EQ(ranges.size(), 2);
    EXPECT_EQ(ranges[0], QByteArray("bytes=0-7"));
    EXPECT_EQ(ranges[1], "bytes=8-" + QByteArray::number(f->headerBytes - 1));
    EXPECT_EQ(env.hub.bodyBytesSent(), f->headerBytes + env.hub.requests().first().bodyBytes); // + the 302 body
}

TEST(HeaderFetcher, GgufGrowsRangesAndNeverReadsTensorData)
{
    HubTestEnv env;
    const QString repo = QStringLiteral("unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF");
    const QString path = QStringLiteral("Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf");
    const mock::MockFile *f = env.hub.routes().repos().find(repo)->file(path);
    auto [r, err] = fetchHeader(env, repo, path);
    ASSERT_TRUE(r.ok()) << r.error().toStdString();
    EXPECT_EQ(r->headerBytes, f->headerBytes);
    EXPECT_EQ(r->format, QStringLiteral("gguf"));
    EXPECT_GT(r->tensors.size(), 48 * 10);
    const QList<QByteArray> ranges = cdnRanges(env);
    // A 5.6 MB header: 64 KB first, then one range sized from the vocabulary seen so far (the token types and
    // merges that follow it are counted in), at most one more to finish.
    ASSERT_GE(ranges.size(), 2);
    EXPECT_LE(ranges.size(), 3);
    EXPECT_EQ(ranges[0], QByteArray("bytes=0-65535"));
    qint64 fetched = 0;
    qint64 maxEnd = 0;
    for (const QByteArray &range : ranges) {
        const qint64 a = range.mid(6, range.indexOf('-') - 6).toLongLong();
        const qint64 b = range.mid(range.indexOf('-') + 1).toLongLong();
        fetched += b - a + 1;
        maxEnd = qMax(maxEnd, b);
    }
    EXPECT_LT(maxEnd, f->headerBytes + HeaderFetcher::kMaxGgufStep);
    EXPECT_LE(double(fetched), 1.2 * double(f->headerBytes));
}

TEST(HeaderFetcher, SplitGgufPartsAreReadConcurrently)
{
    HubTestEnv env;
    env.hub.setLatencyMs(30);
    const QString repo = QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF");
    const mock::MockRepo *r = env.hub.routes().repos().find(repo);
    int done = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 2; i <= 13; ++i) {
        const QString path =
            QStringLiteral("Q4_K_M/Kimi-K2-Instruct-Q4_K_M-%1-of-00013.gguf").arg(i, 5, 10, QLatin1Char('0'));
        HeaderFetcher::fetch(env.client.get(), repo, QStringLiteral("main"), path, r->file(path)->size, nullptr,
                             [&](Result<WeightHeaderFact> h, HubReply::Error) {
                                 EXPECT_TRUE(h.ok()) << h.error().toStdString();
                                 ++done;
                             });
    }
    ASSERT_TRUE(memspec::test::spinUntil([&] { return done == 12; }, 10000));
    // 12 parts × (302 + CDN range) at 30 ms each would take ≥ 720 ms one after another.
    EXPECT_LT(t.elapsed(), 600);
}

TEST(HeaderFetcher, ServerIgnoringRangeIsStoppedAtTheBudget)
{
    HubTestEnv env;
    env.hub.addFault({mock::MockFault::IgnoreRange, QStringLiteral("/cdn-lfs/")});
    auto [r, err] =
        fetchHeader(env, QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"), QStringLiteral("model.safetensors"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(err, HubReply::Error::IgnoresRange);
    EXPECT_TRUE(r.error().contains(
        QLatin1String("sentence-transformers/all-MiniLM-L6-v2: model.safetensors: the server ignores Range")))
        << r.error().toStdString();
    EXPECT_LT(env.client->bytesReceived(), 4 * 1024 * 1024); // not the 90 MB file
}
