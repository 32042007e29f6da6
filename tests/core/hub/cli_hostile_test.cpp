// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` against a hostile hub or a mirror with a password in its URL (issue 18 items 2, 3): the token and the
// password reach no file the tool writes and none of its output.
#include "tests/support/clirun.h"
#include "tests/support/hubtestenv.h"
#include "tests/support/paramname.h"
#include "tests/support/sanitizers.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QRegularExpression>

using namespace memspec;
using memspec::test::CliOptions;
using memspec::test::CliRun;
using memspec::test::HubTestEnv;
using memspec::test::runCli;
using memspec::test::runMemspec;

namespace {

const QString kPassword = QStringLiteral("MirrorPassw0rd-XYZ");
const QString kToken = QStringLiteral("hf_mock_user");

// Every file under dir whose bytes contain one of needles, as "path: needle".
QStringList filesContaining(const QString &dir, const QList<QByteArray> &needles)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray bytes = f.readAll();
        for (const QByteArray &n : needles) {
            if (bytes.contains(n)) {
                hits << f.fileName() + QStringLiteral(": ") + QString::fromUtf8(n);
            }
        }
    }
    return hits;
}

} // namespace

TEST(CliHostile, MirrorPasswordAndTokenReachNoFileAndNoOutput)
{
    HubTestEnv env;
    QUrl endpoint = env.hub.hubUrl();
    endpoint.setUserName(QStringLiteral("mirror-user"));
    endpoint.setPassword(kPassword);
    const QString project = env.tmp.path() + QStringLiteral("/project.memspec.json");
    const QString out = env.tmp.path() + QStringLiteral("/export");
    const QStringList global{QStringLiteral("--endpoint"), endpoint.toString(),         QStringLiteral("--cache-dir"),
                             env.config.cacheDir,          QStringLiteral("--project"), project};
    QList<CliRun> runs;
    runs << runMemspec(global + QStringList{QStringLiteral("refresh"), QStringLiteral("bert-minilm")}, kToken);
    ASSERT_EQ(runs.last().exitCode, 0) << runs.last().err.toStdString();
    runs << runMemspec(global + QStringList{QStringLiteral("estimate"), QStringLiteral("bert-minilm")}, kToken);
    runs << runMemspec(global + QStringList{QStringLiteral("export"), QStringLiteral("--out"), out}, kToken);
    ASSERT_EQ(runs.last().exitCode, 0) << runs.last().err.toStdString();
    // The hostile part: the hub echoes what it was sent (the Basic credentials) and a token in its error bodies.
    env.hub.setHostile(QStringLiteral("echo-token"));
    runs << runMemspec(global + QStringList{QStringLiteral("refresh"), QStringLiteral("bert-minilm")}, kToken);
    EXPECT_NE(runs.last().exitCode, 0);
    EXPECT_TRUE(runs.last().err.contains("[redacted]")) << runs.last().err.toStdString();

    const QByteArray basic = "Basic " + QByteArray("mirror-user:" + kPassword.toUtf8()).toBase64();
    const QList<QByteArray> secrets{kPassword.toUtf8(), kToken.toUtf8(), QByteArray("hf_EchoedSecretKey"),
                                    basic.mid(6)};
    for (const CliRun &r : runs) {
        for (const QByteArray &s : secrets) {
            EXPECT_FALSE(r.out.contains(s) || r.err.contains(s)) << s.toStdString() << " in:\n"
                                                                 << r.out.toStdString() << r.err.toStdString();
        }
    }
    EXPECT_EQ(filesContaining(env.tmp.path(), secrets), QStringList());
    // The exported docs were written (they cite the model's own Hub repo, never the mirror), and the credentials
    // went to the hub alone.
    EXPECT_FALSE(filesContaining(out, {QByteArray("Config source: ")}).isEmpty());
    int hubRequests = 0;
    for (const mock::MockRequestLog &r : env.hub.requests()) {
        if (r.origin == QLatin1String("hub")) {
            ++hubRequests;
            EXPECT_EQ(r.authorization, basic) << r.target.toStdString();
        } else {
            EXPECT_TRUE(r.authorization.isEmpty()) << r.target.toStdString();
        }
    }
    EXPECT_GT(hubRequests, 3);
}

TEST(CliHostile, TokenEchoedInAnErrorBodyIsRedacted)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("echo-token"));
    const CliRun r =
        runMemspec({QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                    env.config.cacheDir, QStringLiteral("refresh"), QStringLiteral("bert-minilm")},
                   kToken);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains("HTTP 400")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("Bearer [redacted]")) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(kToken.toUtf8())) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains("hf_EchoedSecretKey")) << r.err.toStdString();
    EXPECT_EQ(filesContaining(env.tmp.path(), {kToken.toUtf8(), "hf_EchoedSecretKey"}), QStringList());
}

// Issue 18 item 4: `memspec refresh` against a body that never ends (or claims a terabyte) stops at the 16 MiB text
// budget, and the child's peak RSS grows by at most 4x that over a refresh of the same model from a well-behaved hub.
class CliHostileMemory : public ::testing::TestWithParam<const char *>
{
};

TEST_P(CliHostileMemory, BodyStopsAtTheBudgetWithBoundedPeakRss)
{
    constexpr qint64 kBudgetKiB = 16 * 1024; // refresher.cpp: kMaxTextBytes
    HubTestEnv env;
    const auto args = [&](const QString &cache) {
        return QStringList{QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                           env.tmp.filePath(cache),      QStringLiteral("refresh"),   QStringLiteral("bert-minilm")};
    };
    CliOptions measured = test::mockHubOptions();
    measured.measurePeakRss = true;
    const CliRun calm = runCli(args(QStringLiteral("calm")), measured);
    ASSERT_EQ(calm.exitCode, 0) << calm.err.toStdString();
    ASSERT_GT(calm.peakRssKiB, 0);

    env.hub.setHostile(QLatin1String(GetParam()));
    QElapsedTimer t;
    t.start();
    const CliRun r = runCli(args(QStringLiteral("hostile")), measured);
    EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("config.json")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("budget")) << r.err.toStdString();
    EXPECT_LT(t.elapsed(), 30000);
    if (test::kPeakRssIsOurs) {
        EXPECT_LE(r.peakRssKiB, calm.peakRssKiB + 4 * kBudgetKiB)
            << GetParam() << ": peak RSS " << r.peakRssKiB << " KiB; a calm refresh peaks at " << calm.peakRssKiB
            << " KiB";
    }
}

INSTANTIATE_TEST_SUITE_P(CliHostile, CliHostileMemory, ::testing::Values("endless-chunked", "huge-length"),
                         [](const auto &info) { return test::identifierOf(info.param); });

// Item 6: --deadline and MEMSPEC_HUB_DEADLINE stop a slowloris hub within seconds, naming the URL and the deadline.
TEST(CliHostile, DeadlineStopsASlowlorisHub)
{
    HubTestEnv env;
    env.hub.setHostile(QStringLiteral("slowloris"), "50"); // a byte every 50 ms: never idle long enough to time out
    const QStringList global{QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                             env.config.cacheDir};
    QProcessEnvironment fromEnv;
    fromEnv.insert(QStringLiteral("MEMSPEC_HUB_DEADLINE"), QStringLiteral("1.5"));
    const struct
    {
        QStringList args;
        QProcessEnvironment env;
        QString deadline;
    } runs[] = {
        {global + QStringList{QStringLiteral("refresh"), QStringLiteral("--deadline"), QStringLiteral("1"),
                              QStringLiteral("bert-minilm")},
         {},
         QStringLiteral("1 s deadline")},
        {global + QStringList{QStringLiteral("refresh"), QStringLiteral("bert-minilm")}, fromEnv,
         QStringLiteral("1.5 s deadline")},
    };
    for (const auto &run : runs) {
        QElapsedTimer t;
        t.start();
        const CliRun r = runMemspec(run.args, {}, run.env);
        EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
        EXPECT_LT(t.elapsed(), 8000);
        const QString err = QString::fromUtf8(r.err);
        EXPECT_TRUE(err.contains(run.deadline)) << err.toStdString();
        const QRegularExpression url(QRegularExpression::escape(env.hub.hubUrl().toString()) +
                                     QStringLiteral("/sentence-transformers/all-MiniLM-L6-v2/\\S+/config\\.json"));
        EXPECT_TRUE(err.contains(url)) << err.toStdString();
    }
}

TEST(CliHostile, DeadlineThatIsNotANumberIsRefused)
{
    QTemporaryDir tmp;
    for (const char *bad : {"soon", "0", "-3", ""}) {
        const CliRun r = runMemspec({QStringLiteral("--offline"), QStringLiteral("--cache-dir"), tmp.path(),
                                     QStringLiteral("--project"), tmp.filePath(QStringLiteral("p.memspec.json")),
                                     QStringLiteral("refresh"), QStringLiteral("--deadline"), QLatin1String(bad),
                                     QStringLiteral("bert-minilm")});
        EXPECT_EQ(r.exitCode, 2) << bad;
        const QByteArray expected = QByteArray("--deadline takes a number of seconds, not \"") + bad + '"';
        EXPECT_TRUE(r.err.contains(expected)) << r.err.toStdString();
    }
}

// Item 7: `memspec refresh` against a listing that loops or never ends stops, naming the repository (the page cap,
// 1,000 requests, is Hostile.ListingWithEndlessEmptyPagesStopsAtThePageCap).
class CliHostileListing : public ::testing::TestWithParam<std::pair<const char *, const char *>>
{
};

TEST_P(CliHostileListing, StopsAndNamesTheRepo)
{
    HubTestEnv env;
    env.hub.setHostile(QLatin1String(GetParam().first));
    QElapsedTimer t;
    t.start();
    const CliRun r =
        runMemspec({QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                    env.config.cacheDir, QStringLiteral("refresh"), QStringLiteral("bert-minilm")});
    EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("sentence-transformers/all-MiniLM-L6-v2: file listing: ")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(GetParam().second)) << r.err.toStdString();
    EXPECT_LT(t.elapsed(), 30000);
    EXPECT_LE(env.hub.requestCount(QStringLiteral("/tree/")), 1000);
}

INSTANTIATE_TEST_SUITE_P(CliHostile, CliHostileListing,
                         ::testing::Values(std::make_pair("tree-same-page", "loops"),
                                           std::make_pair("tree-cursor", "a second time"),
                                           std::make_pair("tree-endless", "more than 20000 entries")),
                         [](const auto &info) { return test::identifierOf(info.param.first); });
