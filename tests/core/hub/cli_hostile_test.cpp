// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` against a hostile hub or a mirror with a password in its URL (issue 18 items 2, 3): the token and the
// password reach no file the tool writes and none of its output.
#include "tests/support/clirun.h"
#include "tests/support/hubtestenv.h"

#include <QDirIterator>

using namespace memspec;
using memspec::test::CliRun;
using memspec::test::HubTestEnv;
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
    const QStringList global{QStringLiteral("--endpoint"), endpoint.toString(), QStringLiteral("--cache-dir"),
                             env.config.cacheDir, QStringLiteral("--project"), project};
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
            EXPECT_FALSE(r.out.contains(s) || r.err.contains(s)) << s.toStdString() << " in:\n" << r.out.toStdString()
                                                                 << r.err.toStdString();
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
    const CliRun r = runMemspec({QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
                                 env.config.cacheDir, QStringLiteral("refresh"), QStringLiteral("bert-minilm")},
                                kToken);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains("HTTP 400")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("Bearer [redacted]")) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(kToken.toUtf8())) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains("hf_EchoedSecretKey")) << r.err.toStdString();
    EXPECT_EQ(filesContaining(env.tmp.path(), {kToken.toUtf8(), "hf_EchoedSecretKey"}), QStringList());
}
