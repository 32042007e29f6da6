// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec budget` as a real process. Per-model figures come from `memspec estimate --json`, so the expected
// numbers follow the estimator; the pool arithmetic is recomputed here by hand.
#include "tests/support/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using memspec::test::CliRun;

// Every run uses a project file in a fresh temporary folder, so no user project (overrides) leaks in.
QString projectPath()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("project.json"));
}

CliRun cli(const QStringList &args)
{
    return memspec::test::runCli(args, {.global = {QStringLiteral("--project"), projectPath()}});
}

qint64 estMib(const QString &key)
{
    const CliRun r = cli({QStringLiteral("estimate"), key, QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("est_memory_allocation_mb")).toInteger();
}

} // namespace

TEST(BudgetCli, H100TwoModelsMatchHandCalculation)
{
    const QString k1 = QStringLiteral("microsoft/phi-4");
    const QString k2 = QStringLiteral("nvidia/NV-Embed-v2");
    const qint64 m1 = estMib(k1);
    const qint64 m2 = estMib(k2);
    ASSERT_GT(m1, 0);
    ASSERT_GT(m2, 0);
    const CliRun r = cli({QStringLiteral("budget"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"),
                              QStringLiteral("--models"), k1 + QLatin1Char(',') + k2, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    // H100 80GB as nvidia-smi reports it: 81,559 MiB; limit = floor(81,559 × 0.8) − 2,048 = 65,247 − 2,048 = 63,199.
    EXPECT_EQ(o.value(QStringLiteral("unit")).toString(), QStringLiteral("MiB"));
    EXPECT_EQ(o.value(QStringLiteral("capacity_mib")).toInteger(), 81559);
    EXPECT_EQ(o.value(QStringLiteral("limit_mib")).toInteger(), 63199);
    EXPECT_EQ(o.value(QStringLiteral("co_load_mib")).toInteger(), m1 + m2);
    EXPECT_EQ(o.value(QStringLiteral("headroom_mib")).toInteger(), 63199 - m1 - m2);
    EXPECT_EQ(o.value(QStringLiteral("fits")).toBool(), m1 + m2 <= 63199);
    const QJsonArray models = o.value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 2);
    const qint64 mib[] = {m1, m2};
    for (int i = 0; i < 2; ++i) {
        const QJsonObject m = models.at(i).toObject();
        EXPECT_EQ(m.value(QStringLiteral("mib")).toInteger(), mib[i]);
        const qint64 room = 63199 - mib[1 - i];
        const qint64 want = room < mib[i] ? 0 : std::min<qint64>(4, room / mib[i]);
        EXPECT_EQ(m.value(QStringLiteral("max_workers")).toInteger(), want);
    }
}

TEST(BudgetCli, CustomCapacityCountAndReserve)
{
    const QString key = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");
    const qint64 m = estMib(key);
    const CliRun r = cli({QStringLiteral("budget"), QStringLiteral("--capacity-mib"), QStringLiteral("1000"),
                              QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--reserve-mib"),
                              QStringLiteral("100"), QStringLiteral("--models"), key, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    // 3 × 1,000 = 3,000; floor(2,400) − 100 = 2,300.
    EXPECT_EQ(o.value(QStringLiteral("capacity_mib")).toInteger(), 3000);
    EXPECT_EQ(o.value(QStringLiteral("limit_mib")).toInteger(), 2300);
    EXPECT_EQ(o.value(QStringLiteral("headroom_mib")).toInteger(), 2300 - m);
}

TEST(BudgetCli, UnknownGpuFailsWithCloseMatches)
{
    const CliRun r = cli({QStringLiteral("budget"), QStringLiteral("--gpu"), QStringLiteral("H100 90GB"), QStringLiteral("--json")});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains("H100 80GB")) << r.err.toStdString();
}

TEST(BudgetCli, RejectsBadArguments)
{
    EXPECT_EQ(cli({QStringLiteral("budget")}).exitCode, 2);   // neither --gpu nor --capacity-mib
    EXPECT_EQ(cli({QStringLiteral("budget"), QStringLiteral("--capacity-mib"), QStringLiteral("-5")}).exitCode, 2);
    EXPECT_EQ(cli({QStringLiteral("budget"), QStringLiteral("--gpu"), QStringLiteral("L4"), QStringLiteral("--count"),
                       QStringLiteral("0")}).exitCode, 2);
    const CliRun unknown = cli({QStringLiteral("budget"), QStringLiteral("--gpu"), QStringLiteral("L4"),
                                    QStringLiteral("--models"), QStringLiteral("no/such-model")});
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_TRUE(unknown.out.isEmpty());
}

TEST(BudgetCli, HelpStatesTheRules)
{
    const CliRun r = cli({QStringLiteral("budget"), QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains("floor(0.80 x capacity) - reserve"));
    EXPECT_TRUE(r.out.contains("drop first"));
}

TEST(BudgetCli, UsesTheReviewersOverride)
{
    // An override in a separate project replaces the estimate: 20,000 MiB on an H100 (limit 63,199) →
    // floor(63,199 / 20,000) = 3 workers, headroom 43,199.
    QTemporaryDir dir;
    const QStringList project{QStringLiteral("--project"), dir.filePath(QStringLiteral("p.json"))};
    const CliRun approve = memspec::test::runCli(
        {QStringLiteral("approve"), QStringLiteral("microsoft/phi-4"), QStringLiteral("--reviewer"), QStringLiteral("t"),
         QStringLiteral("--override"), QStringLiteral("20000"), QStringLiteral("--reason"), QStringLiteral("measured")},
        {.global = project});
    ASSERT_EQ(approve.exitCode, 0) << approve.err.toStdString();
    const CliRun budget = memspec::test::runCli({QStringLiteral("budget"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"),
                                                 QStringLiteral("--models"), QStringLiteral("microsoft/phi-4"),
                                                 QStringLiteral("--json")},
                                                {.global = project});
    const QJsonObject o = QJsonDocument::fromJson(budget.out).object();
    const QJsonObject m = o.value(QStringLiteral("models")).toArray().at(0).toObject();
    EXPECT_EQ(m.value(QStringLiteral("mib")).toInteger(), 20000);
    EXPECT_TRUE(m.value(QStringLiteral("overridden")).toBool());
    EXPECT_EQ(m.value(QStringLiteral("max_workers")).toInteger(), 3);
    EXPECT_EQ(o.value(QStringLiteral("headroom_mib")).toInteger(), 43199);
}
