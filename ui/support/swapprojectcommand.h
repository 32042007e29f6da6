// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/project.h"

#include <QUndoCommand>

namespace memspec::ui {

class StudioState;

// One undoable review edit: the project before and after a pure Workspace operation. Undo/redo install the
// other state and append an "undo"/"redo" event, so the audit trail is never rewritten.
class SwapProjectCommand final : public QUndoCommand
{
public:
    SwapProjectCommand(StudioState *state, Project before, Project after, const QString &text, QString model);

    void undo() override;
    void redo() override;
    // Consecutive parameter edits of one model (spin-box steps) merge into one undo step.
    int id() const override { return m_mergeable ? 0x6d73 : -1; }
    bool mergeWith(const QUndoCommand *other) override;
    void setMergeable(bool mergeable) { m_mergeable = mergeable; }

private:
    void install(const Project &state, const QString &action);

    StudioState *m_state;
    Project m_before;
    Project m_after;
    QString m_model;
    bool m_done = false;
    bool m_mergeable = false;
};

} // namespace memspec::ui
