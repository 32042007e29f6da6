// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Model ▸ Add model…, Edit model…, Change weights…, Remove model against the in-process mock hub, offscreen: the
// dialog lists the repo's weight choices and reads headers off the UI thread; the model appears in the list, the
// budget and the export; each edit is one undo step in the audit trail; bad repos change nothing.
#include "hubstudiofixture.h"

#include "ui/dialogs/addmodeldialog.h"
#include "ui/models/budgetselectionmodel.h"
#include "ui/panels/budgetpanel.h"
#include "ui/panels/exportpanel.h"
#include "ui/support/registryactions.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>

using namespace memspec;

namespace {
const QString kEmbed = QStringLiteral("mockorg/mini-embed-v1");
const QString kGguf = QStringLiteral("mockorg/Tiny-Llama-1B-GGUF");
} // namespace

class StudioRegistryEdit : public test::HubStudioFixture
{
protected:
    ui::RegistryActions *actions() const { return window->registryActions(); }

    // Opens Add model…, types the repo and lists it; returns the dialog once the listing ended.
    ui::AddModelDialog *listRepo(const QString &repo)
    {
        actions()->addAction()->trigger();
        ui::AddModelDialog *d = actions()->openDialog();
        EXPECT_NE(d, nullptr);
        if (!d) {
            return nullptr;
        }
        d->findChild<QLineEdit *>(QStringLiteral("addModelRepo"))->setText(repo);
        d->listFiles();
        EXPECT_TRUE(d->isBusy()); // the listing runs on the service's thread: the call returned at once
        EXPECT_TRUE(QTest::qWaitFor([d] { return !d->isBusy(); }, 20000));
        return d;
    }

    bool selectChoice(ui::AddModelDialog *d, const QString &labelStart)
    {
        auto *list = d->findChild<QListWidget *>(QStringLiteral("addModelChoices"));
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().startsWith(labelStart)) {
                list->setCurrentRow(i);
                return true;
            }
        }
        return false;
    }

    bool waitForModels(int n)
    {
        return QTest::qWaitFor([this, n] { return window->modelList()->modelCount() == n && !state->isEstimating(); },
                               20000);
    }
};

TEST_F(StudioRegistryEdit, AddedModelAppearsInListBudgetAndExportAndUndoRemovesIt)
{
    EXPECT_EQ(actions()->addAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    ui::AddModelDialog *d = listRepo(kEmbed);
    ASSERT_NE(d, nullptr);
    auto *list = d->findChild<QListWidget *>(QStringLiteral("addModelChoices"));
    ASSERT_EQ(list->count(), 1) << d->message().toStdString();
    EXPECT_TRUE(list->item(0)->text().startsWith(QStringLiteral("safetensors: 1 file")))
        << list->item(0)->text().toStdString();
    EXPECT_EQ(list->currentRow(), 0);
    d->findChild<QLineEdit *>(QStringLiteral("addModelName"))->setText(QStringLiteral("Mini Embed"));
    QSignalSpy recorded(d, &ui::AddModelDialog::modelRecorded);
    d->accept();
    ASSERT_TRUE(recorded.wait(20000)) << d->message().toStdString();
    ASSERT_TRUE(waitForModels(13));

    const auto review = state->review(kEmbed);
    ASSERT_TRUE(review.has_value());
    EXPECT_EQ(review->entry.name, QStringLiteral("Mini Embed"));
    EXPECT_EQ(review->entry.capability, Capability::TextEmbedding);
    EXPECT_GT(review->estimate.estMib, 0);
    EXPECT_TRUE(window->modelList()->indexOf(kEmbed).isValid());
    EXPECT_EQ(state->audit().last().action, QStringLiteral("registry_upsert"));
    EXPECT_EQ(state->audit().last().model, kEmbed);
    EXPECT_TRUE(QTest::qWaitFor([this] { return state->workspace().facts().find(kEmbed) != nullptr; }, 1000));
    EXPECT_FALSE(state->workspace().facts().find(kEmbed)->headers.isEmpty()); // the headers the dialog read

    auto *budget = window->findChild<ui::BudgetPanel *>(QStringLiteral("budgetView"));
    ASSERT_NE(budget, nullptr);
    bool inBudget = false;
    for (const auto &item : budget->selectionModel()->items()) {
        inBudget = inBudget || item.key == kEmbed;
    }
    EXPECT_TRUE(inBudget);

    window->showView(QStringLiteral("export"));
    ASSERT_TRUE(QTest::qWaitFor([this] { return !window->exportPanel()->rendered().isEmpty(); }, 20000));
    bool inExport = false;
    for (auto it = window->exportPanel()->rendered().cbegin(); it != window->exportPanel()->rendered().cend(); ++it) {
        inExport =
            inExport || (it.key().contains(QStringLiteral("MEMORY_SPECS")) && it.value().contains(kEmbed.toUtf8()));
    }
    EXPECT_TRUE(inExport);

    state->undoStack()->undo();
    ASSERT_TRUE(waitForModels(12));
    EXPECT_FALSE(state->review(kEmbed).has_value());
    state->undoStack()->redo();
    ASSERT_TRUE(waitForModels(13));
}

TEST_F(StudioRegistryEdit, BadReposAreReportedInTheDialogAndChangeNothing)
{
    for (const auto &[repo, expect] :
         {std::pair{QStringLiteral("mockorg/no-weights"), QStringLiteral("lists no weight files")},
          std::pair{QStringLiteral("mockorg/does-not-exist"), QStringLiteral("mockorg/does-not-exist")}}) {
        SCOPED_TRACE(repo.toStdString());
        ui::AddModelDialog *d = listRepo(repo);
        ASSERT_NE(d, nullptr);
        EXPECT_TRUE(d->message().contains(expect)) << d->message().toStdString();
        EXPECT_EQ(d->findChild<QListWidget *>(QStringLiteral("addModelChoices"))->count(), 0);
        d->reject();
        QTest::qWait(0);
    }
    // Gated: the listing is public, the headers are not.
    ui::AddModelDialog *d = listRepo(QStringLiteral("mockorg/gated-chat"));
    ASSERT_NE(d, nullptr);
    ASSERT_EQ(d->findChild<QListWidget *>(QStringLiteral("addModelChoices"))->count(), 1);
    d->accept();
    ASSERT_TRUE(QTest::qWaitFor([d] { return !d->isBusy(); }, 20000));
    EXPECT_TRUE(d->message().contains(QStringLiteral("gated"))) << d->message().toStdString();
    EXPECT_TRUE(d->isVisible());
    EXPECT_EQ(window->modelList()->modelCount(), 12);
    EXPECT_EQ(state->undoStack()->count(), 0);
    EXPECT_TRUE(state->audit().isEmpty());
}

TEST_F(StudioRegistryEdit, RemoveEditAndChangeWeightsAreUndoable)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("bert-minilm")));
    ASSERT_TRUE(actions()->removeAction()->isEnabled());
    actions()->removeAction()->trigger();
    ASSERT_TRUE(waitForModels(11));
    EXPECT_EQ(state->audit().last().action, QStringLiteral("registry_remove"));
    state->undoStack()->undo();
    ASSERT_TRUE(waitForModels(12));

    ASSERT_TRUE(window->selectModel(QStringLiteral("stella")));
    actions()->editAction()->trigger();
    auto *edit = window->findChild<ui::EditModelDialog *>(QStringLiteral("editModelDialog"));
    ASSERT_NE(edit, nullptr);
    edit->findChild<QLineEdit *>(QStringLiteral("editModelName"))->setText(QStringLiteral("Stella (renamed)"));
    edit->accept();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->review(QStringLiteral("stella"))->entry.name, QStringLiteral("Stella (renamed)"));
    EXPECT_FALSE(actions()->changeWeightsAction()->isEnabled()); // two components: not one at a time

    // Add the GGUF repo's Q4_K_M, then change it to Q8_0.
    ui::AddModelDialog *d = listRepo(kGguf);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->findChild<QListWidget *>(QStringLiteral("addModelChoices"))->currentRow(),
              -1); // two quants: the user picks
    ASSERT_TRUE(selectChoice(d, QStringLiteral("Q4_K_M: 2 files")));
    d->accept();
    ASSERT_TRUE(waitForModels(13));
    const qint64 q4 = state->review(kGguf)->estimate.estMib;
    ASSERT_TRUE(QTest::qWaitFor([this] { return window->selectModel(kGguf); }, 5000));
    ASSERT_TRUE(actions()->changeWeightsAction()->isEnabled());
    actions()->changeWeightsAction()->trigger();
    ui::AddModelDialog *w = actions()->openDialog();
    ASSERT_NE(w, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([w] { return !w->isBusy(); }, 20000));
    ASSERT_TRUE(selectChoice(w, QStringLiteral("Q8_0")));
    QSignalSpy recorded(w, &ui::AddModelDialog::modelRecorded);
    w->accept();
    ASSERT_TRUE(recorded.wait(20000)) << w->message().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([this, q4] { return state->review(kGguf)->estimate.estMib != q4; }, 20000));
    EXPECT_EQ(state->review(kGguf)->entry.components.first().files,
              QStringList{QStringLiteral("tiny-llama-1b-Q8_0.gguf")});
    EXPECT_EQ(state->undoStack()->count(), 3); // edit, add, change weights: the edit replaced the undone remove
    state->undoStack()->undo();
    ASSERT_TRUE(QTest::qWaitFor([this, q4] { return state->review(kGguf)->estimate.estMib == q4; }, 20000));
}
