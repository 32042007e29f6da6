// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The budget panel shows the verdict `memspec budget --json` gives on the same inputs (never a green "Fits." while
// the cold start leaves a model without a worker), explains its Alone and Cold start columns, and takes a typed
// per-device size as a custom target.
#include "tests/support/clirun.h"

#include "app/budget/budgetcalculator.h"
#include "app/common/units.h"
#include "app/review/workspace.h"

#include "ui/models/budgettablemodel.h"
#include "ui/panels/budgetpanel.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::ui;

namespace {

const QString kPhi = QStringLiteral("microsoft/phi-4");
const QString kNv = QStringLiteral("nvidia/NV-Embed-v2");

QJsonObject cliBudget(const QStringList &args)
{
    QTemporaryDir dir;
    const memspec::test::CliRun r =
        memspec::test::runCli(QStringList{QStringLiteral("budget")} + args + QStringList{QStringLiteral("--json")},
                              {.global = {QStringLiteral("--project"), dir.filePath(QStringLiteral("project.json"))}});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

class BudgetVerdictPanel : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto ws = Workspace::openBundled();
        ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
        panel.setReviews(ws->reviews());
        panel.setCheckedKeys({kPhi, kNv});
        ASSERT_EQ(panel.result().models.size(), 2);
    }

    QString verdictLabel() const { return panel.findChild<QLabel *>(QStringLiteral("budgetVerdict"))->text(); }
    // What a user types: the pool reserve, and a custom capacity (the combo's "Custom capacity", then the MiB).
    void setReserve(int mib) { panel.findChild<QSpinBox *>(QStringLiteral("budgetReserveMib"))->setValue(mib); }
    void setCustomCapacity(qint64 mib)
    {
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("budgetGpuCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("custom")));
        panel.findChild<QSpinBox *>(QStringLiteral("budgetCustomMib"))->setValue(int(mib));
    }

    BudgetPanel panel;
};

} // namespace

TEST_F(BudgetVerdictPanel, AgreesWithTheCliJsonOnTheSameInputs)
{
    // The panel keeps the registry's order; the CLI is given the same order.
    const BudgetModelResult first = panel.result().models.at(0); // copies: every change replaces the result
    const BudgetModelResult second = panel.result().models.at(1);
    const qint64 a = first.item.mib;
    const qint64 b = second.item.mib;
    ASSERT_GT(a, 0);
    ASSERT_GT(b, 0);
    // Reserve 0. A limit of max(a + b, 2a) fits one worker each while the first model's two workers starve the
    // second; twice both fits everything; just under a + b does not fit.
    const qint64 starving = (std::max(a + b, 2 * a) * 5 + 3) / 4;
    const struct
    {
        qint64 capacity;
        BudgetVerdict want;
    } cases[] = {{starving, BudgetVerdict::ColdStartFails},
                 {(2 * a + 2 * b) * 5 / 4 + 5, BudgetVerdict::Fits},
                 {(a + b) * 5 / 4 - 5, BudgetVerdict::DoesNotFit}};
    setReserve(0);
    for (const auto &c : cases) {
        setCustomCapacity(c.capacity);
        const BudgetResult &r = panel.result();
        ASSERT_EQ(r.capacityMib, c.capacity);
        EXPECT_EQ(r.verdict(), c.want) << c.capacity;
        const QJsonObject cli = cliBudget(
            {QStringLiteral("--capacity-mib"), QString::number(c.capacity), QStringLiteral("--reserve-mib"),
             QStringLiteral("0"), QStringLiteral("--models"), first.item.key + QLatin1Char(',') + second.item.key});
        EXPECT_EQ(cli.value(QStringLiteral("verdict")).toString(), BudgetResult::verdictId(r.verdict()));
        EXPECT_EQ(cli.value(QStringLiteral("verdict_text")).toString(), r.verdictText());
        EXPECT_EQ(cli.value(QStringLiteral("fits")).toBool(), r.fits);
        const QString label = verdictLabel();
        EXPECT_TRUE(label.contains(r.verdictTitle())) << label.toStdString();
        EXPECT_TRUE(label.contains(BudgetTableModel::verdictColor(c.want).name())) << label.toStdString();
        EXPECT_EQ(label.contains(QStringLiteral("Fits.")), c.want == BudgetVerdict::Fits) << label.toStdString();
        // The total row of the table says the same.
        BudgetTableModel *table = panel.tableModel();
        const QModelIndex total = table->index(table->rowCount() - 1, BudgetTableModel::VerdictColumn);
        EXPECT_EQ(total.data().toString(), r.verdictText());
        EXPECT_EQ(total.data(Qt::ForegroundRole).value<QColor>(), BudgetTableModel::verdictColor(c.want));
    }
}

TEST_F(BudgetVerdictPanel, AloneAndColdStartColumnsExplainThemselves)
{
    BudgetTableModel *table = panel.tableModel();
    for (int column : {int(BudgetTableModel::AloneColumn), int(BudgetTableModel::ColdStartColumn)}) {
        const QString header = table->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        EXPECT_FALSE(header.isEmpty()) << column;
    }
    EXPECT_TRUE(table->headerData(BudgetTableModel::AloneColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("at most 4")));
    setReserve(0);
    const qint64 a = panel.result().models.at(0).item.mib;
    const qint64 b = panel.result().models.at(1).item.mib;
    setCustomCapacity((std::max(a + b, 2 * a) * 5 + 3) / 4);
    const BudgetResult &r = panel.result();
    ASSERT_EQ(r.models.at(1).coldStartWorkers, 0);
    // The second model's cold start cell names what the first one took (two workers) and why it gets none.
    const QString tip = table->index(1, BudgetTableModel::ColdStartColumn).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(groupDigits(2 * a) + QStringLiteral(" MiB allocated"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("memory exhausted"))) << tip.toStdString();
    const QString alone = table->index(0, BudgetTableModel::AloneColumn).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(alone.contains(groupDigits(r.limitMib))) << alone.toStdString();
    EXPECT_TRUE(alone.contains(QStringLiteral("= %1").arg(r.models.at(0).aloneMaxWorkers))) << alone.toStdString();
}

TEST_F(BudgetVerdictPanel, TypingAPerDeviceSizeMakesTheTargetCustom)
{
    ASSERT_TRUE(panel.selectGpu(QStringLiteral("H100 80GB")));
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("budgetGpuCombo"));
    auto *perDevice = panel.findChild<QSpinBox *>(QStringLiteral("budgetCustomMib"));
    ASSERT_EQ(perDevice->value(), 81559); // what the driver reports (resources/gpus.json "reported")
    EXPECT_FALSE(perDevice->isReadOnly());
    panel.show();
    perDevice->setFocus();
    perDevice->selectAll();
    QTest::keyClicks(perDevice, QStringLiteral("40000"));
    EXPECT_EQ(combo->currentData().toString(), QStringLiteral("custom"));
    EXPECT_EQ(perDevice->value(), 40000);
    EXPECT_EQ(panel.result().capacityMib, 40000);
    EXPECT_EQ(panel.result().target.kind, BudgetTarget::Kind::Custom);
    // Picking a listed GPU again shows its size and uses it.
    ASSERT_TRUE(panel.selectGpu(QStringLiteral("H100 80GB")));
    EXPECT_EQ(perDevice->value(), 81559);
    EXPECT_EQ(panel.result().capacityMib, 81559);
}

// A set that does not fit leaves no model room beside one worker of every other: the Max workers column says so
// ("—" and why) instead of a column of 0, and each row's verdict starts with what the model gets alone. The CLI's text
// table shows "-", its JSON keeps 0 beside the same verdict text.
TEST_F(BudgetVerdictPanel, ASetThatDoesNotFitShowsWhatEachModelGetsAlone)
{
    setReserve(0);
    const BudgetModelResult first = panel.result().models.at(0);
    const BudgetModelResult second = panel.result().models.at(1);
    const qint64 capacity = (first.item.mib + second.item.mib) * 5 / 4 - 5;
    setCustomCapacity(capacity);
    const BudgetResult r = panel.result();
    ASSERT_EQ(r.verdict(), BudgetVerdict::DoesNotFit);
    const QStringList args{QStringLiteral("--capacity-mib"), QString::number(capacity),
                           QStringLiteral("--reserve-mib"),  QStringLiteral("0"),
                           QStringLiteral("--models"),       first.item.key + QLatin1Char(',') + second.item.key};
    const QJsonArray cliModels = cliBudget(args).value(QStringLiteral("models")).toArray();
    ASSERT_EQ(cliModels.size(), 2);
    QTemporaryDir dir;
    const memspec::test::CliRun text =
        memspec::test::runCli(QStringList{QStringLiteral("budget")} + args,
                              {.global = {QStringLiteral("--project"), dir.filePath(QStringLiteral("p.json"))}});
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    const QStringList lines = QString::fromUtf8(text.out).split(QLatin1Char('\n'));

    BudgetTableModel *table = panel.tableModel();
    for (int row = 0; row < 2; ++row) {
        const BudgetModelResult &m = r.models.at(row);
        ASSERT_GE(m.aloneMaxWorkers, 1) << "each model fits alone at this capacity";
        const QModelIndex max = table->index(row, BudgetTableModel::MaxWorkersColumn);
        EXPECT_EQ(max.data().toString(), QStringLiteral("—"));
        const QString tip = max.data(Qt::ToolTipRole).toString();
        EXPECT_TRUE(tip.contains(QStringLiteral("does not fit"))) << tip.toStdString();
        EXPECT_TRUE(tip.contains(groupDigits(r.coLoadMib)) && tip.contains(groupDigits(r.limitMib)))
            << tip.toStdString();
        EXPECT_TRUE(tip.contains(QStringLiteral("%1 worker").arg(m.aloneMaxWorkers))) << tip.toStdString();
        const QString verdict = table->index(row, BudgetTableModel::VerdictColumn).data().toString();
        EXPECT_EQ(verdict, QStringLiteral("alone: up to %1 worker%2; the set does not fit")
                               .arg(m.aloneMaxWorkers)
                               .arg(m.aloneMaxWorkers == 1 ? QString() : QStringLiteral("s")));
        // The whole verdict is the cell's tooltip too: the column is narrow at 1024 px.
        EXPECT_EQ(table->index(row, BudgetTableModel::VerdictColumn).data(Qt::ToolTipRole).toString(), verdict);
        // The CLI: the same verdict in its JSON (max_workers 0 there) and "-" in its table.
        const QJsonObject cli = cliModels.at(row).toObject();
        EXPECT_EQ(cli.value(QStringLiteral("verdict")).toString(), verdict);
        EXPECT_EQ(cli.value(QStringLiteral("max_workers")).toInteger(), 0);
        EXPECT_EQ(cli.value(QStringLiteral("alone_max_workers")).toInteger(), m.aloneMaxWorkers);
        const QString line = lines.filter(m.item.key).value(0);
        EXPECT_TRUE(line.contains(QStringLiteral(" - ")) && line.endsWith(verdict)) << line.toStdString();
    }
    // A set that fits shows its numbers again.
    setCustomCapacity((first.item.mib + second.item.mib) * 5 / 4 + 5);
    ASSERT_TRUE(panel.result().fits);
    EXPECT_EQ(table->index(0, BudgetTableModel::MaxWorkersColumn).data().toInt(),
              panel.result().models.at(0).maxWorkers);
    EXPECT_GE(panel.result().models.at(0).maxWorkers, 1);
}
