// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// One verdict per co-load set (fits / cold_start_fails / does_not_fit) that agrees with the pool's cold start,
// in the core, in `memspec budget --json` and in its text output.
#include "tests/support/clirun.h"
#include "app/budget/budgetcalculator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

BudgetItem item(const char *key, qint64 mib)
{
    BudgetItem i;
    i.key = QString::fromLatin1(key);
    i.name = i.key.toUpper();
    i.mib = mib;
    return i;
}

using memspec::test::CliRun;

CliRun runCli(const QString &project, const QStringList &args)
{
    return memspec::test::runCli(args, {.global = {QStringLiteral("--project"), project}});
}

} // namespace

TEST(BudgetVerdict, FitsWhenTheColdStartStartsEveryModel)
{
    // 24,000 × 0.8 = 19,200, reserve 0. 5,000 + 4,000: co-load 9,000; cold start 10,000 then 8,000 = 18,000 ≤ 19,200.
    const BudgetResult r = BudgetCalculator::compute(BudgetTarget::custom(24000), {item("a", 5000), item("b", 4000)}, 0);
    EXPECT_EQ(r.verdict(), BudgetVerdict::Fits);
    EXPECT_EQ(r.toJson().value(QStringLiteral("verdict")).toString(), QStringLiteral("fits"));
    EXPECT_TRUE(r.verdictText().startsWith(QStringLiteral("Fits.")));
    EXPECT_TRUE(r.verdictText().contains(QStringLiteral("headroom 10,200 MiB")));
}

TEST(BudgetVerdict, ColdStartThatStarvesAModelIsNotFits)
{
    // Limit 34,304 (2 × 24,000, reserve 4,096); 10,000 + 10,000 + 5,000 = 25,000 fits with one worker each, but the
    // cold start gives x 2 (20,000), y 1 (30,000) and z none (35,000 > 34,304).
    const BudgetResult r = BudgetCalculator::compute(BudgetTarget::custom(24000, 2),
                                                     {item("x", 10000), item("y", 10000), item("z", 5000)}, 4096);
    ASSERT_TRUE(r.fits);
    ASSERT_FALSE(r.coldStartOk);
    EXPECT_EQ(r.verdict(), BudgetVerdict::ColdStartFails);
    const QJsonObject o = r.toJson();
    EXPECT_EQ(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("cold_start_fails"));
    EXPECT_TRUE(o.value(QStringLiteral("fits")).toBool());   // kept: one worker each is within the limit
    EXPECT_EQ(o.value(QStringLiteral("verdict_text")).toString(), r.verdictText());
    EXPECT_EQ(r.coldStartStarved(), QStringList{QStringLiteral("Z")});
    EXPECT_TRUE(r.verdictText().startsWith(QStringLiteral("Cold start fails.")));
    EXPECT_TRUE(r.verdictText().contains(QStringLiteral("no room for Z")));
    EXPECT_FALSE(r.verdictText().contains(QStringLiteral("Fits")));
    // Starting z first: z 2 (10,000), x 2 (30,000), y: 40,000 > limit, 30,000 + 10,000 = 40,000 > 34,304 → 0.
    const BudgetResult other = BudgetCalculator::compute(BudgetTarget::custom(24000, 2),
                                                         {item("z", 5000), item("x", 10000), item("y", 10000)}, 4096);
    EXPECT_EQ(other.verdict(), BudgetVerdict::ColdStartFails);
    EXPECT_EQ(other.coldStartStarved(), QStringList{QStringLiteral("Y")});
    // Without z the cold start is x 2, y 1: every model starts.
    EXPECT_EQ(BudgetCalculator::compute(BudgetTarget::custom(24000, 2), {item("x", 10000), item("y", 10000)}, 4096).verdict(),
              BudgetVerdict::Fits);
}

TEST(BudgetVerdict, OverTheLimitIsDoesNotFitWithDropFirst)
{
    // Limit 19,200; 12,000 + 9,000 = 21,000: over by 1,800; b (9,000) is the smallest that covers it.
    const BudgetResult r = BudgetCalculator::compute(BudgetTarget::custom(24000), {item("a", 12000), item("b", 9000)}, 0);
    EXPECT_EQ(r.verdict(), BudgetVerdict::DoesNotFit);
    EXPECT_EQ(r.toJson().value(QStringLiteral("verdict")).toString(), QStringLiteral("does_not_fit"));
    EXPECT_TRUE(r.verdictText().startsWith(QStringLiteral("Does not fit.")));
    EXPECT_TRUE(r.verdictText().contains(QStringLiteral("over by 1,800 MiB")));
    EXPECT_TRUE(r.verdictText().contains(QStringLiteral("Drop first: b.")));
    EXPECT_TRUE(r.toCsv().contains(QStringLiteral("co_load_total,,,21000,,,,does_not_fit,\n")));
}

TEST(BudgetVerdict, CliJsonAndTextAgreeWithTheCore)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("project.json"));
    const QString phi = QStringLiteral("microsoft/phi-4");
    const QString nv = QStringLiteral("nvidia/NV-Embed-v2");
    auto mibOf = [&](const QString &key) {
        const CliRun r = runCli(project, {QStringLiteral("estimate"), key, QStringLiteral("--json")});
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("est_memory_allocation_mb")).toInteger();
    };
    const qint64 a = mibOf(phi);
    const qint64 b = mibOf(nv);
    ASSERT_GT(a, 0);
    ASSERT_GT(b, 0);
    // Reserve 0 and a limit of max(a + b, 2a): one worker each fits, a's two workers leave b without one. The
    // capacity is the smallest whose 80 % reaches that limit.
    const qint64 limit = std::max(a + b, 2 * a);
    const qint64 capacity = (limit * 5 + 3) / 4;
    const struct
    {
        qint64 capacity;
        BudgetVerdict want;
    } cases[] = {{capacity, BudgetVerdict::ColdStartFails},
                 {(2 * a + 2 * b) * 5 / 4 + 5, BudgetVerdict::Fits},
                 {(a + b) * 5 / 4 - 5, BudgetVerdict::DoesNotFit}};
    for (const auto &c : cases) {
        const QStringList args{QStringLiteral("budget"), QStringLiteral("--capacity-mib"), QString::number(c.capacity),
                               QStringLiteral("--reserve-mib"), QStringLiteral("0"), QStringLiteral("--models"),
                               phi + QLatin1Char(',') + nv};
        BudgetItem ia;
        ia.key = phi;
        ia.mib = a;
        BudgetItem ib;
        ib.key = nv;
        ib.mib = b;
        const BudgetResult core = BudgetCalculator::compute(BudgetTarget::custom(c.capacity), {ia, ib}, 0);
        ASSERT_EQ(core.verdict(), c.want) << c.capacity;
        const CliRun json = runCli(project, args + QStringList{QStringLiteral("--json")});
        ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        EXPECT_EQ(o.value(QStringLiteral("verdict")).toString(), BudgetResult::verdictId(c.want)) << c.capacity;
        EXPECT_EQ(o.value(QStringLiteral("fits")).toBool(), c.want != BudgetVerdict::DoesNotFit);
        EXPECT_EQ(o.value(QStringLiteral("cold_start_ok")).toBool(), c.want == BudgetVerdict::Fits);
        const QString text = o.value(QStringLiteral("verdict_text")).toString();
        EXPECT_TRUE(text.startsWith(core.verdictTitle())) << text.toStdString();
        const CliRun plain = runCli(project, args);
        ASSERT_EQ(plain.exitCode, 0) << plain.err.toStdString();
        EXPECT_TRUE(QString::fromUtf8(plain.out).contains(text)) << plain.out.toStdString();
    }
}
