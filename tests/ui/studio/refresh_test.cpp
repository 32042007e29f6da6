// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubstudiofixture.h"

#include "ui/panels/cardbrowser.h"
#include "ui/panels/messagebanner.h"
#include "ui/support/refreshactions.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>

using namespace memspec;

namespace {
const QString kMiniLm = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");
const QString kSd35 = QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo");
} // namespace

// The studio refreshing against the in-process mock hub.
class StudioRefresh : public test::HubStudioFixture
{
protected:
    // Runs a refresh of `keys` and records the progress values the list showed meanwhile.
    QList<int> refreshAndWatch(const QStringList &keys)
    {
        QList<int> progress;
        QObject::connect(window->modelList(), &QAbstractItemModel::dataChanged, window.get(),
                         [&progress](const QModelIndex &tl) {
                             const int p = tl.data(ui::ProgressRole).toInt();
                             if (p >= 0 && !tl.data(ui::IsGroupRole).toBool()) {
                                 progress << p;
                             }
                         });
        QSignalSpy finished(window->refreshActions(), &ui::RefreshActions::finished);
        window->refreshActions()->refreshKeys(keys);
        EXPECT_TRUE(finished.wait(20000));
        return progress;
    }
};

TEST_F(StudioRefresh, ShowsProgressThenTheRefreshedValues)
{
    ASSERT_TRUE(window->selectModel(kMiniLm));
    auto *refresh = window->findChild<QAction *>(QStringLiteral("actionRefresh"));
    ASSERT_TRUE(refresh->isEnabled());
    EXPECT_EQ(refresh->shortcut(), QKeySequence(Qt::Key_F5));
    const ModelFacts before = *state->workspace().facts().find(kMiniLm);
    EXPECT_TRUE(before.headers.isEmpty());

    const QList<int> progress = refreshAndWatch({kMiniLm});
    ASSERT_FALSE(progress.isEmpty()); // the row showed a progress bar while the refresh ran
    EXPECT_FALSE(window->refreshActions()->isRunning());
    const QModelIndex status = window->modelList()->indexOf(kMiniLm, ui::ModelListModel::StatusColumn);
    EXPECT_EQ(status.data(ui::ProgressRole).toInt(), -1); // and hid it afterwards
    EXPECT_TRUE(status.data(ui::ErrorRole).toString().isEmpty()) << qPrintable(status.data(ui::ErrorRole).toString());

    if (state->isEstimating()) {
        ASSERT_TRUE(waitForRecompute());
    }
    const ModelFacts *after = state->workspace().facts().find(kMiniLm);
    ASSERT_NE(after, nullptr);
    EXPECT_FALSE(after->headers.isEmpty()); // exact tensor facts from the weight headers
    EXPECT_FALSE(after->card.isEmpty());
    EXPECT_NE(after->origin, before.origin);
    // The breakdown and the card follow the new facts.
    const auto review = state->review(kMiniLm);
    EXPECT_EQ(shownTotalBytes(), review->estimate.totalBytes);
    auto *browser = window->findChild<ui::CardBrowser *>(QStringLiteral("cardBrowser"));
    EXPECT_FALSE(browser->toPlainText().contains(QStringLiteral("comes with a refresh")));
    EXPECT_FALSE(window->banner()->isVisible());
}

TEST_F(StudioRefresh, GatedRepoShowsItsMessageAndKeepsTheEarlierFacts)
{
    const ModelFacts before = *state->workspace().facts().find(kSd35);
    const qint64 mibBefore = state->review(kSd35)->effectiveMib();
    refreshAndWatch({kSd35});
    auto *banner = window->banner();
    ASSERT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->kind(), ui::MessageBanner::Kind::Error);
    EXPECT_TRUE(banner->text().contains(kSd35)) << qPrintable(banner->text());
    EXPECT_TRUE(banner->text().contains(QStringLiteral("restricted"), Qt::CaseInsensitive) ||
                banner->text().contains(QStringLiteral("gated"), Qt::CaseInsensitive))
        << qPrintable(banner->text());
    EXPECT_TRUE(banner->text().contains(QStringLiteral("earlier facts are kept")));
    EXPECT_EQ(state->workspace().facts().find(kSd35)->origin, before.origin);
    EXPECT_EQ(state->review(kSd35)->effectiveMib(), mibBefore);
    const QModelIndex status = window->modelList()->indexOf(kSd35, ui::ModelListModel::StatusColumn);
    EXPECT_FALSE(status.data(ui::ErrorRole).toString().isEmpty());
}

TEST_F(StudioRefresh, CancelStopsARunningRefresh)
{
    hub.setLatencyMs(200);
    QSignalSpy finished(window->refreshActions(), &ui::RefreshActions::finished);
    window->findChild<QAction *>(QStringLiteral("actionRefreshAll"))->trigger();
    auto *cancel = window->findChild<QAction *>(QStringLiteral("actionCancelRefresh"));
    ASSERT_TRUE(cancel->isEnabled());
    cancel->trigger();
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_FALSE(window->refreshActions()->isRunning());
    EXPECT_FALSE(cancel->isEnabled());
    // Nothing was half-applied: every model still has a value.
    for (const ModelReview &r : state->reviews()) {
        EXPECT_GT(r.effectiveMib(), 0) << qPrintable(r.entry.key);
    }
}

// Issue 18 item 6 in the studio: it builds its hub client from the same environment as `memspec refresh`, so
// MEMSPEC_HUB_DEADLINE stops a slowloris hub here too (the turned-down retry knobs leave the deadline alone).
TEST_F(StudioRefresh, SlowlorisHubStopsAtTheDeadlineFromTheEnvironment)
{
    qputenv("MEMSPEC_HUB_DEADLINE", "1");              // unset by TearDown
    hub.setHostile(QStringLiteral("slowloris"), "50"); // a byte every 50 ms: never idle long enough to time out
    QElapsedTimer t;
    t.start();
    refreshAndWatch({kMiniLm});
    EXPECT_LT(t.elapsed(), 8000);
    auto *banner = window->banner();
    ASSERT_TRUE(banner->isVisible());
    EXPECT_TRUE(banner->text().contains(QStringLiteral("1 s deadline"))) << qPrintable(banner->text());
    EXPECT_TRUE(banner->text().contains(QStringLiteral("config.json"))) << qPrintable(banner->text());
    EXPECT_FALSE(window->refreshActions()->isRunning());
}

// MEMSPEC_README_SCREENSHOT_DIR=DIR saves the README's views (docs/screenshots/main-window.png, card-view.png,
// budget-view.png, export-view.png) at 1600×940 after a refresh against the mock hub, as a reviewer sees them;
// skipped otherwise.
TEST_F(StudioRefresh, ReadmeScreenshots)
{
    const QString dir = qEnvironmentVariable("MEMSPEC_README_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        GTEST_SKIP() << "set MEMSPEC_README_SCREENSHOT_DIR=DIR to save the README's views";
    }
    qputenv("HF_TOKEN", "hf_mock_approved"); // granted the gated repos (FLUX.1, SD 3.5); TearDown unsets it
    QStringList keys;
    for (const ModelReview &r : state->reviews()) {
        keys << r.entry.key;
    }
    refreshAndWatch(keys);
    if (state->isEstimating()) {
        ASSERT_TRUE(waitForRecompute());
    }
    ASSERT_FALSE(window->banner()->isVisible()) << qPrintable(window->banner()->text());
    window->resize(1600, 940);
    // The main window and the card view: the card and breakdown of a text-to-text model and of an embedding model.
    ASSERT_TRUE(window->showView(QStringLiteral("card")));
    for (const auto &[key, name] : {std::pair{QStringLiteral("microsoft/phi-4"), QStringLiteral("main-window.png")},
                                    std::pair{keys.first(), QStringLiteral("card-view.png")}}) {
        ASSERT_TRUE(window->selectModel(key));
        QTest::qWait(300); // the card renders its Markdown in posted events
        EXPECT_TRUE(window->grab().save(dir + QLatin1Char('/') + name));
    }
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    for (const QString &view : {QStringLiteral("budget"), QStringLiteral("export")}) {
        ASSERT_TRUE(window->showView(view));
        QTest::qWait(300); // the export preview renders off the UI thread; the chart lays out in posted events
        EXPECT_TRUE(window->grab().save(dir + QLatin1Char('/') + view + QStringLiteral("-view.png")));
    }
}
