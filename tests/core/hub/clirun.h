// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` as a real child process while the mock hub serves from this process's event loop.
#pragma once

#include "hubtestenv.h"
#include "tests/support/fastretry.h"

#include <QProcess>

namespace memspec::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The mock lives in this process, so wait by spinning the event loop rather than blocking in waitForFinished.
// extraEnv: more variables for the child (e.g. MEMSPEC_HUB_DEADLINE).
inline CliRun runMemspec(const QStringList &args, const QString &token = {}, const QProcessEnvironment &extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    insertFastRetry(env);
    env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/nonexistent-hf-cache"));
    env.remove(QStringLiteral("HF_HUB_OFFLINE"));
    if (token.isEmpty()) {
        env.remove(QStringLiteral("HF_TOKEN"));
        env.insert(QStringLiteral("HF_TOKEN_PATH"), QStringLiteral("/nonexistent-token"));
    } else {
        env.insert(QStringLiteral("HF_TOKEN"), token);
    }
    for (const QString &k : extraEnv.keys()) {
        env.insert(k, extraEnv.value(k));
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"), args);
    EXPECT_TRUE(spinUntil([&] { return p.state() == QProcess::NotRunning; }, 60000));
    return CliRun{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace memspec::test
