// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The budget panel on the bundled workspace, offscreen. Set MEMSPEC_BUDGET_SCREENSHOT=file.png to save the
// rendered panel (that is how docs/screenshots/budget.png is made).
#include "tests/support/modeltester.h"

#include "app/budget/budgetcalculator.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/review/workspace.h"

#include "ui/models/budgetselectionmodel.h"
#include "ui/models/budgettablemodel.h"
#include "ui/models/itemroles.h"
#include "ui/panels/budgetchartbuilder.h"
#include "ui/panels/budgetpanel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::ui;

namespace {

const QString kPhi = QStringLiteral("microsoft/phi-4");
const QString kNv = QStringLiteral("nvidia/NV-Embed-v2");

class BudgetPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto ws = Workspace::openBundled();
        ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
        m_reviews = ws->reviews();
        panel.resize(1400, 900);
        panel.setReviews(m_reviews);
        selectionTester = test::testModel(panel.selectionModel());
        tableTester = test::testModel(panel.tableModel());
    }

    qint64 mibOf(const QString &key) const
    {
        for (const ModelReview &r : m_reviews) {
            if (r.entry.key == key) {
                return r.effectiveMib();
            }
        }
        return -1;
    }

    QStackedBarSeries *bars() const
    {
        for (QAbstractSeries *s : panel.chart()->series()) {
            if (auto *b = qobject_cast<QStackedBarSeries *>(s)) {
                return b;
            }
        }
        return nullptr;
    }

    QList<ModelReview> m_reviews;
    BudgetPanel panel;
    std::unique_ptr<QAbstractItemModelTester> selectionTester;
    std::unique_ptr<QAbstractItemModelTester> tableTester;
};

} // namespace

TEST_F(BudgetPanelTest, EveryControlHasAnObjectName)
{
    for (const char *name : {"budgetGpuCombo", "budgetCustomMib", "budgetGpuCount", "budgetReserveMib"}) {
        EXPECT_NE(panel.findChild<QWidget *>(QLatin1String(name)), nullptr) << name;
    }
    for (const char *name :
         {"budgetTargetInfo", "budgetModelList", "budgetSelectAll", "budgetSelectNone", "budgetChartView",
          "budgetVerdict", "budgetTable", "budgetExportPng", "budgetExportSvg", "budgetExportCsv"}) {
        EXPECT_NE(panel.findChild<QWidget *>(QLatin1String(name)), nullptr) << name;
    }
    EXPECT_EQ(panel.objectName(), QStringLiteral("budgetPanel"));
}

TEST_F(BudgetPanelTest, DefaultsToH100WithModelsThatFitAlone)
{
    EXPECT_EQ(panel.findChild<QComboBox *>(QStringLiteral("budgetGpuCombo"))->currentText(),
              QStringLiteral("H100 80GB"));
    EXPECT_EQ(panel.result().limitMib, 63199); // H100 80GB: 81,559 MiB as the driver reports
    for (const BudgetModelResult &m : panel.result().models) {
        EXPECT_LE(m.item.mib, 63199) << m.item.key.toStdString(); // Kimi K2 (hundreds of GiB) starts unticked
    }
}

TEST_F(BudgetPanelTest, ChartSeriesMatchTheResult)
{
    ASSERT_TRUE(panel.selectGpu(QStringLiteral("H100 80GB")));
    panel.setCheckedKeys({kPhi, kNv});
    const qint64 m1 = mibOf(kPhi);
    const qint64 m2 = mibOf(kNv);
    const BudgetResult &r = panel.result();
    // Same arithmetic as `memspec budget --gpu "H100 80GB" --models phi-4,NV-Embed-v2` (see core_budget_tests).
    EXPECT_EQ(r.coLoadMib, m1 + m2);
    EXPECT_EQ(r.headroomMib, 63199 - m1 - m2);
    EXPECT_EQ(r.model(kPhi)->maxWorkers, int(std::min<qint64>(4, (63199 - m2) / m1)));

    QStackedBarSeries *series = bars();
    ASSERT_NE(series, nullptr);
    ASSERT_EQ(series->count(), BudgetChartData::kSegmentCount);
    const BudgetChartData &d = panel.chartData();
    ASSERT_EQ(d.categories.size(), 3); // two models and the co-load bar
    // Bars follow the registry's order, whatever order the keys were ticked in.
    const qint64 want[] = {mibOf(d.keys[0]), mibOf(d.keys[1]), m1 + m2};
    for (int c = 0; c < 3; ++c) {
        double sum = 0;
        for (int s = 0; s < series->count(); ++s) {
            ASSERT_EQ(series->barSets().at(s)->count(), 3);
            EXPECT_DOUBLE_EQ(series->barSets().at(s)->at(c), d.values[s][c]);
            sum += series->barSets().at(s)->at(c);
        }
        EXPECT_NEAR(sum, double(want[c]), 1e-6) << c; // every bar stacks to the pool's figure
    }
    EXPECT_EQ(series->barSets().at(0)->label(), QStringLiteral("Weights"));
    EXPECT_EQ(series->barSets().at(0)->color(), BudgetChartBuilder::segmentColor(0));
    QList<double> lines;
    for (QAbstractSeries *s : panel.chart()->series()) {
        if (auto *l = qobject_cast<QLineSeries *>(s)) {
            lines << l->at(0).y();
            EXPECT_DOUBLE_EQ(l->at(0).y(), l->at(1).y());
        }
    }
    EXPECT_EQ(lines, (QList<double>{81559.0, 63199.0}));
    EXPECT_TRUE(BudgetChartBuilder::barTooltip(d, 0, 2).contains(QStringLiteral("co-load total")));
    // The table shows the same numbers.
    for (int row = 0; row < 2; ++row) {
        const QModelIndex i = panel.tableModel()->index(row, BudgetTableModel::MaxWorkersColumn);
        EXPECT_EQ(i.data().toInt(), r.model(d.keys[row])->maxWorkers);
    }
}

TEST_F(BudgetPanelTest, AxisAndLegendLabelsFitTheirSpace)
{
    // Every model ticked: nine bars share the chart's width. Long model names were cut to "BERT Min..." and
    // "Capacity: 76,..." before the axis took the registry's short names and the legend short titles.
    ASSERT_TRUE(panel.selectGpu(QStringLiteral("H100 80GB")));
    QStringList all;
    for (const ModelReview &r : m_reviews) {
        all << r.entry.key;
    }
    panel.setCheckedKeys(all);
    panel.resize(1600, 940); // the studio's screenshot size
    panel.show();
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents(); // the chart lays its axes out in posted events
    }
    const BudgetChartData &d = panel.chartData();
    ASSERT_EQ(d.shortLabels.size(), d.categories.size());
    auto *axis = qobject_cast<QBarCategoryAxis *>(panel.chart()->axes(Qt::Horizontal).value(0));
    ASSERT_NE(axis, nullptr);
    const QFontMetricsF fm(axis->labelsFont());
    const double barWidth = panel.chart()->plotArea().width() / double(d.categories.size());
    ASSERT_GT(barWidth, 20.0);
    for (int c = 0; c < d.categories.size(); ++c) {
        const QString label = axis->categories().value(c);
        EXPECT_TRUE(label.startsWith(d.shortLabels[c].toHtmlEscaped())) << label.toStdString();
        for (const QString &line : label.split(QStringLiteral("<br>"))) {
            EXPECT_LE(fm.horizontalAdvance(line), barWidth) << line.toStdString() << " in " << barWidth << " px";
        }
    }
    EXPECT_EQ(d.shortLabels.first(), QStringLiteral("stella"));
    EXPECT_EQ(d.shortLabels.last(), BudgetChartData::coLoadShortLabel());
    // The full name is in the tooltip.
    EXPECT_TRUE(BudgetChartBuilder::barTooltip(d, 0, 0).contains(d.categories.first().toHtmlEscaped()));
    QStringList lineNames;
    for (QAbstractSeries *s : panel.chart()->series()) {
        if (qobject_cast<QLineSeries *>(s)) {
            lineNames << s->name();
        }
    }
    EXPECT_EQ(lineNames, (QStringList{QStringLiteral("Capacity"), QStringLiteral("Pool limit")}));
    EXPECT_TRUE(panel.chart()->title().contains(QStringLiteral("pool limit 63,199 MiB")))
        << panel.chart()->title().toStdString();
}

TEST_F(BudgetPanelTest, RecomputesLiveOnEveryControl)
{
    panel.setCheckedKeys({kPhi, kNv});
    auto *reserve = panel.findChild<QSpinBox *>(QStringLiteral("budgetReserveMib"));
    reserve->setValue(4096);
    EXPECT_EQ(panel.result().limitMib, 65247 - 4096);
    auto *count = panel.findChild<QSpinBox *>(QStringLiteral("budgetGpuCount"));
    count->setValue(2);
    EXPECT_EQ(panel.result().capacityMib, 2 * 81559);
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("budgetGpuCombo"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("custom")));
    auto *custom = panel.findChild<QSpinBox *>(QStringLiteral("budgetCustomMib"));
    EXPECT_FALSE(custom->isReadOnly());
    custom->setValue(30000);
    EXPECT_EQ(panel.result().capacityMib, 60000);
    EXPECT_EQ(panel.result().limitMib, 48000 - 4096);
    // Unticking a model in the list view's model drops its bar.
    BudgetSelectionModel *sel = panel.selectionModel();
    for (int row = 0; row < sel->rowCount(); ++row) {
        if (sel->items().at(row).key == kNv) {
            sel->setData(sel->index(row), Qt::Unchecked, Qt::CheckStateRole);
        }
    }
    EXPECT_EQ(panel.chartData().categories.size(), 2);
    // Phi-4 alone fits the 60,000 MiB custom target iff its figure is within the rule's 48,000 − 4,096 MiB.
    EXPECT_EQ(panel.findChild<QLabel *>(QStringLiteral("budgetVerdict"))->text().contains(QStringLiteral("Fits")),
              mibOf(kPhi) <= 48000 - 4096);
    EXPECT_FALSE(panel.selectGpu(QStringLiteral("H100 90GB")));
}

TEST_F(BudgetPanelTest, ExportsPngSvgAndCsv)
{
    panel.setCheckedKeys({kPhi, kNv});
    panel.show();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("b.png"));
    const QString svg = dir.filePath(QStringLiteral("b.svg"));
    const QString csv = dir.filePath(QStringLiteral("b.csv"));
    ASSERT_TRUE(panel.exportPng(png).ok());
    ASSERT_TRUE(panel.exportSvg(svg).ok());
    ASSERT_TRUE(panel.exportCsv(csv).ok());
    const QImage image(png);
    EXPECT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 640);
    QFile s(svg);
    ASSERT_TRUE(s.open(QIODevice::ReadOnly));
    const QByteArray svgBytes = s.readAll();
    EXPECT_TRUE(svgBytes.contains("<svg"));
    EXPECT_TRUE(svgBytes.contains("Weights")); // legend text is vector text
    QFile c(csv);
    ASSERT_TRUE(c.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(c.readAll()), panel.result().toCsv());
    EXPECT_FALSE(panel.exportCsv(dir.filePath(QStringLiteral("missing/dir/b.csv"))).ok());
}

// The exported PNG keeps the chart's words: the title, both axes' labels, the MiB axis title and the legend. The
// export is compared with one of the same chart whose text is made transparent (the layout stays the same), and
// each place text goes must differ.
TEST_F(BudgetPanelTest, ExportedPngKeepsTitleAxisLabelsAndLegend)
{
    panel.setCheckedKeys({kPhi, kNv});
    panel.show();
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
    }
    QChart *chart = panel.chart();
    auto *x = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Horizontal).value(0));
    auto *y = qobject_cast<QValueAxis *>(chart->axes(Qt::Vertical).value(0));
    ASSERT_NE(x, nullptr);
    ASSERT_NE(y, nullptr);
    // The labels are set, and shown.
    EXPECT_FALSE(chart->title().isEmpty());
    EXPECT_EQ(x->categories().size(), 3); // two models and the co-load bar
    EXPECT_TRUE(x->categories().join(QLatin1Char(' ')).contains(QStringLiteral("phi"), Qt::CaseInsensitive))
        << x->categories().join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(y->titleText(), QStringLiteral("MiB"));
    auto *legendLabel = panel.findChild<QLabel *>(QStringLiteral("budgetLegend"));
    ASSERT_NE(legendLabel, nullptr);
    EXPECT_TRUE(x->labelsVisible() && y->labelsVisible() && y->isTitleVisible() && legendLabel->isVisible());
    for (const QLegendMarker *marker : chart->legend()->markers()) {
        EXPECT_TRUE(legendLabel->text().contains(
            marker->label().toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))))
            << marker->label().toStdString();
    }
    EXPECT_GE(chart->legend()->markers().size(), 5);
    auto *view = panel.findChild<QChartView *>(QStringLiteral("budgetChartView"));
    ASSERT_GE(view->viewport()->width(),
              640); // exported at its own size: chart and legend label coordinates are the image's
    ASSERT_GE(view->viewport()->height(), 400);

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(panel.exportPng(dir.filePath(QStringLiteral("with.png"))).ok());
    const QRectF plot = chart->plotArea();
    const QRectF legend(0, view->viewport()->height(), view->viewport()->width(),
                        legendLabel->height()); // under the chart
    x->setLabelsColor(Qt::transparent);
    y->setLabelsColor(Qt::transparent);
    y->setTitleBrush(Qt::transparent);
    QPalette clear = legendLabel->palette();
    clear.setColor(QPalette::WindowText, Qt::transparent);
    legendLabel->setPalette(clear);
    chart->setTitleBrush(Qt::transparent);
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
    }
    ASSERT_EQ(chart->plotArea(), plot); // same layout: only the text is gone
    ASSERT_TRUE(panel.exportPng(dir.filePath(QStringLiteral("without.png"))).ok());
    const QImage with(dir.filePath(QStringLiteral("with.png")));
    const QImage without(dir.filePath(QStringLiteral("without.png")));
    ASSERT_FALSE(with.isNull());
    ASSERT_EQ(with.size(), without.size());
    const double scale =
        double(with.width()) /
        std::max(640, panel.findChild<QChartView *>(QStringLiteral("budgetChartView"))->viewport()->width());
    auto differing = [&](const QRectF &logical) {
        const QRect r =
            QRectF(logical.topLeft() * scale, logical.size() * scale).toAlignedRect().intersected(with.rect());
        int n = 0;
        for (int py = r.top(); py <= r.bottom(); ++py) {
            for (int px = r.left(); px <= r.right(); ++px) {
                n += with.pixel(px, py) != without.pixel(px, py) ? 1 : 0;
            }
        }
        return n;
    };
    const int minText = int(40 * scale * scale); // a few glyphs' worth of pixels
    EXPECT_GT(differing(QRectF(0, 0, with.width() / scale, plot.top())), minText) << "title or legend missing";
    EXPECT_GT(differing(legend), minText) << "legend labels missing";
    EXPECT_GT(differing(QRectF(plot.left(), plot.bottom() + 1, plot.width(), 40)), minText) << "bar labels missing";
    EXPECT_GT(differing(QRectF(0, plot.top(), plot.left() - 1, plot.height())), minText) << "MiB axis labels missing";
    EXPECT_EQ(differing(plot.adjusted(2, 2, -2, -2)), 0) << "the bars changed, not only the text";
}

TEST_F(BudgetPanelTest, FollowsADarkPalette)
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    panel.setPalette(dark);
    EXPECT_EQ(panel.chart()->theme(), QChart::ChartThemeDark);
    EXPECT_EQ(panel.chart()->legend()->labelColor(), QColor(0xe8, 0xe8, 0xe8));
    EXPECT_EQ(bars()->barSets().at(1)->color(), BudgetChartBuilder::segmentColor(1)); // same colours as light
}

TEST_F(BudgetPanelTest, Screenshot)
{
    const QString path = qEnvironmentVariable("MEMSPEC_BUDGET_SCREENSHOT");
    if (path.isEmpty()) {
        GTEST_SKIP() << "set MEMSPEC_BUDGET_SCREENSHOT=file.png to save the rendered panel";
    }
    ASSERT_TRUE(panel.selectGpu(QStringLiteral("H100 80GB")));
    panel.setCheckedKeys({QStringLiteral("dunzhang/stella_en_1.5B_v5"),
                          QStringLiteral("Alibaba-NLP/gte-Qwen2-1.5B-instruct"),
                          QStringLiteral("jinaai/jina-embeddings-v2-base-en"), kNv, kPhi,
                          QStringLiteral("openai/clip-vit-base-patch32"), QStringLiteral("llava-hf/llava-1.5-7b-hf")});
    panel.show();
    ASSERT_TRUE(panel.grab().save(path));
    // MEMSPEC_BUDGET_SCREENSHOT_DARK=file.png: the same view in a dark palette, to check it stays readable.
    const QString dark = qEnvironmentVariable("MEMSPEC_BUDGET_SCREENSHOT_DARK");
    if (!dark.isEmpty()) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::Button, QColor(0x3a, 0x3c, 0x40));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
            p.setColor(role, QColor(0xe6, 0xe6, 0xe6));
        }
        panel.setPalette(p);
        QCoreApplication::processEvents(); // the chart lays its legend out in a posted event
        ASSERT_TRUE(panel.grab().save(dark));
    }
}

// The prompt limit each figure holds for is in the table, the CSV and the bar's tooltip, as in `budget --json`.
TEST_F(BudgetPanelTest, TableCsvAndTooltipStateEachModelsPromptLimit)
{
    const QString clip = QStringLiteral("openai/clip-vit-base-patch32");
    panel.setCheckedKeys({kPhi, kNv, clip});
    const BudgetResult &r = panel.result();
    ASSERT_EQ(r.models.size(), 3);
    const QJsonArray json = r.toJson().value(QStringLiteral("models")).toArray();
    const QStringList csv = r.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_TRUE(csv.first().endsWith(QStringLiteral(",prompt_limit")));
    const BudgetChartData &chart = panel.chartData();
    for (int row = 0; row < r.models.size(); ++row) {
        const BudgetModelResult &m = r.models.at(row);
        const ModelReview *review = nullptr;
        for (const ModelReview &x : m_reviews) {
            review = x.entry.key == m.item.key ? &x : review;
        }
        ASSERT_NE(review, nullptr);
        const qint64 expected = Envelope::of(review->entry, review->estimate).promptLimit;
        ASSERT_GT(expected, 0) << m.item.key.toStdString();
        EXPECT_EQ(json.at(row).toObject().value(QStringLiteral("prompt_limit")).toInteger(), expected);
        EXPECT_TRUE(csv.at(1 + row).endsWith(QLatin1Char(',') + QString::number(expected)))
            << csv.at(1 + row).toStdString();
        const QModelIndex cell = panel.tableModel()->index(row, BudgetTableModel::PromptLimitColumn);
        EXPECT_EQ(cell.data(SortRole).toLongLong(), expected);
        EXPECT_TRUE(cell.data(Qt::DisplayRole).toString().startsWith(groupDigits(expected)));
        EXPECT_EQ(cell.data(Qt::DisplayRole).toString().endsWith(QStringLiteral("(fixed)")), m.item.key == clip);
        EXPECT_FALSE(cell.data(Qt::ToolTipRole).toString().isEmpty());
        const int category = int(chart.keys.indexOf(m.item.key));
        ASSERT_GE(category, 0);
        EXPECT_TRUE(BudgetChartBuilder::barTooltip(chart, 0, category)
                        .contains(groupDigits(expected) + QStringLiteral(" tokens")))
            << BudgetChartBuilder::barTooltip(chart, 0, category).toStdString();
    }
    EXPECT_EQ(
        panel.tableModel()->headerData(BudgetTableModel::PromptLimitColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Prompt"));
    EXPECT_TRUE(panel.tableModel()
                    ->headerData(BudgetTableModel::PromptLimitColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Prompt limit")));
    // The co-load row and bar state no limit of their own.
    EXPECT_FALSE(BudgetChartBuilder::barTooltip(chart, 0, int(chart.categories.size()) - 1)
                     .contains(QStringLiteral("prompt limit")));
}
