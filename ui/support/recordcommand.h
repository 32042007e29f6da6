// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/support/studiostate.h"

#include <QUndoCommand>

namespace memspec::ui {

// Swaps one model's review record (parameters, override, sign-off); undo restores the previous one. Each
// redo/undo appends to the audit trail, which is never rewritten.
class RecordCommand final : public QUndoCommand
{
public:
    RecordCommand(StudioState *state, QString key, ReviewRecord before, ReviewRecord after, AuditEntry event);

    void undo() override;
    void redo() override;

private:
    StudioState *m_state;
    QString m_key;
    ReviewRecord m_before;
    ReviewRecord m_after;
    AuditEntry m_event;
    bool m_firstRedo = true;
};

} // namespace memspec::ui
