// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// View ▸ Serving envelope: the curve, the pool lines, Fit to target (undoable, audited) and a screenshot.
#include "studiofixture.h"

#include "app/budget/poolrule.h"

#include "ui/panels/envelopepanel.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QListWidget>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QStackedWidget>

using namespace memspec;

namespace {

class EnvelopeViewTest : public test::StudioFixture
{
protected:
    // The curve and the fit are computed off the UI thread: wait until the latest landed.
    static bool settled(ui::EnvelopePanel *panel)
    {
        return QTest::qWaitFor([panel] { return !panel->isComputing(); }, 20000);
    }
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
    ASSERT_TRUE(settled(panel));
    ASSERT_EQ(panel->curve().size(), 7); // 512 … 32,768
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
    ASSERT_TRUE(settled(panel));
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->estimate.parameters.context, limit);
    EXPECT_EQ(state->audit().last().action, QStringLiteral("fit_envelope"));
    EXPECT_FALSE(fitButton->isEnabled()); // the model now holds the fitted limit
    state->undoStack()->undo();
    ASSERT_TRUE(waitForRecompute());
    ASSERT_TRUE(settled(panel));
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->estimate.parameters.context, 32768);
    EXPECT_TRUE(fitButton->isEnabled());
}

// Each recompute draws a new chart; the one it replaces is deleted (QChartView::setChart hands it back instead: the
// studio leaked a chart, its series and axes per recompute until the ASan run of the studio tests found it).
TEST_F(EnvelopeViewTest, ARecomputeDeletesTheChartItReplaces)
{
    ASSERT_TRUE(window->showView(QStringLiteral("envelope")));
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    ui::EnvelopePanel *panel = window->envelopePanel();
    ASSERT_TRUE(panel->selectGpu(QStringLiteral("H100 80GB")));
    panel->setWorkers(1);
    ASSERT_TRUE(settled(panel));
    QList<QPointer<QChart>> drawn{panel->chart()};
    for (int workers : {2, 3, 1}) {
        panel->setWorkers(workers);
        ASSERT_TRUE(settled(panel));
        ASSERT_NE(panel->chart(), drawn.last().data()) << workers << " worker(s): no new chart was drawn";
        drawn << panel->chart();
    }
    for (int i = 0; i + 1 < drawn.size(); ++i) {
        EXPECT_TRUE(drawn.at(i).isNull()) << "chart " << i << " of " << drawn.size() << " is still alive";
    }
    EXPECT_FALSE(drawn.last().isNull());
}

TEST_F(EnvelopeViewTest, KimiIsInfeasibleAndClipIsFixed)
{
    window->showView(QStringLiteral("envelope"));
    ui::EnvelopePanel *panel = window->envelopePanel();
    ASSERT_TRUE(window->selectModel(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF")));
    ASSERT_TRUE(settled(panel));
    EXPECT_FALSE(panel->fit().feasible);
    EXPECT_TRUE(panel->fit().smallestTarget.startsWith(QStringLiteral("host RAM")));
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("envelopeFitButton"))->isEnabled());
    ASSERT_TRUE(window->selectModel(QStringLiteral("openai/clip-vit-base-patch32")));
    ASSERT_TRUE(settled(panel));
    EXPECT_TRUE(panel->curve().isEmpty());
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("envelopeFitButton"))->isEnabled());
}

// The studio's fit equals `memspec fit --json` for the same target, workers and co-load (the CLI as a real process on
// an empty project and the same refresh cache), and the co-load picker is what changes it.
TEST_F(EnvelopeViewTest, FitWithCoLoadEqualsTheClisFitJson)
{
    QTemporaryDir cache;
    auto ws = Workspace::openBundled(cache.path());
    ASSERT_TRUE(ws.ok());
    // A second window on a workspace whose refresh cache the CLI can be given too.
    ui::StudioState localState(ws.value(), settings.get());
    ui::MainWindow localWindow(&localState, settings.get());
    localWindow.show();
    localWindow.showView(QStringLiteral("envelope"));
    ui::EnvelopePanel *panel = localWindow.envelopePanel();
    const QString phi = QStringLiteral("microsoft/phi-4");
    const QStringList coLoad{QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"),
                             QStringLiteral("jinaai/jina-embeddings-v2-base-en")};
    ASSERT_TRUE(localWindow.selectModel(phi));
    ASSERT_TRUE(panel->selectGpu(QStringLiteral("H100 80GB")));
    panel->setWorkers(2);
    ASSERT_TRUE(settled(panel));
    const EnvelopeFitResult alone = panel->fit();
    EXPECT_EQ(alone.coLoadMib, 0);

    // Tick the co-load in the picker, as a user does; the selected model is not offered.
    auto *list = panel->findChild<QListWidget *>(QStringLiteral("envelopeCoLoad"));
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->count(), 11);
    qint64 expectedCoLoad = 0;
    for (int i = 0; i < list->count(); ++i) {
        const QString key = list->item(i)->data(Qt::UserRole).toString();
        EXPECT_NE(key, phi);
        if (coLoad.contains(key)) {
            list->item(i)->setCheckState(Qt::Checked);
            expectedCoLoad += localState.review(key)->effectiveMib();
        }
    }
    ASSERT_TRUE(settled(panel));
    const EnvelopeFitResult fit = panel->fit();
    EXPECT_EQ(fit.coLoadMib, expectedCoLoad);
    EXPECT_GT(fit.coLoadMib, 0);
    EXPECT_LT(fit.perWorkerMib, alone.perWorkerMib);
    EXPECT_LE(fit.promptLimit, alone.promptLimit);

    QTemporaryDir dir;
    QProcess cli;
    cli.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"),
              {QStringLiteral("--project"), dir.filePath(QStringLiteral("none.json")), QStringLiteral("--cache-dir"),
               cache.path(), QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"),
               QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--models"), phi,
               QStringLiteral("--co-load"), coLoad.join(QLatin1Char(',')), QStringLiteral("--json")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    EXPECT_EQ(out.value(QStringLiteral("co_load_mib")).toInteger(), fit.coLoadMib);
    const QJsonObject row = out.value(QStringLiteral("models")).toArray().at(0).toObject();
    ASSERT_EQ(row.value(QStringLiteral("model")).toString(), phi);
    EXPECT_EQ(row.value(QStringLiteral("feasible")).toBool(), fit.feasible);
    EXPECT_EQ(row.value(QStringLiteral("prompt_limit")).toInteger(), fit.promptLimit);
    EXPECT_EQ(row.value(QStringLiteral("est_memory_allocation_mb")).toInteger(), fit.estMib);
    EXPECT_EQ(row.value(QStringLiteral("per_worker_limit_mib")).toInteger(), fit.perWorkerMib);
    EXPECT_EQ(row.value(QStringLiteral("max_input_tokens")).toInteger(), fit.maxTokens);
    EXPECT_EQ(row.value(QStringLiteral("co_load_mib")).toInteger(), fit.coLoadMib);

    // Applying it records the co-load in the audit trail.
    ASSERT_TRUE(fit.feasible);
    QSignalSpy recomputed(&localState, &ui::StudioState::reviewsChanged);
    ASSERT_TRUE(panel->fitToTarget().ok());
    ASSERT_TRUE(recomputed.wait(10000));
    EXPECT_EQ(localState.audit().last().detail.value(QStringLiteral("co_load_mib")).toInteger(), fit.coLoadMib);
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
    ASSERT_TRUE(settled(window->envelopePanel()));
    QTest::qWait(200);
    EXPECT_TRUE(window->grab().save(dir + QStringLiteral("/envelope.png")));
}
