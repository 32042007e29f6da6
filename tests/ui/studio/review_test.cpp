// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiofixture.h"

#include "ui/dialogs/overridedialog.h"
#include "ui/dialogs/revokedialog.h"
#include "ui/dialogs/signoffdialog.h"
#include "ui/models/auditmodel.h"

#include <QAction>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>
#include <QUndoStack>

using namespace memspec;
using test::StudioFixture;

using StudioReview = StudioFixture;

namespace {
const QString kMiniLm = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");

QPushButton *okButton(QDialog *d)
{
    return d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}
} // namespace

TEST_F(StudioReview, OverrideRefusesAnEmptyReason)
{
    ASSERT_TRUE(window->selectModel(kMiniLm));
    window->findChild<QAction *>(QStringLiteral("actionOverride"))->trigger();
    auto *dialog = window->findChild<ui::OverrideDialog *>(QStringLiteral("overrideDialog"));
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(dialog->isVisible());
    dialog->findChild<QSpinBox *>(QStringLiteral("overrideMib"))->setValue(700);
    EXPECT_FALSE(okButton(dialog)->isEnabled());
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("overrideReason"))->setPlainText(QStringLiteral("   "));
    EXPECT_FALSE(okButton(dialog)->isEnabled());
    dialog->accept(); // Enter in the dialog: refused
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_FALSE(dialog->findChild<QLabel *>(QStringLiteral("overrideHint"))->text().isEmpty());
    EXPECT_FALSE(state->review(kMiniLm)->override.has_value());
    // The state refuses it too, whatever the caller.
    EXPECT_FALSE(state->setOverride(kMiniLm, 700, QString()).ok());

    dialog->findChild<QPlainTextEdit *>(QStringLiteral("overrideReason"))
        ->setPlainText(QStringLiteral("measured 612 MiB peak on an L4"));
    ASSERT_TRUE(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    ASSERT_TRUE(waitForRecompute());
    const auto review = state->review(kMiniLm);
    ASSERT_TRUE(review->override.has_value());
    EXPECT_EQ(review->override->mib, 700);
    EXPECT_EQ(review->status, ReviewStatus::Overridden);
    EXPECT_EQ(review->effectiveMib(), 700);
    EXPECT_TRUE(window->findChild<QLabel *>(QStringLiteral("estimateValue"))->text().contains(QStringLiteral("700")));
}

TEST_F(StudioReview, SignOffApprovesAndRemembersTheReviewer)
{
    ASSERT_TRUE(window->selectModel(kMiniLm));
    auto *signOff = window->findChild<QAction *>(QStringLiteral("actionSignOff"));
    ASSERT_TRUE(signOff->isEnabled());
    EXPECT_TRUE(signOff->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Return)));
    signOff->trigger();
    auto *dialog = window->findChild<ui::SignOffDialog *>(QStringLiteral("signOffDialog"));
    ASSERT_NE(dialog, nullptr);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("signOffReviewer"));
    EXPECT_TRUE(name->text().isEmpty());
    EXPECT_FALSE(okButton(dialog)->isEnabled());
    QTest::keyClicks(name, QStringLiteral("Ada Reviewer"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    ASSERT_TRUE(waitForRecompute());
    const auto review = state->review(kMiniLm);
    EXPECT_EQ(review->status, ReviewStatus::Approved);
    ASSERT_TRUE(review->signOff.has_value());
    EXPECT_EQ(review->signOff->reviewer, QStringLiteral("Ada Reviewer"));
    EXPECT_FALSE(review->signOff->fingerprint.isEmpty());
    EXPECT_EQ(settings->reviewerName(), QStringLiteral("Ada Reviewer"));
    EXPECT_FALSE(signOff->isEnabled()); // already approved
    const QModelIndex status = window->modelList()->indexOf(kMiniLm, ui::ModelListModel::StatusColumn);
    EXPECT_EQ(status.data(ui::StatusRole).toString(), QStringLiteral("approved"));

    // The next sign-off dialog starts with the remembered name.
    ASSERT_TRUE(window->selectModel(QStringLiteral("jina")));
    signOff->trigger();
    QDialog *next = nullptr;
    for (auto *d : window->findChildren<ui::SignOffDialog *>()) {
        if (d->isVisible()) {
            next = d;
        }
    }
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->findChild<QLineEdit *>(QStringLiteral("signOffReviewer"))->text(), QStringLiteral("Ada Reviewer"));
    next->reject();
}

TEST_F(StudioReview, ParameterChangeAfterSignOffMakesTheModelStale)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    ASSERT_TRUE(state->signOff(QStringLiteral("microsoft/phi-4"), QStringLiteral("Ada")).ok());
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->review(QStringLiteral("microsoft/phi-4"))->status, ReviewStatus::Approved);
    window->findChild<QSpinBox *>(QStringLiteral("paramContext"))->setValue(8192);
    ASSERT_TRUE(waitForRecompute());
    const auto review = state->review(QStringLiteral("microsoft/phi-4"));
    EXPECT_EQ(review->status, ReviewStatus::Stale);
    EXPECT_FALSE(review->statusReasons.isEmpty());
    EXPECT_TRUE(window->findChild<QLabel *>(QStringLiteral("reviewStatus"))->text().contains(QStringLiteral("stale")));
}

TEST_F(StudioReview, PrefillChunkIsASavedServingParameter)
{
    // candle runs the whole prompt in one pass, so Phi-4's default chunk is its context and the attention scores
    // dominate; a reviewer who knows the service admits shorter prompts sets the chunk and sees the figure drop.
    const QString phi = QStringLiteral("microsoft/phi-4");
    ASSERT_TRUE(window->selectModel(phi));
    auto *chunk = window->findChild<QSpinBox *>(QStringLiteral("paramUbatch"));
    ASSERT_NE(chunk, nullptr);
    EXPECT_TRUE(chunk->isEnabled());
    EXPECT_EQ(chunk->value(), 32768);
    EXPECT_FALSE(chunk->font().bold());
    const qint64 whole = state->review(phi)->estimate.estMib;
    chunk->setValue(512);
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->parameters(phi).ubatch, std::optional<qint64>(512));
    EXPECT_LT(state->review(phi)->estimate.estMib * 4, whole) << "ubatch 512 should cut the prefill activations";
    EXPECT_TRUE(chunk->font().bold());
    EXPECT_EQ(chunk->value(), 512);
    window->findChild<QPushButton *>(QStringLiteral("paramReset"))->click();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_FALSE(state->parameters(phi).ubatch.has_value());
    EXPECT_EQ(state->review(phi)->estimate.estMib, whole);
    EXPECT_EQ(chunk->value(), 32768);
}

TEST_F(StudioReview, UndoAndRedoWalkTheReviewHistory)
{
    ASSERT_TRUE(window->selectModel(kMiniLm));
    ASSERT_TRUE(state->setOverride(kMiniLm, 900, QStringLiteral("vendor figure")).ok());
    ASSERT_TRUE(waitForRecompute());
    auto *undo = window->findChild<QAction *>(QStringLiteral("actionUndo"));
    auto *redo = window->findChild<QAction *>(QStringLiteral("actionRedo"));
    ASSERT_TRUE(undo->isEnabled());
    EXPECT_EQ(undo->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    EXPECT_EQ(redo->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    undo->trigger();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_FALSE(state->review(kMiniLm)->override.has_value());
    redo->trigger();
    ASSERT_TRUE(waitForRecompute());
    EXPECT_EQ(state->review(kMiniLm)->override->mib, 900);

    // The audit trail keeps every step, undo and redo included, newest first.
    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    ASSERT_NE(audit, nullptr);
    ASSERT_EQ(audit->model()->rowCount(), 3);
    EXPECT_EQ(audit->model()->index(0, ui::AuditModel::ActionColumn).data().toString(), QStringLiteral("redo"));
    EXPECT_EQ(audit->model()->index(1, ui::AuditModel::ActionColumn).data().toString(), QStringLiteral("undo"));
    EXPECT_EQ(audit->model()->index(2, ui::AuditModel::ActionColumn).data().toString(), QStringLiteral("set override"));
    EXPECT_TRUE(audit->model()
                    ->index(2, ui::AuditModel::DetailColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("vendor figure")));

    // Filtered by what it shows: an action, a date (today's events, none from another year), case aside.
    auto *filter = window->findChild<QLineEdit *>(QStringLiteral("auditFilter"));
    ASSERT_NE(filter, nullptr);
    filter->setText(QStringLiteral("UNDO"));
    ASSERT_EQ(audit->model()->rowCount(), 1);
    EXPECT_EQ(audit->model()->index(0, ui::AuditModel::ActionColumn).data().toString(), QStringLiteral("undo"));
    filter->setText(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd")));
    EXPECT_EQ(audit->model()->rowCount(), 3);
    filter->setText(QStringLiteral("1999-01"));
    EXPECT_EQ(audit->model()->rowCount(), 0);
    filter->clear();
    EXPECT_EQ(audit->model()->rowCount(), 3);
}

TEST_F(StudioReview, RevokeSignOffAsksForAReasonIsAuditedAndUndoesInOneStep)
{
    ASSERT_TRUE(window->selectModel(kMiniLm));
    auto *revoke = window->findChild<QAction *>(QStringLiteral("actionRevokeSignOff"));
    ASSERT_NE(revoke, nullptr);
    EXPECT_FALSE(revoke->isEnabled()); // nothing signed off yet
    // Reachable where a reviewer looks for it: the Model menu and the model list's context menu.
    auto *list = window->findChild<QTreeView *>(QStringLiteral("modelList"));
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->contextMenuPolicy(), Qt::ActionsContextMenu);
    EXPECT_TRUE(list->actions().contains(revoke));
    ASSERT_TRUE(state->signOff(kMiniLm, QStringLiteral("Ada")).ok());
    ASSERT_TRUE(waitForRecompute());
    ASSERT_TRUE(revoke->isEnabled());
    const int stepsBefore = state->undoStack()->count();

    revoke->trigger();
    auto *dialog = window->findChild<ui::RevokeDialog *>(QStringLiteral("revokeDialog"));
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(dialog->isVisible());
    EXPECT_FALSE(okButton(dialog)->isEnabled()); // no reason, no revoke
    dialog->accept();
    EXPECT_TRUE(dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("revokeReason"))
        ->setText(QStringLiteral("the card's figure was for fp32"));
    ASSERT_TRUE(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    ASSERT_TRUE(waitForRecompute());
    EXPECT_FALSE(state->review(kMiniLm)->signOff.has_value());
    EXPECT_EQ(state->review(kMiniLm)->status, ReviewStatus::Estimated);
    EXPECT_FALSE(revoke->isEnabled());
    EXPECT_EQ(state->undoStack()->count(), stepsBefore + 1);

    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    ASSERT_NE(audit, nullptr);
    EXPECT_EQ(audit->model()->index(0, ui::AuditModel::ActionColumn).data().toString(), QStringLiteral("revoke"));
    EXPECT_TRUE(
        audit->model()->index(0, ui::AuditModel::DetailColumn).data().toString().contains(QStringLiteral("fp32")));
    EXPECT_EQ(state->audit().last().action, QStringLiteral("revoke"));
    EXPECT_EQ(state->audit().last().detail.value(QStringLiteral("reviewer")).toString(), QStringLiteral("Ada"));

    window->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
    ASSERT_TRUE(waitForRecompute());
    ASSERT_TRUE(state->review(kMiniLm)->signOff.has_value());
    EXPECT_EQ(state->review(kMiniLm)->signOff->reviewer, QStringLiteral("Ada"));
    EXPECT_EQ(state->review(kMiniLm)->status, ReviewStatus::Approved);
    EXPECT_TRUE(revoke->isEnabled());
}
