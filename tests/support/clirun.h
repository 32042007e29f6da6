// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` as a real child process: the one runner every test that drives the CLI uses.
#pragma once

#include "tests/support/fastretry.h"
#include "tests/support/spin.h"

#include <QFile>
#include <QProcess>

#include <gtest/gtest.h>

#include <sys/resource.h>

namespace memspec::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 peakRssKiB = 0;   // the child's peak resident set (VmHWM), in KiB
};

// VmHWM of a running process in KiB (0 once it is gone).
inline qint64 peakRssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

// The largest ru_maxrss among the children this process has waited for, in KiB (Linux counts it in KiB).
inline qint64 childrenMaxRssKiB()
{
    rusage u{};
    return getrusage(RUSAGE_CHILDREN, &u) == 0 ? qint64(u.ru_maxrss) : 0;
}

struct CliOptions
{
    QStringList global;                 // global options put before the arguments (--offline, --project FILE, ...)
    QProcessEnvironment env;            // variables set for the child on top of this process's environment
    QStringList unset;                  // variables removed from the child's environment
    QString workingDirectory;
    int timeoutMs = 60000;
};

// MEMSPEC_TEST_CLI runs another memspec against the same tests (e.g. a build of main, to see a test fail there).
inline QString memspecProgram()
{
    return qEnvironmentVariable("MEMSPEC_TEST_CLI", QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"));
}

// A project file that does not exist: the CLI then reads an empty review instead of the user's default project.
inline QStringList noProject()
{
    return {QStringLiteral("--project"), QStringLiteral(MEMSPEC_BUILD_DIR "/no-such-project.json")};
}

// Runs memspec with options.global + args. A mock hub may live in this process, so it waits by spinning the event
// loop rather than blocking in waitForFinished. A child still running at the timeout is killed and the test fails.
inline CliRun runCli(const QStringList &args, const CliOptions &options = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : options.unset) {
        env.remove(name);
    }
    const QStringList names = options.env.keys();
    for (const QString &name : names) {
        env.insert(name, options.env.value(name));
    }
    p.setProcessEnvironment(env);
    if (!options.workingDirectory.isEmpty()) {
        p.setWorkingDirectory(options.workingDirectory);
    }
    const qint64 childrenBefore = childrenMaxRssKiB();
    qint64 polled = 0;
    p.start(memspecProgram(), options.global + args);
    const qint64 pid = p.processId();
    const bool finished = spinUntil([&] {
        polled = qMax(polled, peakRssKiB(pid));
        return p.state() == QProcess::NotRunning;
    }, options.timeoutMs);
    EXPECT_TRUE(finished) << "memspec " << (options.global + args).join(QLatin1Char(' ')).toStdString()
                          << " did not finish within " << options.timeoutMs << " ms";
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    // Once reaped, the kernel's own peak: exact when it tops every earlier child's; else what polling saw.
    const qint64 childrenAfter = childrenMaxRssKiB();
    return CliRun{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError(),
                  childrenAfter > childrenBefore ? childrenAfter : polled};
}

// memspec against a mock hub: fast retries, no Hugging Face cache, online, and the given token or none at all.
// extraEnv: more variables for the child (e.g. MEMSPEC_HUB_DEADLINE).
inline CliRun runMemspec(const QStringList &args, const QString &token = {}, const QProcessEnvironment &extraEnv = {})
{
    CliOptions options;
    insertFastRetry(options.env);
    options.env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/nonexistent-hf-cache"));
    options.unset << QStringLiteral("HF_HUB_OFFLINE");
    if (token.isEmpty()) {
        options.unset << QStringLiteral("HF_TOKEN");
        options.env.insert(QStringLiteral("HF_TOKEN_PATH"), QStringLiteral("/nonexistent-token"));
    } else {
        options.env.insert(QStringLiteral("HF_TOKEN"), token);
    }
    const QStringList names = extraEnv.keys();
    for (const QString &name : names) {
        options.env.insert(name, extraEnv.value(name));
    }
    return runCli(args, options);
}

} // namespace memspec::test
