// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` as a real child process while the mock hub serves from this process's event loop.
#pragma once

#include "hubtestenv.h"

#include <QProcess>

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
    for (const QByteArray &line : f.readAll().split('\n')) {
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

// The mock lives in this process, so wait by spinning the event loop rather than blocking in waitForFinished.
// extraEnv: more variables for the child (e.g. MEMSPEC_HUB_DEADLINE).
inline CliRun runMemspec(const QStringList &args, const QString &token = {}, const QProcessEnvironment &extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MEMSPEC_HUB_FAST_RETRY"), QStringLiteral("1"));
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
    const qint64 childrenBefore = childrenMaxRssKiB();
    qint64 polled = 0;
    // MEMSPEC_TEST_CLI runs another memspec against the same tests (e.g. a build of main, to see a test fail there).
    const QString cli = qEnvironmentVariable("MEMSPEC_TEST_CLI", QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"));
    p.start(cli, args);
    const qint64 pid = p.processId();
    EXPECT_TRUE(spinUntil([&] {
        polled = qMax(polled, peakRssKiB(pid));
        return p.state() == QProcess::NotRunning;
    }, 60000));
    // Once reaped, the kernel's own figure: exact, when it tops every earlier child; else what polling saw.
    const qint64 childrenAfter = childrenMaxRssKiB();
    return CliRun{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError(),
                  childrenAfter > childrenBefore ? childrenAfter : polled};
}

} // namespace memspec::test
