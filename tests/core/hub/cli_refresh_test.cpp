// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec refresh` as a real process against the in-process mock hub.
#include "mockprocess.h"
#include "tests/support/clirun.h"
#include "tests/support/hubtestenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

using namespace memspec;
using memspec::test::CliRun;
using memspec::test::HubTestEnv;
using memspec::test::runMemspec;

namespace {

qint64 weightsBytes(const QByteArray &json)
{
    for (const QJsonValue &l : QJsonDocument::fromJson(json).object().value(QLatin1String("lines")).toArray()) {
        if (l.toObject().value(QLatin1String("id")).toString() == QLatin1String("weights")) {
            return qint64(l.toObject().value(QLatin1String("bytes")).toDouble());
        }
    }
    return -1;
}

} // namespace

TEST(CliRefresh, RefreshesAndEstimateUsesTheRefreshedFacts)
{
    HubTestEnv env;
    const QStringList global{QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                             env.config.cacheDir};
    const CliRun before = runMemspec(
        global + QStringList{QStringLiteral("estimate"), QStringLiteral("phi4-reasoning"), QStringLiteral("--json")});
    ASSERT_EQ(before.exitCode, 0) << before.err.toStdString();
    const CliRun r = runMemspec(global + QStringList{QStringLiteral("refresh"), QStringLiteral("bert-minilm"),
                                                     QStringLiteral("phi4-reasoning")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("2 of 2 models refreshed")) << r.out.toStdString();
    EXPECT_TRUE(r.err.contains("unsloth/Phi-4-reasoning-GGUF") || r.err.contains("microsoft/phi-4: "))
        << r.err.toStdString();
    const CliRun after = runMemspec(
        global + QStringList{QStringLiteral("estimate"), QStringLiteral("phi4-reasoning"), QStringLiteral("--json")});
    ASSERT_EQ(after.exitCode, 0) << after.err.toStdString();
    const mock::MockFile *gguf = env.hub.routes()
                                     .repos()
                                     .find(QStringLiteral("unsloth/Phi-4-reasoning-GGUF"))
                                     ->file(QStringLiteral("phi-4-reasoning-Q4_K_M.gguf"));
    EXPECT_NE(weightsBytes(after.out), weightsBytes(before.out));
    EXPECT_GT(weightsBytes(after.out), gguf->size / 2);
}

TEST(CliRefresh, FailureExitsNonZeroAndKeepsTheEarlierCache)
{
    HubTestEnv env;
    const QString key = QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo");
    const QByteArray earlier = env.seedOldCache(key);
    const QStringList global{QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                             env.config.cacheDir};
    const CliRun r = runMemspec(
        global + QStringList{QStringLiteral("refresh"), QStringLiteral("sd35-turbo"), QStringLiteral("clip")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("gated repository: accept its licence")) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("1 of 2 models refreshed")) << r.out.toStdString();
    EXPECT_EQ(env.cacheFile(key), earlier);
}

TEST(CliRefresh, Http2PriorKnowledgeRefreshesOverOneConnectionPerOrigin)
{
    HubTestEnv env;
    const QStringList global{QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                             env.config.cacheDir};
    const CliRun r =
        runMemspec(global + QStringList{QStringLiteral("refresh"), QStringLiteral("--http2-prior-knowledge"),
                                        QStringLiteral("bert-minilm"), QStringLiteral("kimi-k2")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("2 of 2 models refreshed")) << r.out.toStdString();
    EXPECT_EQ(env.hub.http2ConnectionCount(), 2);
    EXPECT_EQ(env.hub.connectionCount(), 2);
}

// The "done when": `memspec refresh --endpoint` against the standalone mock refreshes all 12 models and
// reads weight-file headers only (every CDN request is a Range; the bytes stay within 1.2x of the header bytes).
TEST(CliRefresh, StandaloneMockRefreshesAllTwelveReadingHeadersOnly)
{
    const qint64 headerBytes = mock::MockRepoSet::registryHeaderBytes(*mock::MockRepoSet::registryFixtures());
    for (const bool http2 : {false, true}) {
        SCOPED_TRACE(http2 ? "HTTP/2" : "HTTP/1.1");
        test::MockProcess mockHub{QStringList()};
        ASSERT_FALSE(mockHub.url.isEmpty()) << "the standalone mock hub did not start";
        QTemporaryDir cache;
        QStringList args{QStringLiteral("--endpoint"), mockHub.url, QStringLiteral("--cache-dir"), cache.path(),
                         QStringLiteral("refresh")};
        if (http2) {
            args << QStringLiteral("--http2-prior-knowledge");
        }
        const CliRun r = runMemspec(args, QStringLiteral("hf_mock_approved"));
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
        EXPECT_TRUE(r.out.contains("12 of 12 models refreshed")) << r.out.toStdString();
        qint64 cdnBytes = 0;
        int cdnRequests = 0;
        int cdnWithoutRange = 0;
        for (const QByteArray &line : mockHub.logLines()) {
            if (!line.contains("[cdn]")) {
                continue;
            }
            ++cdnRequests;
            cdnWithoutRange += line.contains("Range: bytes=") ? 0 : 1;
            const int open = line.lastIndexOf('(');
            cdnBytes += line.mid(open + 1, line.lastIndexOf(" B)") - open - 1).toLongLong();
        }
        EXPECT_GE(cdnRequests, 35); // 35 weight files: at least one read each
        EXPECT_EQ(cdnWithoutRange, 0);
        EXPECT_GE(cdnBytes, headerBytes);
        EXPECT_LE(double(cdnBytes), 1.2 * double(headerBytes));
    }
}

TEST(CliRefresh, UnknownKeyIsRejected)
{
    const CliRun r =
        runMemspec({QStringLiteral("--offline"), QStringLiteral("refresh"), QStringLiteral("no-such-model")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains("no-such-model"));
}
