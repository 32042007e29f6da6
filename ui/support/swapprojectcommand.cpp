// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "swapprojectcommand.h"

#include "app/review/workspace.h"
#include "ui/support/studiostate.h"

namespace memspec::ui {

SwapProjectCommand::SwapProjectCommand(StudioState *state, Project before, Project after, const QString &text, QString model)
    : m_state(state), m_before(std::move(before)), m_after(std::move(after)), m_model(std::move(model))
{
    setText(text);
}

void SwapProjectCommand::install(const Project &state, const QString &action)
{
    // Keep the history that exists now and add this step to it.
    Project next = state.withAudit(m_state->workspace().project().audit);
    next.log(Workspace::now(), m_state->who(), action, m_model, {{QStringLiteral("step"), text()}});
    m_state->installProject(next);
}

void SwapProjectCommand::undo()
{
    install(m_before, QStringLiteral("undo"));
}

void SwapProjectCommand::redo()
{
    if (!m_done) {
        m_done = true;
        m_state->installProject(m_after);   // the operation already logged its own event
        return;
    }
    install(m_after, QStringLiteral("redo"));
}

bool SwapProjectCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const SwapProjectCommand *>(other);
    if (!o || !o->m_mergeable || o->m_model != m_model) {
        return false;
    }
    m_after = o->m_after;
    return true;
}

} // namespace memspec::ui
