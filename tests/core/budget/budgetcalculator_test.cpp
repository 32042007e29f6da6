// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The pool rule on hand-computed sets. Every expected number is worked out in the comment beside it.
#include "app/budget/budgetcalculator.h"
#include "app/budget/budgetchartdata.h"
#include "app/common/units.h"
#include "app/review/modelreview.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {

BudgetItem item(const char *key, qint64 mib)
{
    BudgetItem i;
    i.key = QString::fromLatin1(key);
    i.name = i.key;
    i.mib = mib;
    return i;
}

// H100 80GB: 80 × 10⁹ B / 1024² = 76,293.945… → 76,293 MiB.
BudgetTarget h100(int count = 1)
{
    return BudgetTarget::gpu(GpuModel{QStringLiteral("NVIDIA"), QStringLiteral("H100"), QStringLiteral("gpu"), 80}, count);
}

} // namespace

TEST(BudgetCalculator, H100TwoModelsFitWithWorkersAndColdStart)
{
    // limit 58,986. A = 14,800, B = 16,500: co-load 31,300, headroom 58,986 − 31,300 = 27,686.
    const BudgetResult r = BudgetCalculator::compute(h100(), {item("a", 14800), item("b", 16500)});
    EXPECT_EQ(r.capacityMib, 76293);
    EXPECT_EQ(r.limitMib, 58986);
    EXPECT_EQ(r.coLoadMib, 31300);
    EXPECT_EQ(r.headroomMib, 27686);
    EXPECT_TRUE(r.fits);
    ASSERT_EQ(r.models.size(), 2);
    // A: room = 58,986 − 16,500 = 42,486; floor(42,486 / 14,800) = 2.  Alone: floor(58,986 / 14,800) = 3.
    EXPECT_EQ(r.models[0].roomMib, 42486);
    EXPECT_EQ(r.models[0].maxWorkers, 2);
    EXPECT_EQ(r.models[0].aloneMaxWorkers, 3);
    // B: room = 58,986 − 14,800 = 44,186; floor(44,186 / 16,500) = 2.  Alone: floor(58,986 / 16,500) = 3.
    EXPECT_EQ(r.models[1].maxWorkers, 2);
    EXPECT_EQ(r.models[1].aloneMaxWorkers, 3);
    // Cold start: A takes 2 (29,600 ≤ 58,986); B: 29,600 + 33,000 = 62,600 > limit, 29,600 + 16,500 = 46,100 → 1.
    EXPECT_EQ(r.models[0].coldStartWorkers, 2);
    EXPECT_EQ(r.models[1].coldStartWorkers, 1);
    EXPECT_TRUE(r.coldStartOk);
    EXPECT_TRUE(r.dropFirst.isEmpty());
}

TEST(BudgetCalculator, MaxWorkersCapsAtFour)
{
    // 100 MiB alone on an H100: floor(58,986 / 100) = 589, capped at 4.
    const BudgetResult r = BudgetCalculator::compute(h100(), {item("tiny", 100)});
    EXPECT_EQ(r.models[0].maxWorkers, 4);
    EXPECT_EQ(r.models[0].coldStartWorkers, 2);
    EXPECT_EQ(r.headroomMib, 58886);
}

TEST(BudgetCalculator, CustomCapacityWithReserveAndCount)
{
    // 2 × 24,000 MiB = 48,000; floor(48,000 × 0.8) = 38,400; reserve 4,096 → limit 34,304.
    // Set 10,000 + 10,000 + 5,000 = 25,000; headroom 9,304.
    const BudgetResult r = BudgetCalculator::compute(BudgetTarget::custom(24000, 2),
                                                     {item("x", 10000), item("y", 10000), item("z", 5000)}, 4096);
    EXPECT_EQ(r.capacityMib, 48000);
    EXPECT_EQ(r.limitMib, 34304);
    EXPECT_EQ(r.coLoadMib, 25000);
    EXPECT_EQ(r.headroomMib, 9304);
    EXPECT_TRUE(r.fits);
    // x: room = 34,304 − 15,000 = 19,304 → 1 worker (19,304 / 10,000). z: room = 34,304 − 20,000 = 14,304 → 2.
    EXPECT_EQ(r.model(QStringLiteral("x"))->maxWorkers, 1);
    EXPECT_EQ(r.model(QStringLiteral("z"))->maxWorkers, 2);
    // Cold start: x 2 (20,000); y: 20,000 + 20,000 > 34,304, 30,000 ≤ → 1; z: 30,000 + 5,000 = 35,000 > 34,304 → 0.
    EXPECT_EQ(r.model(QStringLiteral("x"))->coldStartWorkers, 2);
    EXPECT_EQ(r.model(QStringLiteral("y"))->coldStartWorkers, 1);
    EXPECT_EQ(r.model(QStringLiteral("z"))->coldStartWorkers, 0);
    EXPECT_FALSE(r.coldStartOk);
    EXPECT_FALSE(r.models[0].largerThanDevice);
}

TEST(BudgetCalculator, SetThatDoesNotFitHasNegativeHeadroomAndNoWorkers)
{
    // limit 58,986; 30,000 + 25,000 + 9,000 = 64,000; headroom −5,014.
    const BudgetResult r = BudgetCalculator::compute(h100(), {item("a", 30000), item("b", 25000), item("c", 9000)});
    EXPECT_FALSE(r.fits);
    EXPECT_EQ(r.headroomMib, -5014);
    for (const BudgetModelResult &m : r.models) {
        EXPECT_EQ(m.maxWorkers, 0) << m.item.key.toStdString();   // room = limit − others < own figure
        EXPECT_GE(m.aloneMaxWorkers, 1);
    }
    // The excess 5,014 is covered by any one model; the smallest that covers it is c (9,000).
    EXPECT_EQ(r.dropFirst, QStringList{QStringLiteral("c")});
}

TEST(BudgetCalculator, DropFirstTakesLargestUntilOneCoversTheRest)
{
    // Custom 10,000 MiB, reserve 0: limit 8,000. Set 4,000 + 3,000 + 2,500 + 2,000 + 500 = 12,000; excess 4,000.
    // 4,000 covers it alone and is the only one that does → drop "a" only.
    QList<BudgetItem> set{item("a", 4000), item("b", 3000), item("c", 2500), item("d", 2000), item("e", 500)};
    EXPECT_EQ(BudgetCalculator::dropOrder(set, 8000), QStringList{QStringLiteral("a")});
    // Limit 5,000: excess 7,000; nobody covers it → drop the largest a (excess 3,000); then the smallest that
    // covers 3,000 is b (3,000) → [a, b]. Two drops is the fewest possible (no single model ≥ 7,000).
    EXPECT_EQ(BudgetCalculator::dropOrder(set, 5000), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // Limit 1,000: excess 11,000 → a (7,000 left) → b (4,000) → c (1,500 left) → smallest ≥ 1,500 is d.
    EXPECT_EQ(BudgetCalculator::dropOrder(set, 1000),
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    // A set that fits drops nothing.
    EXPECT_TRUE(BudgetCalculator::dropOrder(set, 12000).isEmpty());
}

TEST(BudgetCalculator, DropFirstTieGoesToTheLaterModel)
{
    // Limit 8,000; 5,000 + 5,000 = 10,000, excess 2,000: both cover it, same size → the later one ("second").
    EXPECT_EQ(BudgetCalculator::dropOrder({item("first", 5000), item("second", 5000)}, 8000),
              QStringList{QStringLiteral("second")});
}

TEST(BudgetCalculator, ZeroFigureAlwaysPassesLikeThePool)
{
    // est 0: the pool's check always passes, so the model is reported at 4 workers with a warning.
    const BudgetResult r = BudgetCalculator::compute(h100(), {item("zero", 0), item("a", 20000)});
    EXPECT_EQ(r.coLoadMib, 20000);
    EXPECT_EQ(r.models[0].maxWorkers, 4);
    EXPECT_TRUE(r.models[0].verdict.contains(QStringLiteral("enforces nothing")));
}

TEST(BudgetCalculator, WorkerLargerThanOneDeviceIsFlagged)
{
    // 2 × H100: capacity 152,586, limit floor(122,068.8) − 2,048 = 120,020. 80,000 fits the sum but not one device.
    const BudgetResult r = BudgetCalculator::compute(h100(2), {item("big", 80000)});
    EXPECT_EQ(r.limitMib, 120020);
    EXPECT_TRUE(r.fits);
    EXPECT_TRUE(r.models[0].largerThanDevice);
}

TEST(BudgetCalculator, ItemFromReviewUsesOverrideAndLines)
{
    ModelReview review;
    review.entry.key = QStringLiteral("org/m");
    review.entry.name = QStringLiteral("M");
    review.estimate.estMib = 1000;
    for (const QString &id : lineIds()) {
        review.estimate.lines.append(EstimateLine{id, 100 * MiB, {}, {}});
    }
    BudgetItem a = BudgetItem::fromReview(review);
    EXPECT_EQ(a.mib, 1000);
    EXPECT_EQ(a.computedBytes, 500 * MiB);
    review.override = Override{1500, QStringLiteral("measured"), {}, {}};
    a = BudgetItem::fromReview(review);
    EXPECT_EQ(a.mib, 1500);
    EXPECT_TRUE(a.overridden);
}

TEST(BudgetChartData, BarsStackToThePoolFigureAndCoLoadSumsThem)
{
    BudgetItem a = item("a", 1000);   // lines 300/200/100/100/100 = 800 MiB computed; rounding 200
    a.lineBytes = {300 * MiB, 200 * MiB, 100 * MiB, 100 * MiB, 100 * MiB};
    a.computedBytes = 800 * MiB;
    BudgetItem b = item("b", 400);    // override below computed 800 → lines scaled by 0.5, rounding 0
    b.lineBytes = a.lineBytes;
    b.computedBytes = 800 * MiB;
    const BudgetChartData d = BudgetChartData::fromResult(BudgetCalculator::compute(h100(), {a, b}));
    ASSERT_EQ(d.categories.size(), 3);
    EXPECT_EQ(d.categories.last(), BudgetChartData::coLoadLabel());
    EXPECT_DOUBLE_EQ(d.values[0][0], 300.0);
    EXPECT_DOUBLE_EQ(d.values[5][0], 200.0);
    EXPECT_DOUBLE_EQ(d.values[0][1], 150.0);
    EXPECT_DOUBLE_EQ(d.values[5][1], 0.0);
    EXPECT_TRUE(d.scaled[1]);
    EXPECT_DOUBLE_EQ(d.barTotal(0), 1000.0);
    EXPECT_DOUBLE_EQ(d.barTotal(1), 400.0);
    EXPECT_DOUBLE_EQ(d.barTotal(2), 1400.0);   // the co-load bar
    EXPECT_DOUBLE_EQ(d.values[0][2], 450.0);    // weights 300 + 150
    EXPECT_DOUBLE_EQ(d.limitMib, 58986.0);
    EXPECT_DOUBLE_EQ(d.capacityMib, 76293.0);
}

TEST(BudgetResult, CsvHasOneRowPerModelAndTheTotals)
{
    const BudgetResult r = BudgetCalculator::compute(h100(), {item("a,1", 14800), item("b", 16500)});
    const QStringList rows = r.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(rows.size(), 7);
    EXPECT_EQ(rows[0], QStringLiteral("row,key,name,mib,max_workers,alone_max_workers,cold_start_workers,verdict,prompt_limit"));
    EXPECT_TRUE(rows[1].startsWith(QStringLiteral("model,\"a,1\",\"a,1\",14800,2,3,2,")));
    EXPECT_EQ(rows[3], QStringLiteral("co_load_total,,,31300,,,,fits,"));
    EXPECT_TRUE(rows[5].startsWith(QStringLiteral("pool_limit,,floor(0.80 x capacity) - 2048,58986")));
    EXPECT_EQ(rows[6], QStringLiteral("headroom,,,27686,,,,,"));
}
