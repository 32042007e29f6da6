// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Layout at 1024×700 after the window has been wide, and the space each view gives to what it shows.
#include "studiofixture.h"

#include "ui/models/budgetselectionmodel.h"
#include "ui/models/budgettablemodel.h"
#include "ui/panels/budgetpanel.h"
#include "ui/panels/envelopepanel.h"
#include "ui/panels/exportpanel.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QCheckBox>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextDocument>
#include <QTreeView>

using namespace memspec;
using StudioLayout = test::StudioFixture;

namespace {
// The widgets whose minimum width is above `limit`, deepest first: the one that holds the window wide.
QStringList widerThan(QWidget *top, int limit)
{
    QStringList out;
    for (QWidget *w : top->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(top)) {
            continue;
        }
        const int min = w->minimumSizeHint().expandedTo(w->minimumSize()).width();
        if (min > limit) {
            out << QStringLiteral("%1 (%2): %3")
                       .arg(w->objectName(), QLatin1String(w->metaObject()->className()))
                       .arg(min);
        }
    }
    return out;
}
} // namespace

TEST_F(StudioLayout, ShrinksTo1024AfterBeingWideWithTheAuditTabOpen)
{
    const QString phi = QStringLiteral("microsoft/phi-4");
    ASSERT_TRUE(state->signOff(phi, QStringLiteral("Ada")).ok());
    ASSERT_TRUE(
        state
            ->setOverride(phi, 20000,
                          QStringLiteral("measured on the staging pool, with a long reason that a reviewer typed"))
            .ok());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return !state->isEstimating(); }, 10000));
    window->resize(1600, 940);
    QTest::qWait(50);
    ASSERT_EQ(window->width(), 1600);
    ASSERT_TRUE(window->selectModel(phi));
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("breakdownTabs"));
    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    tabs->setCurrentWidget(audit->parentWidget());
    QTest::qWait(50);
    window->resize(1024, 700);
    QTest::qWait(50);
    EXPECT_EQ(window->width(), 1024) << qPrintable(widerThan(window.get(), 700).join(QLatin1Char('\n')));
    EXPECT_EQ(window->height(), 700);
    EXPECT_LE(window->minimumSizeHint().width(), 1024)
        << qPrintable(widerThan(window.get(), 700).join(QLatin1Char('\n')));
}

// The model list keeps its share of the width when the window grows again. It used to stay at the width it had
// when the splitter last stored its sizes (a drag of the handle, or the state restored from a session that ended
// at 1024 px): the list had no stretch, so every pixel of a wider window went to the view.
TEST_F(StudioLayout, ModelListKeepsItsShareWhenTheWindowGrowsAgain)
{
    auto *list = window->findChild<QWidget *>(QStringLiteral("modelListPanel"));
    ASSERT_NE(list, nullptr);
    auto *split = window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    // An override makes the breakdown's headline long: it must wrap, not push the list aside.
    const QString phi = QStringLiteral("microsoft/phi-4");
    ASSERT_TRUE(state->setOverride(phi, 20000, QStringLiteral("measured on the staging pool")).ok());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return !state->isEstimating(); }, 10000));
    ASSERT_TRUE(window->selectModel(phi));
    window->resize(1600, 940);
    QTest::qWait(50);
    ASSERT_EQ(window->width(), 1600);
    const double share = double(list->width()) / split->width();
    EXPECT_GE(share, 0.2);
    EXPECT_LE(share, 0.34);

    window->resize(1024, 700);
    QTest::qWait(50);
    ASSERT_EQ(window->width(), 1024);
    const int narrow = list->width();
    EXPECT_GE(narrow, list->fontMetrics().averageCharWidth() * 30) << "no room for the names at 1024 px";
    // What a drag of the handle and restoreState() do: the splitter takes the sizes it has now as its own.
    split->setSizes(split->sizes());
    const QByteArray at1024 = split->saveState();
    window->resize(1600, 940);
    QTest::qWait(50);
    ASSERT_EQ(window->width(), 1600);
    EXPECT_GE(double(list->width()) / split->width(), share - 0.02)
        << "the list stayed at " << list->width() << " px (" << narrow << " px at 1024)";

    // The next session starts wide with the state saved at 1024 px.
    split->restoreState(at1024);
    QTest::qWait(50);
    EXPECT_GE(double(list->width()) / split->width(), share - 0.02) << "restored at " << list->width() << " px";

    // At the window's smallest the list still has room for a name.
    window->resize(window->minimumSizeHint());
    QTest::qWait(50);
    EXPECT_GE(list->width(), list->fontMetrics().averageCharWidth() * 20);
}

namespace {
// Whole lines of `edit` in its viewport, from the top (the preview does not wrap).
int visibleLines(const QPlainTextEdit *edit)
{
    const int bottom = edit->viewport()->height() - 1;
    return edit->cursorForPosition(QPoint(4, bottom)).blockNumber() -
           edit->cursorForPosition(QPoint(4, 0)).blockNumber();
}
} // namespace

// The export preview gets the view's height at 1024×700 (the service check's lists left it about four lines).
TEST_F(StudioLayout, ExportPreviewShowsTwentyLinesAt1024x700)
{
    window->resize(1024, 700);
    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->renderPreview();
    ASSERT_TRUE(ready.wait(10000));
    QTest::qWait(50);
    ASSERT_EQ(window->size(), QSize(1024, 700));
    auto *preview = window->findChild<QPlainTextEdit *>(QStringLiteral("exportPreview"));
    ASSERT_TRUE(preview->isVisible());
    ASSERT_GT(preview->blockCount(), 40) << "the first file is too short to measure";
    EXPECT_GE(visibleLines(preview), 20) << "viewport " << preview->viewport()->height() << " px";

    // The Rust diff shows in the same place, as tall.
    const QString tree = test::copyServiceTree(dirPath() + QStringLiteral("/service"));
    panel->setSourceTree(tree);
    window->findChild<QCheckBox *>(QStringLiteral("exportAllowUnapproved"))->setChecked(true);
    QSignalSpy diff(panel, &ui::ExportPanel::diffReady);
    panel->previewRustDiff();
    ASSERT_TRUE(diff.wait(10000));
    QTest::qWait(20);
    ASSERT_TRUE(preview->isVisible());
    ASSERT_GT(preview->blockCount(), 40);
    EXPECT_GE(visibleLines(preview), 20);
}

namespace {
// The texts a chart draws (title, axis labels and titles, legend entries) as shown: QtCharts cuts a text that does
// not fit its room to "st...". Line breaks come back as '\n'.
QStringList shownChartTexts(QChart *chart)
{
    QStringList out;
    QList<QGraphicsItem *> items = chart->childItems();
    while (!items.isEmpty()) {
        QGraphicsItem *item = items.takeFirst();
        items << item->childItems();
        if (auto *text = qgraphicsitem_cast<QGraphicsTextItem *>(item); text && text->isVisible()) {
            QString t = text->toPlainText();
            t.replace(QChar::LineSeparator, QLatin1Char('\n')).replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
            if (!t.trimmed().isEmpty()) {
                out << t;
            }
        }
    }
    return out;
}

QString plain(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText()
        .replace(QChar::LineSeparator, QLatin1Char('\n'))
        .replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
}

// Every text of `chart` is shown whole: nothing cut, and each of `expected` is drawn as it is.
void expectWholeTexts(QChart *chart, const QStringList &expected, const std::string &where)
{
    const QStringList shown = shownChartTexts(chart);
    ASSERT_FALSE(shown.isEmpty()) << where;
    for (const QString &t : shown) {
        EXPECT_FALSE(t.endsWith(QStringLiteral("..."))) << where << ": cut to \"" << t.toStdString() << "\"";
    }
    for (const QString &e : expected) {
        EXPECT_TRUE(shown.contains(plain(e)))
            << where << ": \"" << plain(e).toStdString()
            << "\" is not shown whole; shown: " << shown.join(QStringLiteral(" | ")).toStdString();
    }
}
} // namespace

// At 1024×700 (and at QT_SCALE_FACTOR=2, the same logical size) the budget chart's title and bar labels are whole,
// with every model of the registry in the set, and the legend under it wraps without cutting a title.
// The same at 1600×940, where the labels lie flat and were cut to "bert-min...".
TEST_F(StudioLayout, BudgetChartTextIsWholeAt1024x700)
{
    ASSERT_TRUE(window->showView(QStringLiteral("budget")));
    auto *budget = window->findChild<ui::BudgetPanel *>(QStringLiteral("budgetView"));
    QStringList all;
    for (const ModelReview &r : state->reviews()) {
        all << r.entry.key;
    }
    const QStringList withoutLlms = all.mid(0, 5) + all.mid(8); // the studio's default set
    QList<std::pair<QSize, QStringList>> cases;
    for (const QSize size : {QSize(1024, 700), QSize(1600, 940)}) {
        for (const QStringList &set : {all, withoutLlms, all.mid(0, 4)}) {
            cases.append({size, set});
        }
    }
    for (const auto &[size, set] : cases) {
        window->resize(size);
        budget->setCheckedKeys(set);
        QTest::qWait(50); // the chart lays its axes out in posted events
        ASSERT_EQ(window->size(), size);
        const std::string where = std::to_string(size.width()) + " px, " + std::to_string(set.size()) + " models";
        auto *x = qobject_cast<QBarCategoryAxis *>(budget->chart()->axes(Qt::Horizontal).value(0));
        ASSERT_NE(x, nullptr);
        ASSERT_EQ(x->count(), set.size() + 1); // and the co-load bar
        QStringList expected = x->categories();
        expected << budget->chart()->title();
        expectWholeTexts(budget->chart(), expected, where);

        auto *legend = budget->findChild<QLabel *>(QStringLiteral("budgetLegend"));
        ASSERT_NE(legend, nullptr);
        EXPECT_TRUE(legend->isVisible());
        EXPECT_GE(legend->height(), legend->heightForWidth(legend->width())) << where << ": legend cut";
        const QString text = plain(legend->text());
        for (const QLegendMarker *m : budget->chart()->legend()->markers()) {
            EXPECT_TRUE(text.contains(m->label())) << where << ": " << m->label().toStdString();
        }
    }
}

// The envelope chart at 1024×700: the legend beside the plot shows each entry whole (the pool limit's was cut), and
// the MiB axis groups its digits.
TEST_F(StudioLayout, EnvelopeChartTextIsWholeAt1024x700)
{
    window->resize(1024, 700);
    ASSERT_TRUE(window->showView(QStringLiteral("envelope")));
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    ui::EnvelopePanel *panel = window->envelopePanel();
    ASSERT_TRUE(panel->selectGpu(QStringLiteral("H100 80GB")));
    ASSERT_TRUE(QTest::qWaitFor([panel] { return !panel->isComputing() && !panel->curve().isEmpty(); }, 20000));
    QTest::qWait(50);
    ASSERT_EQ(window->size(), QSize(1024, 700));
    QChart *chart = panel->chart();
    QStringList expected{chart->title()};
    for (const QLegendMarker *m : chart->legend()->markers()) {
        expected << m->label();
    }
    ASSERT_GE(expected.size(), 6);
    EXPECT_TRUE(expected.filter(QStringLiteral("pool limit: 63,199 MiB")).size() == 1)
        << expected.join(QStringLiteral(" | ")).toStdString();
    expectWholeTexts(chart, expected, "envelope");
    // The MiB axis: grouped digits ("100,000"), none longer than three digits without a separator.
    const QStringList shown = shownChartTexts(chart);
    EXPECT_TRUE(shown.contains(QStringLiteral("100,000"))) << shown.join(QStringLiteral(" | ")).toStdString();
    for (const QString &t : shown) {
        EXPECT_FALSE(t.contains(QRegularExpression(QStringLiteral("\\d{4}")))) << t.toStdString();
    }
}

// At 1024×700 (and at scale 2) the budget table shows every column without a horizontal scroll bar: the short
// headers are whole, with the full name in their tooltip, the model names and figures are whole, and the verdicts
// that the width elides are whole in their tooltips. With every model in the set and with the default set.
TEST_F(StudioLayout, BudgetTableNeedsNoHorizontalScrollingAt1024x700)
{
    ASSERT_TRUE(window->showView(QStringLiteral("budget")));
    auto *budget = window->findChild<ui::BudgetPanel *>(QStringLiteral("budgetView"));
    auto *table = budget->findChild<QTableView *>(QStringLiteral("budgetTable"));
    ASSERT_NE(table, nullptr);
    QAbstractItemModel *model = table->model();
    window->resize(1024, 700);
    for (const bool all : {true, false}) {
        budget->selectionModel()->setAllChecked(all);
        if (!all) {
            budget->setCheckedKeys({state->reviews().at(0).entry.key, state->reviews().at(2).entry.key});
        }
        QTest::qWait(50);
        ASSERT_EQ(window->size(), QSize(1024, 700));
        const std::string where = all ? "every model" : "two models";
        QHeaderView *header = table->horizontalHeader();
        int sum = 0;
        for (int c = 0; c < model->columnCount(); ++c) {
            sum += header->sectionSize(c);
            const QString text = model->headerData(c, Qt::Horizontal).toString();
            const QString tip = model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
            EXPECT_TRUE(tip.startsWith(text)) << where << ": column " << c << " tooltip " << tip.toStdString();
            // The header's text fits the section (its size hint is the text and the style's margins).
            EXPECT_GE(header->sectionSize(c), header->sectionSizeHint(c))
                << where << ": header " << text.toStdString() << " cut at " << header->sectionSize(c) << " px";
        }
        // The model names are whole: an item view's text margin is the focus frame's, on each side.
        const int margins = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->index(row, ui::BudgetTableModel::ModelColumn).data().toString();
            EXPECT_LE(table->fontMetrics().horizontalAdvance(name) + margins,
                      header->sectionSize(ui::BudgetTableModel::ModelColumn))
                << where << ": " << name.toStdString() << " cut";
        }
        EXPECT_GE(header->sectionSize(ui::BudgetTableModel::VerdictColumn),
                  table->fontMetrics().horizontalAdvance(QStringLiteral("Verdict…")))
            << where << ": the verdicts have no room";
        EXPECT_LE(sum, table->viewport()->width()) << where;
        EXPECT_FALSE(table->horizontalScrollBar()->isVisible()) << where;
        EXPECT_EQ(table->horizontalScrollBar()->maximum(), 0) << where;
        // The names and the verdicts elide where the width is short: their tooltips hold them whole.
        for (int row = 0; row < model->rowCount(); ++row) {
            for (const int c : {int(ui::BudgetTableModel::ModelColumn), int(ui::BudgetTableModel::VerdictColumn)}) {
                const QModelIndex cell = model->index(row, c);
                EXPECT_EQ(cell.data(Qt::ToolTipRole).toString(), cell.data().toString())
                    << where << ": row " << row << " column " << c;
            }
        }
    }
}

// At 1024×700 the breakdown's Derivation column holds a few words of each line; a click on a line shows it whole
// (its derivation and sources) in the Selected line tab, without scrolling; the Total row stays visible, and the
// shown line stays through a recompute.
TEST_F(StudioLayout, BreakdownDerivationIsReadableWholeAt1024x700)
{
    const QString phi = QStringLiteral("microsoft/phi-4");
    window->resize(1024, 700);
    ASSERT_TRUE(window->selectModel(phi));
    QTest::qWait(50);
    ASSERT_EQ(window->size(), QSize(1024, 700));
    QTableView *table = breakdownTable();
    auto *detail = window->findChild<QLabel *>(QStringLiteral("breakdownLineDetail"));
    ASSERT_NE(detail, nullptr);
    auto *page = window->findChild<QScrollArea *>(QStringLiteral("breakdownLinePage"));
    ASSERT_NE(page, nullptr);
    const Estimate estimate = state->review(phi)->estimate;
    ASSERT_FALSE(estimate.lines.isEmpty());
    bool someCut = false;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex derivation = table->model()->index(row, ui::BreakdownModel::DerivationColumn);
        table->setCurrentIndex(derivation);
        QTest::qWait(10);
        const QString text = derivation.data().toString();
        someCut = someCut || table->fontMetrics().horizontalAdvance(text) + 8 > table->visualRect(derivation).width();
        const QString shown = plain(detail->text()).simplified();
        EXPECT_TRUE(shown.contains(text.simplified())) << "row " << row << ": " << shown.toStdString();
        if (row < estimate.lines.size() && !estimate.lines.at(row).sources.isEmpty()) {
            EXPECT_TRUE(shown.contains(estimate.lines.at(row).sources.first().simplified())) << "row " << row;
        }
        EXPECT_TRUE(detail->isVisible()) << "row " << row << ": a click on a line shows its tab";
        // Whole in view, without scrolling.
        EXPECT_GE(page->viewport()->height(), detail->heightForWidth(page->viewport()->width())) << "row " << row;
        const QModelIndex total = table->model()->index(table->model()->rowCount() - 1, 0);
        EXPECT_TRUE(table->viewport()->rect().contains(table->visualRect(total)))
            << "row " << row << ": Total scrolled away";
    }
    EXPECT_TRUE(someCut) << "the column shows every derivation whole at 1024 px: the test checks nothing";

    // The line shown stays through a recompute (another context).
    table->setCurrentIndex(table->model()->index(2, ui::BreakdownModel::DerivationColumn));
    const QString title = table->model()->index(2, ui::BreakdownModel::LineColumn).data().toString();
    EstimateParams p = state->parameters(phi);
    p.context = 4096;
    ASSERT_TRUE(state->setParameters(phi, p).ok());
    ASSERT_TRUE(waitForRecompute());
    QTest::qWait(10);
    EXPECT_TRUE(plain(detail->text()).startsWith(title)) << plain(detail->text()).toStdString();
    EXPECT_TRUE(
        plain(detail->text())
            .simplified()
            .contains(table->model()->index(2, ui::BreakdownModel::DerivationColumn).data().toString().simplified()));
}
