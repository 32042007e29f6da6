// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec` as a real child process: the one runner every test that drives the CLI uses.
#pragma once

#include "tests/support/fastretry.h"
#include "tests/support/spin.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

namespace memspec::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 peakRssKiB = 0; // with CliOptions::measurePeakRss: the child's own peak resident set in KiB; else 0
};

struct CliOptions
{
    QStringList global;      // global options put before the arguments (--offline, --project FILE, ...)
    QProcessEnvironment env; // variables set for the child on top of this process's environment
    QStringList unset;       // variables removed from the child's environment
    QString workingDirectory;
    int timeoutMs = 60000;
    // Runs memspec under tests/support/peak_rss.cpp, which reports wait4's ru_maxrss of exactly that process (Linux
    // would count the test process's own address space in a child it forks itself; polling VmHWM misses peaks).
    bool measurePeakRss = false;
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
    std::optional<QTemporaryDir> rssDir;
    QString rssFile;
    if (options.measurePeakRss) {
        rssFile = rssDir.emplace().filePath(QStringLiteral("peak-rss"));
        p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/tests/support/peak_rss"),
                QStringList{rssFile, memspecProgram()} + options.global + args);
    } else {
        p.start(memspecProgram(), options.global + args);
    }
    const bool finished = spinUntil([&] { return p.state() == QProcess::NotRunning; }, options.timeoutMs);
    EXPECT_TRUE(finished) << "memspec " << (options.global + args).join(QLatin1Char(' ')).toStdString()
                          << " did not finish within " << options.timeoutMs << " ms";
    if (!finished) {
        p.kill(); // peak_rss's child dies with it (PR_SET_PDEATHSIG)
        p.waitForFinished(5000);
    }
    CliRun run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    if (options.measurePeakRss) {
        QFile f(rssFile);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << "peak_rss wrote no " << rssFile.toStdString();
        run.peakRssKiB = f.readAll().trimmed().toLongLong();
    }
    return run;
}

// The options of memspec against a mock hub: fast retries, no Hugging Face cache, online, and the given token or none
// at all. extraEnv: more variables for the child (e.g. MEMSPEC_HUB_DEADLINE).
inline CliOptions mockHubOptions(const QString &token = {}, const QProcessEnvironment &extraEnv = {})
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
    return options;
}

// memspec against a mock hub (mockHubOptions).
inline CliRun runMemspec(const QStringList &args, const QString &token = {}, const QProcessEnvironment &extraEnv = {})
{
    return runCli(args, mockHubOptions(token, extraEnv));
}

} // namespace memspec::test
