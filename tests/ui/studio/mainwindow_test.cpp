// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiofixture.h"

#include "ui/models/modellistmodel.h"
#include "ui/panels/parameterpanel.h"
#include "ui/studiooptions.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTreeView>

using namespace memspec;
using test::StudioFixture;

using StudioWindow = StudioFixture;

TEST_F(StudioWindow, ListsTwelveModelsGroupedByCapability)
{
    auto *list = window->findChild<QTreeView *>(QStringLiteral("modelList"));
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(window->modelList()->modelCount(), 12);
    EXPECT_EQ(list->model()->rowCount(), 5); // text embedding, text to text, image embedding, vision, text to image
    const QModelIndex embeddings = list->model()->index(0, 0);
    EXPECT_EQ(list->model()->rowCount(embeddings), 5);
    EXPECT_TRUE(list->isExpanded(embeddings));
    // every model row carries its value and status
    const QModelIndex minilm = window->modelList()->indexOf(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"),
                                                            ui::ModelListModel::EstimateColumn);
    EXPECT_TRUE(minilm.data().toString().endsWith(QLatin1String("MiB")));
    EXPECT_EQ(minilm.siblingAtColumn(ui::ModelListModel::StatusColumn).data(ui::StatusRole).toString(),
              QStringLiteral("estimated"));
}

TEST_F(StudioWindow, SelectingAModelShowsItsBreakdown)
{
    auto *table = breakdownTable();
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->model()->rowCount(), 0);
    ASSERT_TRUE(window->selectModel(QStringLiteral("jina"))); // short name works like --select
    EXPECT_EQ(table->model()->rowCount(), 6);                 // five lines + total
    auto *title = window->findChild<QLabel *>(QStringLiteral("breakdownTitle"));
    EXPECT_EQ(title->text(), QStringLiteral("Jina Embeddings v2 Base EN"));
    const auto review = state->review(QStringLiteral("jinaai/jina-embeddings-v2-base-en"));
    ASSERT_TRUE(review.has_value());
    EXPECT_EQ(shownTotalBytes(), review->estimate.totalBytes);
    auto *value = window->findChild<QLabel *>(QStringLiteral("estimateValue"));
    EXPECT_TRUE(value->text().contains(QStringLiteral("= %L1").arg(review->estimate.estMib)))
        << qPrintable(value->text());
    EXPECT_FALSE(window->selectModel(QStringLiteral("no/such-model")));
}

TEST_F(StudioWindow, ChangingContextRecomputesTheTotalOffTheUiThread)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    const qint64 before = shownTotalBytes();
    auto *context = window->findChild<QSpinBox *>(QStringLiteral("paramContext"));
    ASSERT_NE(context, nullptr);
    ASSERT_EQ(context->value(), 32768);
    QSignalSpy busy(state.get(), &ui::StudioState::estimatingChanged);
    context->setValue(4096);
    // The edit returns at once; the estimate arrives later from the worker thread.
    ASSERT_GE(busy.count(), 1);
    EXPECT_TRUE(busy.first().first().toBool());
    ASSERT_TRUE(waitForRecompute());
    const qint64 after = shownTotalBytes();
    EXPECT_LT(after, before); // an 8× smaller context means a smaller KV cache
    EXPECT_EQ(state->parameters(QStringLiteral("microsoft/phi-4")).context.value_or(0), 4096);
    EXPECT_EQ(context->value(), 4096);
    EXPECT_TRUE(context->font().bold()); // changed from the registry default
    // The list row follows the breakdown.
    const auto review = state->review(QStringLiteral("microsoft/phi-4"));
    EXPECT_EQ(window->modelList()->review(QStringLiteral("microsoft/phi-4"))->effectiveMib(), review->effectiveMib());
}

TEST_F(StudioWindow, RapidEditsDeliverOnlyTheNewestEstimate)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    auto *context = window->findChild<QSpinBox *>(QStringLiteral("paramContext"));
    for (int v : {1024, 2048, 8192, 16384, 2048}) {
        context->setValue(v);
    }
    ASSERT_TRUE(waitForRecompute());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return !state->isEstimating(); }, 10000));
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->estimate.parameters.context.value_or(0), 2048);
    EXPECT_EQ(context->value(), 2048);
    EXPECT_EQ(state->undoStack()->count(), 1); // spin-box steps merge into one undo step
}

TEST_F(StudioWindow, FilterNarrowsTheListAndKeepsGroups)
{
    auto *filter = window->findChild<QLineEdit *>(QStringLiteral("modelFilter"));
    auto *list = window->findChild<QTreeView *>(QStringLiteral("modelList"));
    QTest::keyClicks(filter, QStringLiteral("qwen"));
    int models = 0;
    for (int g = 0; g < list->model()->rowCount(); ++g) {
        models += list->model()->rowCount(list->model()->index(g, 0));
    }
    EXPECT_EQ(models, 2); // GTE-Qwen2 and Qwen3-Coder
    EXPECT_EQ(list->model()->rowCount(), 2);
    filter->clear();
    EXPECT_EQ(list->model()->rowCount(), 5);
}

TEST_F(StudioWindow, ViewsSwitchByNameAndAction)
{
    auto *stack = window->findChild<QStackedWidget *>(QStringLiteral("viewStack"));
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(window->currentView(), QStringLiteral("card"));
    EXPECT_TRUE(window->showView(QStringLiteral("budget")));
    EXPECT_EQ(stack->currentWidget()->objectName(), QStringLiteral("budgetView"));
    window->findChild<QAction *>(QStringLiteral("actionView_export"))->trigger();
    EXPECT_EQ(window->currentView(), QStringLiteral("export"));
    EXPECT_FALSE(window->showView(QStringLiteral("nonsense")));
}

TEST(StudioOptions, ParsesTheCommandLineOfDesign6)
{
    ui::StudioOptions o;
    QString error;
    ASSERT_TRUE(ui::StudioOptions::parse({QStringLiteral("studio"), QStringLiteral("--select"), QStringLiteral("jina"),
                                          QStringLiteral("--view"), QStringLiteral("budget")},
                                         &o, &error));
    EXPECT_EQ(o.select, QStringLiteral("jina"));
    EXPECT_EQ(o.view, QStringLiteral("budget"));
    ui::StudioOptions bad;
    EXPECT_FALSE(ui::StudioOptions::parse({QStringLiteral("studio"), QStringLiteral("--view"), QStringLiteral("chart")},
                                          &bad, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("chart")));
    EXPECT_FALSE(ui::StudioOptions::parse({QStringLiteral("studio"), QStringLiteral("--select")}, &bad, &error));
}

namespace {
double luminance(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}
} // namespace

TEST(StudioDarkPalette, RendersReadablyWithADarkPalette)
{
    const QPalette original = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1c));
    dark.setColor(QPalette::AlternateBase, QColor(0x24, 0x27, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x2b, 0x2e, 0x33));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9f, 0xa6));
    dark.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    QApplication::setPalette(dark);
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        ui::StudioState state(Workspace::openBundled().value(), &settings);
        ui::MainWindow w(&state, &settings);
        w.resize(1400, 860);
        w.show();
        ASSERT_TRUE(w.selectModel(QStringLiteral("jina")));
        const QImage img = w.grab().toImage();
        // Sample the card browser and the breakdown table: dark backgrounds, and their text far lighter.
        for (const char *name : {"cardBrowser", "breakdownTable", "modelList"}) {
            auto *widget = w.findChild<QWidget *>(QLatin1String(name));
            ASSERT_NE(widget, nullptr) << name;
            const QPoint p = widget->mapTo(&w, QPoint(widget->width() - 6, widget->height() - 6));
            const QColor bg = img.pixelColor(p * img.devicePixelRatio());
            EXPECT_LT(luminance(bg), 0.25) << name << " background " << qPrintable(bg.name());
            EXPECT_GT(luminance(widget->palette().color(QPalette::Text)) - luminance(bg), 0.5) << name;
        }
        // Labels that use rich text take the palette's text colour, not a fixed black.
        auto *value = w.findChild<QLabel *>(QStringLiteral("estimateValue"));
        EXPECT_GT(luminance(value->palette().color(QPalette::WindowText)), 0.7);
        auto *facts = w.findChild<QLabel *>(QStringLiteral("cardFacts"));
        EXPECT_FALSE(facts->text().contains(QStringLiteral("#000")));
    }
    QApplication::setPalette(original);
}
