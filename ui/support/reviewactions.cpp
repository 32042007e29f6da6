// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "reviewactions.h"

#include "app/settings/settings.h"

#include "ui/dialogs/overridedialog.h"
#include "ui/dialogs/revokedialog.h"
#include "ui/dialogs/signoffdialog.h"
#include "ui/support/studiostate.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLocale>
#include <QUndoStack>
#include <QWidget>

namespace memspec::ui {

ReviewActions::ReviewActions(StudioState *state, QWidget *dialogParent)
    : QObject(dialogParent), m_state(state), m_parent(dialogParent),
      m_override(new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Override…"), this)),
      m_clearOverride(new QAction(tr("&Clear override"), this)),
      m_signOff(new QAction(QIcon::fromTheme(QStringLiteral("dialog-ok-apply")), tr("&Sign off…"), this)),
      m_revoke(new QAction(tr("&Revoke sign-off…"), this)),
      m_undo(state->undoStack()->createUndoAction(this, tr("&Undo"))),
      m_redo(state->undoStack()->createRedoAction(this, tr("&Redo")))
{
    m_override->setObjectName(QStringLiteral("actionOverride"));
    m_override->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_override->setToolTip(tr("Replace the computed value, with a written reason (Ctrl+E)"));
    m_clearOverride->setObjectName(QStringLiteral("actionClearOverride"));
    m_signOff->setObjectName(QStringLiteral("actionSignOff"));
    m_signOff->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_signOff->setToolTip(tr("Approve this value with your name and a fingerprint of its inputs (Ctrl+Enter)"));
    m_revoke->setObjectName(QStringLiteral("actionRevokeSignOff"));
    m_revoke->setToolTip(tr("Withdraw this model's sign-off, with a reason recorded in the audit trail"));
    m_undo->setObjectName(QStringLiteral("actionUndo"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_redo->setObjectName(QStringLiteral("actionRedo"));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    m_redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    // The toolbar shows the short word; the menu and the tooltip say what would be undone.
    m_undo->setIconText(tr("Undo"));
    m_redo->setIconText(tr("Redo"));
    auto tip = [](QAction *a, const QString &what, const QString &keys) {
        a->setToolTip(what.isEmpty() ? tr("Nothing to %1").arg(a->iconText().toLower())
                                     : QStringLiteral("%1 (%2)").arg(what, keys));
    };
    connect(state->undoStack(), &QUndoStack::undoTextChanged, this, [this, tip](const QString &t) {
        tip(m_undo, t.isEmpty() ? QString() : tr("Undo %1").arg(t), QStringLiteral("Ctrl+Z"));
    });
    connect(state->undoStack(), &QUndoStack::redoTextChanged, this, [this, tip](const QString &t) {
        tip(m_redo, t.isEmpty() ? QString() : tr("Redo %1").arg(t), QStringLiteral("Ctrl+Shift+Z"));
    });
    tip(m_undo, QString(), QString());
    tip(m_redo, QString(), QString());
    qApp->installEventFilter(this);

    connect(m_override, &QAction::triggered, this, &ReviewActions::openOverride);
    connect(m_signOff, &QAction::triggered, this, &ReviewActions::openSignOff);
    connect(m_revoke, &QAction::triggered, this, &ReviewActions::openRevoke);
    connect(m_clearOverride, &QAction::triggered, this, [this]() {
        const auto r = m_state->clearOverride(m_key);
        if (!r) {
            Q_EMIT failed(r.error());
        }
    });
    connect(m_state, &StudioState::reviewChanged, this, [this](const QString &key) {
        if (key == m_key) {
            updateEnabled();
        }
    });
    connect(m_state, &StudioState::estimatingChanged, this, &ReviewActions::updateEnabled);
    connect(m_state, &StudioState::reviewsChanged, this, &ReviewActions::updateEnabled);
    updateEnabled();
}

bool ReviewActions::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride || !watched->isWidgetType()) {
        return false;
    }
    auto *ke = static_cast<QKeyEvent *>(event);
    const bool undoKey = ke->matches(QKeySequence::Undo) || ke->matches(QKeySequence::Redo) ||
                         ke->keyCombination() == QKeyCombination(Qt::CTRL, Qt::Key_Y);
    if (!undoKey) {
        return false;
    }
    auto *w = static_cast<QWidget *>(watched);
    const bool spinBox = qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QAbstractSpinBox *>(w->parentWidget());
    // Swallowed, the override stays unaccepted, so the window's Undo/Redo shortcut fires.
    return spinBox && m_parent && (m_parent == w || m_parent->isAncestorOf(w));
}

void ReviewActions::setCurrentKey(const QString &key)
{
    m_key = key;
    updateEnabled();
}

void ReviewActions::updateEnabled()
{
    const auto review = m_state->review(m_key);
    m_override->setEnabled(review.has_value());
    m_clearOverride->setEnabled(review && review->override);
    m_signOff->setEnabled(review && !review->approved() && !m_state->isEstimating());
    m_revoke->setEnabled(review && review->signOff.has_value());
}

void ReviewActions::openOverride()
{
    const auto review = m_state->review(m_key);
    if (!review) {
        return;
    }
    auto *dialog = new OverrideDialog(review->entry.name, review->estimate.estMib, review->effectiveMib(),
                                      review->override ? review->override->reason : QString(), m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = m_key;
    connect(dialog, &QDialog::accepted, this, [this, dialog, key]() {
        const auto r = m_state->setOverride(key, dialog->mib(), dialog->reason());
        if (!r) {
            Q_EMIT failed(r.error());
        } else {
            Q_EMIT done(tr("Override recorded for %1").arg(key));
        }
    });
    dialog->open();
}

void ReviewActions::openSignOff()
{
    const auto review = m_state->review(m_key);
    if (!review || m_state->isEstimating()) {
        return;
    }
    const QString summary =
        tr("The sign-off records your name, the time and a fingerprint of the inputs (repo revision, file sizes, "
           "estimator %1, runtime %2 on %3, parameters). A later refresh that changes any of them marks the model "
           "<b>stale</b>.")
            .arg(review->estimate.estimatorVersion, review->estimate.parameters.runtime,
                 review->estimate.parameters.device);
    auto *dialog = new SignOffDialog(review->entry.name, review->effectiveMib(), summary,
                                     m_state->settings() ? m_state->settings()->reviewerName() : QString(), m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = m_key;
    connect(dialog, &QDialog::accepted, this, [this, dialog, key]() {
        const auto r = m_state->signOff(key, dialog->reviewer());
        if (!r) {
            Q_EMIT failed(r.error());
        } else {
            Q_EMIT done(tr("%1 signed off by %2").arg(key, dialog->reviewer()));
        }
    });
    dialog->open();
}

void ReviewActions::openRevoke()
{
    const auto review = m_state->review(m_key);
    if (!review || !review->signOff) {
        return;
    }
    const SignOff &s = *review->signOff;
    const QString what =
        tr("Signed off at %L1 MiB by %2 on %3 (%4). Revoking keeps the figure and its override; "
           "the model needs a new sign-off before exports treat it as approved.")
            .arg(s.approvedMib)
            .arg(s.reviewer, QLocale().toString(s.when.toLocalTime(), QLocale::ShortFormat), s.fingerprint.left(19));
    auto *dialog = new RevokeDialog(review->entry.name, what, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = m_key;
    connect(dialog, &QDialog::accepted, this, [this, dialog, key]() {
        const auto r = m_state->revokeSignOff(key, dialog->reason());
        if (!r) {
            Q_EMIT failed(r.error());
        } else {
            Q_EMIT done(tr("Sign-off of %1 revoked (undo with Ctrl+Z)").arg(key));
        }
    });
    dialog->open();
}

} // namespace memspec::ui
