// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "recordcommand.h"

namespace memspec::ui {

RecordCommand::RecordCommand(StudioState *state, QString key, ReviewRecord before, ReviewRecord after, AuditEntry event)
    : m_state(state), m_key(std::move(key)), m_before(std::move(before)), m_after(std::move(after)),
      m_event(std::move(event))
{
    setText(QStringLiteral("%1 %2").arg(m_event.action, m_key));
}

void RecordCommand::undo()
{
    AuditEntry e = m_event;
    e.when = QDateTime::currentDateTimeUtc();
    e.action = QStringLiteral("undo ") + m_event.action;
    m_state->restoreRecord(m_key, m_before, e);
}

void RecordCommand::redo()
{
    AuditEntry e = m_event;
    if (!m_firstRedo) {
        e.when = QDateTime::currentDateTimeUtc();
        e.action = QStringLiteral("redo ") + m_event.action;
    }
    m_firstRedo = false;
    m_state->restoreRecord(m_key, m_after, e);
}

} // namespace memspec::ui
