// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The real @huggingface/hub and @huggingface/gguf clients (pinned in tests/conformance) against the standalone
// mock hub: tests/conformance/hub-*.mjs must pass.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <gtest/gtest.h>

namespace {

const QString kConformance = QStringLiteral(MEMSPEC_SOURCE_DIR_FOR_TESTS "/tests/conformance");

class MockProcess
{
public:
    MockProcess()
    {
        m_p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/tests/mockhub/memspec-mockhub"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tree-page-size"), QStringLiteral("4")});
        const bool started = QTest::qWaitFor([&] {
            m_out += m_p.readAllStandardOutput();
            return m_out.contains("\ncdn ");
        }, 20000);
        if (!started) {
            return;   // url stays empty: the test says the mock did not start
        }
        for (const QByteArray &l : m_out.split('\n')) {
            if (l.startsWith("hub ")) {
                url = QString::fromLatin1(l.mid(4));
            }
        }
    }
    ~MockProcess()
    {
        m_p.kill();
        m_p.waitForFinished(5000);
    }
    QString url;

private:
    QProcess m_p;
    QByteArray m_out;
};

void runScript(const QString &script)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        GTEST_SKIP() << "node is not installed: the JS conformance check cannot run";
    }
    if (!QDir(kConformance + QStringLiteral("/node_modules/@huggingface/hub")).exists() ||
        !QDir(kConformance + QStringLiteral("/node_modules/@huggingface/gguf")).exists()) {
        GTEST_SKIP() << "tests/conformance/node_modules is missing: run `npm ci` in tests/conformance";
    }
    MockProcess mock;
    ASSERT_FALSE(mock.url.isEmpty()) << "the mock hub did not start";
    QProcess p;
    p.setWorkingDirectory(kConformance);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MOCK_HUB"), mock.url);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(node, {kConformance + QLatin1Char('/') + script});
    ASSERT_TRUE(p.waitForFinished(60000)) << script.toStdString() << " did not finish";
    const QByteArray out = p.readAll();
    EXPECT_EQ(p.exitCode(), 0) << out.toStdString();
    EXPECT_TRUE(out.contains("all checks passed")) << out.toStdString();
}

} // namespace

TEST(HubConformance, HuggingFaceHubClientAgainstMockHub)
{
    runScript(QStringLiteral("hub-api.mjs"));
}

TEST(HubConformance, HuggingFaceGgufClientAgainstMockHub)
{
    runScript(QStringLiteral("hub-gguf.mjs"));
}
