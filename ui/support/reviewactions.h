// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace memspec::ui {

class StudioState;

// The review workflow's actions (override, clear override, sign off, revoke sign-off, undo, redo) for the selected
// model. The dialogs open window-modal with open(), never a nested exec() loop, so the window keeps painting and tests
// can fill them in.
class ReviewActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewActions)
public:
    ReviewActions(StudioState *state, QWidget *dialogParent);

    void setCurrentKey(const QString &key);

    QAction *overrideAction() const { return m_override; }
    QAction *clearOverrideAction() const { return m_clearOverride; }
    QAction *signOffAction() const { return m_signOff; }
    QAction *revokeAction() const { return m_revoke; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }

protected:
    // Ctrl+Z / Ctrl+Shift+Z in a spin box undo the review, not the spin box's text: its edits are already steps on
    // the review's undo stack, so the window's shortcut must win over the editor's own undo.
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void failed(const QString &message);
    void done(const QString &message);

private:
    void updateEnabled();
    void openOverride();
    void openSignOff();
    void openRevoke();

    StudioState *m_state;
    QWidget *m_parent;
    QString m_key;
    QAction *m_override;
    QAction *m_clearOverride;
    QAction *m_signOff;
    QAction *m_revoke;
    QAction *m_undo;
    QAction *m_redo;
};

} // namespace memspec::ui
