// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/modeltester.h"

#include "app/budget/budgetcalculator.h"
#include "app/common/units.h"

#include "ui/models/budgetselectionmodel.h"
#include "ui/models/budgettablemodel.h"
#include "ui/models/itemroles.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::ui;

namespace {

ModelReview review(const char *key, qint64 mib)
{
    ModelReview r;
    r.entry.key = QString::fromLatin1(key);
    r.entry.name = r.entry.key.toUpper();
    r.estimate.estMib = mib;
    for (const QString &id : lineIds()) {
        r.estimate.lines.append(EstimateLine{id, mib * MiB / 5, {}, {}});
    }
    return r;
}

} // namespace

TEST(BudgetSelectionModel, TicksFollowDefaultAndSurviveReload)
{
    BudgetSelectionModel model;
    auto tester = test::testModel(&model);
    QSignalSpy changed(&model, &BudgetSelectionModel::checkedChanged);
    model.setReviews({review("a", 1000), review("b", 90000), review("c", 500)},
                     [](const BudgetItem &i) { return i.mib <= 50000; });
    EXPECT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.checkedKeys(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    EXPECT_EQ(model.data(model.index(1), Qt::CheckStateRole).toInt(), Qt::Unchecked);
    EXPECT_EQ(model.data(model.index(0), KeyRole).toString(), QStringLiteral("a"));
    EXPECT_EQ(model.data(model.index(0), Qt::DisplayRole).toString(), QStringLiteral("A — 1,000 MiB"));

    // The user unticks "a"; a reload keeps that, and a new model "d" gets the default.
    ASSERT_TRUE(model.setData(model.index(0), Qt::Unchecked, Qt::CheckStateRole));
    model.setReviews({review("a", 1000), review("b", 90000), review("c", 500), review("d", 10)},
                     [](const BudgetItem &) { return true; });
    EXPECT_EQ(model.checkedKeys(), (QStringList{QStringLiteral("c"), QStringLiteral("d")}));
    EXPECT_GE(changed.count(), 3);
    model.setAllChecked(true);
    EXPECT_EQ(model.checkedItems().size(), 4);
    model.setAllChecked(false);
    EXPECT_TRUE(model.checkedItems().isEmpty());
}

TEST(BudgetTableModel, RowsPerModelPlusTotal)
{
    BudgetTableModel model;
    auto tester = test::testModel(&model);
    EXPECT_EQ(model.rowCount(), 0);
    // H100: limit 58,986. 14,800 + 16,500 = 31,300; max workers 2 and 2 (see core tests for the arithmetic).
    const BudgetTarget h100 =
        BudgetTarget::gpu(GpuModel{QStringLiteral("NVIDIA"), QStringLiteral("H100"), QStringLiteral("gpu"), 80});
    const BudgetResult r = BudgetCalculator::compute(
        h100, {BudgetItem::fromReview(review("a", 14800)), BudgetItem::fromReview(review("b", 16500))});
    model.setResult(r);
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(0, BudgetTableModel::MibColumn), Qt::DisplayRole).toString(),
              QStringLiteral("14,800"));
    EXPECT_EQ(model.data(model.index(0, BudgetTableModel::MibColumn), SortRole).toLongLong(), 14800);
    EXPECT_EQ(model.data(model.index(1, BudgetTableModel::MaxWorkersColumn), Qt::DisplayRole).toInt(), 2);
    EXPECT_EQ(model.data(model.index(1, BudgetTableModel::AloneColumn), Qt::DisplayRole).toInt(), 3);
    EXPECT_EQ(model.data(model.index(1, BudgetTableModel::ColdStartColumn), Qt::DisplayRole).toInt(), 1);
    EXPECT_TRUE(model.isTotalRow(2));
    EXPECT_EQ(model.data(model.index(2, BudgetTableModel::MibColumn), Qt::DisplayRole).toString(),
              QStringLiteral("31,300"));
    EXPECT_TRUE(model.data(model.index(2, BudgetTableModel::VerdictColumn), Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("headroom 27,686 MiB")));
    // A result that does not fit says by how much and what to drop.
    model.setResult(BudgetCalculator::compute(h100, {BudgetItem::fromReview(review("big", 70000))}));
    EXPECT_TRUE(model.data(model.index(1, BudgetTableModel::VerdictColumn), Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("over by 11,014 MiB"))); // 70,000 − 58,986
}
