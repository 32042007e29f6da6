// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/workspace.h"

#include "ui/commands/reviewcontroller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace memspec;
using memspec::ui::ReviewController;

namespace {

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");
const QString kClip = QStringLiteral("openai/clip-vit-base-patch32");

Workspace bundled()
{
    auto ws = Workspace::openBundled();
    EXPECT_TRUE(ws.ok());
    return ws.value();
}

// The audit trail only grows: `earlier` must be a prefix of `later`.
bool isPrefix(const QList<AuditEvent> &earlier, const QList<AuditEvent> &later)
{
    if (earlier.size() > later.size()) {
        return false;
    }
    for (int i = 0; i < earlier.size(); ++i) {
        if (earlier[i].seq != later[i].seq || earlier[i].action != later[i].action ||
            earlier[i].model != later[i].model) {
            return false;
        }
    }
    return true;
}

RegistryEntry newEntry(const Workspace &w)
{
    RegistryEntry e = *w.registry().find(QStringLiteral("bert-minilm"));
    e.key = QStringLiteral("someone/mini-copy");
    e.shortName = QStringLiteral("minicopy");
    e.aliases.clear();
    return e;
}

} // namespace

TEST(ReviewUndo, EveryKindOfEditUndoesAndRedoes)
{
    Workspace w = bundled();
    ReviewController c(&w);
    QSignalSpy changed(&c, &ReviewController::projectChanged);
    const Project initial = w.project();

    EstimateParams p;
    p.context = 32768;
    ASSERT_TRUE(c.setParameters(kStella, p, QStringLiteral("ann")).ok());
    ASSERT_TRUE(c.setOverride(kStella, 5000, QStringLiteral("measured"), QStringLiteral("ann")).ok());
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Overridden);
    ASSERT_TRUE(c.signOff(kStella, QStringLiteral("rita")).ok());
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Approved);
    ASSERT_TRUE(c.upsertRegistryEntry(newEntry(w), QStringLiteral("ann")).ok());
    ASSERT_TRUE(c.removeRegistryEntry(kClip, QStringLiteral("ann")).ok());
    EXPECT_EQ(w.registry().size(), 12);
    EXPECT_FALSE(w.registry().find(kClip));
    EXPECT_EQ(c.undoStack()->count(), 5);
    EXPECT_EQ(changed.count(), 5);
    const Project final = w.project();
    EXPECT_EQ(final.audit.size(), 5);

    // Undo step by step, checking each intermediate state.
    c.undoStack()->undo();
    EXPECT_TRUE(w.registry().find(kClip));
    c.undoStack()->undo();
    EXPECT_FALSE(w.registry().find(QStringLiteral("minicopy")));
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Overridden);
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Estimated);
    EXPECT_EQ(w.review(kStella)->estimate.parameters.context, 32768);
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->estimate.parameters.context, 8192);
    EXPECT_TRUE(w.project().sameState(initial));
    EXPECT_FALSE(c.undoStack()->canUndo());
    // History was appended to, never rewritten.
    EXPECT_EQ(w.project().audit.size(), 10);
    EXPECT_TRUE(isPrefix(final.audit, w.project().audit));
    EXPECT_EQ(w.project().audit.last().action, QStringLiteral("undo"));

    // Redo all the way.
    while (c.undoStack()->canRedo()) {
        c.undoStack()->redo();
    }
    EXPECT_TRUE(w.project().sameState(final));
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Approved);
    EXPECT_EQ(w.project().audit.size(), 15);
    EXPECT_EQ(w.project().audit.last().action, QStringLiteral("redo"));
    EXPECT_EQ(changed.count(), 15);

    // The trail survives a save/load round trip with consecutive sequence numbers.
    auto back = Project::fromJson(w.project().toJson(), QStringLiteral("p.json"));
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back->audit.size(), 15);
}

TEST(ReviewUndo, UndoInTheMiddleThenANewEditDropsTheRedoBranch)
{
    Workspace w = bundled();
    ReviewController c(&w);
    ASSERT_TRUE(c.setOverride(kStella, 5000, QStringLiteral("a"), QStringLiteral("ann")).ok());
    ASSERT_TRUE(c.setOverride(kStella, 6000, QStringLiteral("b"), QStringLiteral("ann")).ok());
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->effectiveMib(), 5000);
    ASSERT_TRUE(c.clearOverride(kStella, QStringLiteral("ann")).ok());
    EXPECT_FALSE(c.undoStack()->canRedo());
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Estimated);
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->effectiveMib(), 5000);
    ASSERT_TRUE(c.signOff(kStella, QStringLiteral("rita")).ok());
    ASSERT_TRUE(c.revokeSignOff(kStella, QStringLiteral("value rechecked"), QStringLiteral("rita")).ok());
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Overridden);
    c.undoStack()->undo();
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Approved);
}

TEST(ReviewUndo, RejectedEditsPushNothing)
{
    Workspace w = bundled();
    ReviewController c(&w);
    QSignalSpy changed(&c, &ReviewController::projectChanged);
    auto r = c.setOverride(kStella, 5000, QString(), QStringLiteral("ann"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("\"reason\"")));
    EstimateParams bad;
    bad.batch = 0;
    EXPECT_FALSE(c.setParameters(kStella, bad, QStringLiteral("ann")).ok());
    EXPECT_FALSE(c.removeRegistryEntry(QStringLiteral("nobody/none"), QStringLiteral("ann")).ok());
    EXPECT_EQ(c.undoStack()->count(), 0);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_TRUE(w.project().audit.isEmpty());
}

TEST(ReviewUndo, ParameterEditsOfOneModelMergeIntoOneStep)
{
    Workspace w = bundled();
    ReviewController c(&w);
    for (qint64 ctx : {1000, 2000, 4096}) {
        EstimateParams p;
        p.context = ctx;
        ASSERT_TRUE(c.setParameters(kStella, p, QStringLiteral("ann")).ok());
    }
    EXPECT_EQ(c.undoStack()->count(), 1);
    EXPECT_EQ(w.parameters(kStella).context, 4096);
    c.undoStack()->undo();
    EXPECT_FALSE(w.parameters(kStella).context.has_value());
}

TEST(ReviewUndo, UnsavedWorkGoesToTheRecoveryFileUntilSaved)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    auto opened = Workspace::open(path);
    ASSERT_TRUE(opened.ok());
    Workspace w = opened.value();
    w.projectFile()->discardRecovery();
    ReviewController c(&w);
    ASSERT_TRUE(c.setOverride(kStella, 5000, QStringLiteral("measured"), QStringLiteral("ann")).ok());
    EXPECT_TRUE(c.hasUnsavedChanges());
    EXPECT_TRUE(w.projectFile()->hasRecovery());
    ASSERT_TRUE(c.save().ok());
    EXPECT_FALSE(c.hasUnsavedChanges());
    EXPECT_FALSE(w.projectFile()->hasRecovery());
    ASSERT_TRUE(c.signOff(kStella, QStringLiteral("rita")).ok());
    EXPECT_TRUE(w.projectFile()->hasRecovery());
    const Project unsaved = w.project();

    // "Crash": a new session on the same file restores the unsaved sign-off as one undoable step.
    auto reopened = Workspace::open(path);
    ASSERT_TRUE(reopened.ok());
    Workspace w2 = reopened.value();
    EXPECT_EQ(w2.review(kStella)->status, ReviewStatus::Overridden);
    ReviewController c2(&w2);
    ASSERT_TRUE(c2.restoreRecovery(QStringLiteral("ann")).ok());
    EXPECT_TRUE(w2.project().sameState(unsaved));
    EXPECT_EQ(w2.review(kStella)->status, ReviewStatus::Approved);
    c2.undoStack()->undo();
    EXPECT_EQ(w2.review(kStella)->status, ReviewStatus::Overridden);
    c2.undoStack()->redo();
    ASSERT_TRUE(c2.save().ok());
    // The first session's file handle sees the outside change and refuses to clobber it.
    auto clobber = c.save();
    ASSERT_FALSE(clobber.ok());
    EXPECT_TRUE(clobber.error().contains(QStringLiteral("changed by another program")));
}
