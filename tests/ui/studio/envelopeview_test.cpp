// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// View ▸ Serving envelope: the curve, the pool lines, Fit to target (undoable, audited) and a screenshot.
#include "studiofixture.h"

#include "app/budget/poolrule.h"
#include "ui/panels/envelopepanel.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPushButton>
#include <QStackedWidget>

using namespace memspec;

namespace {

class EnvelopeViewTest : public test::StudioFixture
{
};

} // namespace

TEST_F(EnvelopeViewTest, ShowsTheCurveAndThePoolLinesAndFitsUndoably)
{
    ASSERT_TRUE(window->showView(QStringLiteral("envelope")));
    EXPECT_EQ(window->currentView(), QStringLiteral("envelope"));
    auto *action = window->findChild<QAction *>(QStringLiteral("actionView_envelope"));
    ASSERT_TRUE(action);
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    ui::EnvelopePanel *panel = window->envelopePanel();
    ASSERT_TRUE(panel->selectGpu(QStringLiteral("H100 80GB")));
    panel->setWorkers(1);
    ASSERT_EQ(panel->curve().size(), 7);   // 512 … 32,768
    EXPECT_EQ(panel->curve().first().tokens, 512);
    EXPECT_EQ(panel->curve().last().tokens, 32768);
    // The chart: the memory curve, the pool limit and the shares of 2–4 workers, the fitted point.
    QList<double> flat;
    for (QAbstractSeries *s : panel->chart()->series()) {
        auto *l = qobject_cast<QLineSeries *>(s);
        if (l && l->count() == 2) {
            flat << l->at(0).y();
        }
    }
    EXPECT_EQ(flat, (QList<double>{63199.0, 31599.0, 21066.0, 15799.0}));
    ASSERT_TRUE(panel->fit().feasible);
    EXPECT_LT(panel->fit().promptLimit, 32768);
    EXPECT_LE(panel->fit().estMib, 63199);

    auto *fitButton = panel->findChild<QPushButton *>(QStringLiteral("envelopeFitButton"));
    ASSERT_TRUE(fitButton->isEnabled());
    const qint64 limit = panel->fit().promptLimit;
    fitButton->click();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->estimate.parameters.context, limit);
    EXPECT_EQ(state->audit().last().action, QStringLiteral("fit_envelope"));
    EXPECT_FALSE(fitButton->isEnabled());   // the model now holds the fitted limit
    state->undoStack()->undo();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->estimate.parameters.context, 32768);
    EXPECT_TRUE(fitButton->isEnabled());
}

TEST_F(EnvelopeViewTest, KimiIsInfeasibleAndClipIsFixed)
{
    window->showView(QStringLiteral("envelope"));
    ui::EnvelopePanel *panel = window->envelopePanel();
    ASSERT_TRUE(window->selectModel(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF")));
    EXPECT_FALSE(panel->fit().feasible);
    EXPECT_TRUE(panel->fit().smallestTarget.startsWith(QStringLiteral("host RAM")));
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("envelopeFitButton"))->isEnabled());
    ASSERT_TRUE(window->selectModel(QStringLiteral("openai/clip-vit-base-patch32")));
    EXPECT_TRUE(panel->curve().isEmpty());
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("envelopeFitButton"))->isEnabled());
}

// Writes docs/screenshots/envelope.png when MEMSPEC_SCREENSHOT_DIR is set (skipped otherwise).
TEST_F(EnvelopeViewTest, Screenshot)
{
    const QString dir = qEnvironmentVariable("MEMSPEC_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        GTEST_SKIP() << "set MEMSPEC_SCREENSHOT_DIR to write the screenshot";
    }
    window->resize(1280, 800);
    window->showView(QStringLiteral("envelope"));
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    QTest::qWait(200);
    EXPECT_TRUE(window->grab().save(dir + QStringLiteral("/envelope.png")));
}
