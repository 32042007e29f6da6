// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Two windows on one StudioState: one closes, the other keeps working (edits, a 13th model, the budget chart,
// undo), then closes, then the state goes. A window must own nothing the state or another window still points at.
// Windows close through StudioFixture::closeWindow, which drops the model testers of a window before the window:
// destroying `window` while its testers lived segfaulted in QListWidget's model reset (the fixture, not the studio).
#include "studiofixture.h"

#include "ui/models/budgetselectionmodel.h"
#include "ui/panels/budgetpanel.h"

#include <QBarCategoryAxis>
#include <QChart>

using namespace memspec;

namespace {

class StudioWindowLifetime : public test::StudioFixture
{
protected:
    // A 13th model: a copy of the first entry under another key, with the same facts.
    Result<Done> addThirteenth()
    {
        const ModelReview base = state->reviews().first();
        RegistryEntry entry = base.entry;
        entry.key = QStringLiteral("mockorg/thirteenth-model");
        entry.shortName = QStringLiteral("thirteenth");
        entry.name = QStringLiteral("Thirteenth Model");
        entry.aliases.clear();
        const ModelFacts *facts = state->workspace().facts().find(base.entry.key);
        if (!facts) {
            return Result<Done>::failure(QStringLiteral("no facts for %1").arg(base.entry.key));
        }
        ModelFacts copy = *facts;
        copy.key = entry.key;
        return state->addModel(entry, copy);
    }

    bool settled(ui::MainWindow *w, int models)
    {
        return QTest::qWaitFor([&] { return !state->isEstimating() && w->modelList()->modelCount() == models; }, 20000);
    }

    // The budget shows a table row and a chart bar per model of the set, and the co-load row, and paints.
    static void expectBudgetShows(ui::MainWindow *w, int models)
    {
        ASSERT_TRUE(w->showView(QStringLiteral("budget")));
        auto *budget = w->findChild<ui::BudgetPanel *>(QStringLiteral("budgetView"));
        ASSERT_NE(budget, nullptr);
        budget->selectionModel()->setAllChecked(true);
        QTest::qWait(20);
        auto *table = budget->findChild<QTableView *>(QStringLiteral("budgetTable"));
        ASSERT_NE(table, nullptr);
        EXPECT_EQ(table->model()->rowCount(), models + 1);
        auto *x = qobject_cast<QBarCategoryAxis *>(budget->chart()->axes(Qt::Horizontal).value(0));
        ASSERT_NE(x, nullptr);
        EXPECT_EQ(x->count(), models + 1);
        EXPECT_FALSE(w->grab().toImage().isNull()); // paints the chart's scene
    }
};

// The fixture's window closes while a second one stays; the second one then sees every edit and a 13th model.
TEST_F(StudioWindowLifetime, SecondWindowWorksAfterTheFirstIsDestroyed)
{
    auto second = openWindow();
    const QString key = state->reviews().first().entry.key;
    for (ui::MainWindow *w : {window.get(), second.get()}) {
        ASSERT_TRUE(w->selectModel(key));
        ASSERT_TRUE(w->showView(QStringLiteral("budget")));
    }
    QTest::qWait(20);
    closeWindow(window);
    QTest::qWait(20); // deferred deletes and posted events of the first window

    EstimateParams p = state->parameters(key);
    p.context = 1024;
    const auto edited = state->setParameters(key, p);
    ASSERT_TRUE(edited.ok()) << qPrintable(edited.error());
    ASSERT_TRUE(settled(second.get(), 12));
    const auto added = addThirteenth();
    ASSERT_TRUE(added.ok()) << qPrintable(added.error());
    ASSERT_TRUE(settled(second.get(), 13));
    expectBudgetShows(second.get(), 13);
    state->undoStack()->undo(); // the 13th model goes again
    ASSERT_TRUE(settled(second.get(), 12));
    expectBudgetShows(second.get(), 12);
    ASSERT_TRUE(second->showView(QStringLiteral("card")));
    ASSERT_TRUE(second->selectModel(key));
    closeWindow(second);
    state.reset(); // the state outlives no window of its own
}

// Either of two windows with a 13th model can close first; the other one keeps its budget and undo.
TEST_F(StudioWindowLifetime, EitherWindowCanCloseFirst)
{
    for (const bool olderGoesFirst : {true, false}) {
        SCOPED_TRACE(olderGoesFirst ? "the older window closes first" : "the newer window closes first");
        auto older = openWindow();
        auto newer = openWindow();
        ASSERT_TRUE(addThirteenth().ok());
        ASSERT_TRUE(settled(older.get(), 13));
        ASSERT_TRUE(settled(newer.get(), 13));
        expectBudgetShows(older.get(), 13);
        expectBudgetShows(newer.get(), 13);
        std::unique_ptr<ui::MainWindow> &stays = olderGoesFirst ? newer : older;
        closeWindow(olderGoesFirst ? older : newer);
        QTest::qWait(20);
        expectBudgetShows(stays.get(), 13);
        state->undoStack()->undo();
        ASSERT_TRUE(settled(stays.get(), 12));
        expectBudgetShows(stays.get(), 12);
        closeWindow(stays);
    }
}

} // namespace
