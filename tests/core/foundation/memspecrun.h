// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The built `memspec` program run as a real child process.
#pragma once

#include <QProcess>
#include <QStringList>

#include <gtest/gtest.h>

namespace memspec::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliRun memspecProcess(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"), args);
    EXPECT_TRUE(p.waitForFinished(60000)) << args.join(QLatin1Char(' ')).toStdString();
    return CliRun{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace memspec::test
