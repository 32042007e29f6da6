// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The real @huggingface/hub and @huggingface/gguf clients (pinned in tests/conformance) against the standalone
// mock hub: tests/conformance/hub-*.mjs must pass.
#include "mockprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <gtest/gtest.h>

namespace {

const QString kConformance = QStringLiteral(MEMSPEC_SOURCE_DIR_FOR_TESTS "/tests/conformance");

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
    memspec::test::MockProcess mock;
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
