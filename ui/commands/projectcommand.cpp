// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "projectcommand.h"

#include "app/review/workspace.h"

namespace memspec::ui {

ProjectCommand::ProjectCommand(Workspace *workspace, Project after, const QString &text, const QString &who,
                               const QString &model, std::function<void()> changed, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_workspace(workspace), m_before(workspace->project()), m_after(std::move(after)),
      m_who(who), m_model(model), m_changed(std::move(changed))
{
}

void ProjectCommand::install(const Project &state, const char *action)
{
    Project p = state.withAudit(m_workspace->project().audit);
    p.log(Workspace::now(), m_who, QLatin1String(action), m_model, {{QStringLiteral("of"), text()}});
    // The state was valid when the command was made and the registry base has not changed since.
    const auto installed = m_workspace->setProject(p);
    Q_ASSERT(installed.ok());
    if (m_changed) {
        m_changed();
    }
}

void ProjectCommand::redo()
{
    if (!m_done) {
        m_done = true;
        // The first redo installs the operation's own result, with its own audit event.
        const auto installed = m_workspace->setProject(m_after);
        Q_ASSERT(installed.ok());
        if (m_changed) {
            m_changed();
        }
        return;
    }
    install(m_after, "redo");
}

void ProjectCommand::undo()
{
    install(m_before, "undo");
}

bool ProjectCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const ProjectCommand *>(other);
    if (!o || !m_mergeable || !o->m_mergeable || o->m_model != m_model || o->m_workspace != m_workspace) {
        return false;
    }
    m_after = o->m_after;
    return true;
}

} // namespace memspec::ui
