// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The CLI contract of DESIGN §6, run as a real process.
#include "tests/support/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using memspec::test::CliRun;
using memspec::test::runCli;

TEST(Cli, VersionPrintsVersion)
{
    const CliRun r = runCli({QStringLiteral("--version")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.startsWith("memspec " MEMSPEC_VERSION));
}

TEST(Cli, EveryCommandAnswersHelpWithItsOwnUsage)
{
    for (const char *command :
         {"list", "estimate", "refresh", "status", "approve", "set", "export", "apply-rust", "check"}) {
        const CliRun r = runCli({QLatin1String(command), QStringLiteral("--help")});
        EXPECT_EQ(r.exitCode, 0) << command << ": " << r.err.toStdString();
        EXPECT_TRUE(r.out.startsWith(QByteArray(QByteArray("Usage: memspec [global options] ") + command + ' ')))
            << command << ":\n"
            << r.out.toStdString();
        EXPECT_TRUE(r.out.contains("Global options")) << command;
        EXPECT_TRUE(r.err.isEmpty()) << command << ": " << r.err.toStdString();
    }
    const CliRun refresh = runCli({QStringLiteral("refresh"), QStringLiteral("-h")});
    EXPECT_TRUE(refresh.out.contains("--http2-prior-knowledge"));
    EXPECT_FALSE(refresh.out.contains("apply-rust"));
}

TEST(Cli, ListJsonHasTwelveModels)
{
    const CliRun r = runCli({QStringLiteral("list"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray models = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 12);
    for (const QJsonValue &m : models) {
        EXPECT_EQ(m.toObject().value(QStringLiteral("est_memory_allocation_mb")).toInteger() % 100, 0);
    }
}

TEST(Cli, EstimateJsonShape)
{
    const CliRun r = runCli({QStringLiteral("estimate"), QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"),
                             QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    for (const char *k :
         {"model", "runtime", "device", "parameters", "lines", "total_bytes", "est_memory_allocation_mb", "unit"}) {
        EXPECT_TRUE(o.contains(QLatin1String(k))) << k;
    }
    EXPECT_EQ(o.value(QStringLiteral("unit")).toString(), QStringLiteral("MiB"));
    const QJsonArray lines = o.value(QStringLiteral("lines")).toArray();
    ASSERT_EQ(lines.size(), 5);
    const char *ids[] = {"weights", "kv_cache", "activations", "runtime_overhead", "margin"};
    qint64 sum = 0;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject l = lines.at(i).toObject();
        EXPECT_EQ(l.value(QStringLiteral("id")).toString(), QLatin1String(ids[i]));
        EXPECT_TRUE(l.value(QStringLiteral("derivation")).isString());
        EXPECT_TRUE(l.value(QStringLiteral("sources")).isArray());
        sum += l.value(QStringLiteral("bytes")).toInteger();
    }
    EXPECT_EQ(sum, o.value(QStringLiteral("total_bytes")).toInteger());
    EXPECT_EQ(o.value(QStringLiteral("est_memory_allocation_mb")).toInteger() % 100, 0);
}

TEST(Cli, UnknownKeyFailsWithMessageAndNoOutput)
{
    const CliRun r = runCli({QStringLiteral("estimate"), QStringLiteral("nobody/nothing"), QStringLiteral("--json")});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains("nobody/nothing")) << r.err.toStdString();
}

TEST(Cli, BadFlagValuesAreRejected)
{
    for (const QStringList &args : {QStringList{QStringLiteral("estimate"), QStringLiteral("bert-minilm"),
                                                QStringLiteral("--context"), QStringLiteral("lots")},
                                    QStringList{QStringLiteral("estimate"), QStringLiteral("bert-minilm"),
                                                QStringLiteral("--runtime"), QStringLiteral("tensorflow")},
                                    QStringList{QStringLiteral("estimate"), QStringLiteral("bert-minilm"),
                                                QStringLiteral("--resolution"), QStringLiteral("big")},
                                    QStringList{QStringLiteral("frobnicate")}}) {
        const CliRun r = runCli(args);
        EXPECT_NE(r.exitCode, 0) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(r.out.isEmpty());
        EXPECT_FALSE(r.err.isEmpty());
    }
}
