// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/project.h"

#include <QUndoCommand>

#include <functional>

namespace memspec {
class Workspace;
}

namespace memspec::ui {

// One undoable edit of the project: the state before and after a pure Workspace operation. Undo and redo swap
// the state but never rewrite history: each appends an "undo"/"redo" event to the audit trail.
class ProjectCommand final : public QUndoCommand
{
public:
    // `after` is the result of a Workspace::with*() call on `workspace`'s current project.
    ProjectCommand(Workspace *workspace, Project after, const QString &text, const QString &who, const QString &model,
                   std::function<void()> changed, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    // Consecutive parameter edits of one model merge into one undo step (a spin box firing per keystroke).
    int id() const override { return m_mergeable ? 0x6d73 : -1; }
    bool mergeWith(const QUndoCommand *other) override;

    void setMergeable(bool mergeable) { m_mergeable = mergeable; }
    const QString &model() const { return m_model; }

private:
    void install(const Project &state, const char *action);

    Workspace *m_workspace;
    Project m_before;
    Project m_after;
    QString m_who;
    QString m_model;
    std::function<void()> m_changed;
    bool m_done = false; // redo() ran once: later redos are real redos
    bool m_mergeable = false;
};

} // namespace memspec::ui
