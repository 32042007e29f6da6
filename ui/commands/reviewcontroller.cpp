// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "reviewcontroller.h"

#include "app/review/reviewlog.h"
#include "app/review/workspace.h"

#include "ui/commands/projectcommand.h"

#include <QLoggingCategory>
#include <QUndoStack>

namespace memspec::ui {

ReviewController::ReviewController(Workspace *workspace, QObject *parent)
    : QObject(parent), m_workspace(workspace), m_stack(new QUndoStack(this))
{
    m_stack->setObjectName(QStringLiteral("reviewUndoStack"));
    // After the stack moved (push, undo, redo, setIndex): only then does isClean() describe the new state.
    connect(m_stack, &QUndoStack::indexChanged, this, &ReviewController::onChanged);
}

Result<Done> ReviewController::push(const Result<Project> &after, const QString &text, const QString &who,
                                    const QString &model, bool mergeable)
{
    if (!after) {
        return Result<Done>::failure(after.error());
    }
    auto *cmd = new ProjectCommand(m_workspace, after.value(), text, who, model, {});
    cmd->setMergeable(mergeable);
    m_stack->push(cmd);
    return Done{};
}

void ReviewController::onChanged()
{
    if (ProjectFile *file = m_workspace->projectFile()) {
        // Unsaved work survives a crash; a clean stack means the file on disk already holds it.
        if (m_stack->isClean()) {
            file->discardRecovery();
        } else if (auto written = file->writeRecovery(m_workspace->project()); !written) {
            qCWarning(lcReview) << "cannot write the recovery file:" << written.error();
        }
    }
    Q_EMIT projectChanged();
}

Result<Done> ReviewController::setParameters(const QString &key, const EstimateParams &params, const QString &who)
{
    return push(m_workspace->withParameters(key, params, who), tr("Change parameters of %1").arg(key), who, key, true);
}

Result<Done> ReviewController::setOverride(const QString &key, qint64 mib, const QString &reason, const QString &who)
{
    return push(m_workspace->withOverride(key, mib, reason, who), tr("Override %1 to %2 MiB").arg(key).arg(mib), who,
                key);
}

Result<Done> ReviewController::fitPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit,
                                              const QString &reason, const QString &who)
{
    return push(m_workspace->withPromptLimit(key, tokens, fit, reason, who),
                tr("Fit prompt limit of %1 to %2").arg(key).arg(tokens), who, key);
}

Result<Done> ReviewController::clearOverride(const QString &key, const QString &who)
{
    return push(m_workspace->withoutOverride(key, who), tr("Clear override of %1").arg(key), who, key);
}

Result<Done> ReviewController::signOff(const QString &key, const QString &reviewer)
{
    return push(m_workspace->withSignOff(key, reviewer), tr("Sign off %1").arg(key), reviewer, key);
}

Result<Done> ReviewController::revokeSignOff(const QString &key, const QString &reason, const QString &who)
{
    return push(m_workspace->withoutSignOff(key, reason, who), tr("Revoke sign-off of %1").arg(key), who, key);
}

Result<Done> ReviewController::upsertRegistryEntry(const RegistryEntry &entry, const QString &who)
{
    return push(m_workspace->withRegistryEntry(entry, who), tr("Add or edit %1 in the registry").arg(entry.key), who,
                entry.key);
}

Result<Done> ReviewController::replaceRegistryEntry(const QString &oldKey, const RegistryEntry &entry,
                                                    const QString &who)
{
    auto removed = m_workspace->withoutRegistryEntry(oldKey, who);
    if (!removed) {
        return Result<Done>::failure(removed.error());
    }
    Workspace scratch = *m_workspace; // the removal applied to a copy, so the addition validates against it
    if (auto set = scratch.setProject(removed.value()); !set) {
        return set;
    }
    return push(scratch.withRegistryEntry(entry, who), tr("Replace %1 with %2 in the registry").arg(oldKey, entry.key),
                who, entry.key);
}

Result<Done> ReviewController::removeRegistryEntry(const QString &key, const QString &who)
{
    return push(m_workspace->withoutRegistryEntry(key, who), tr("Remove %1 from the registry").arg(key), who, key);
}

Result<Done> ReviewController::restoreRecovery(const QString &who)
{
    ProjectFile *file = m_workspace->projectFile();
    if (!file) {
        return Result<Done>::failure(tr("no project file is open"));
    }
    auto recovered = file->loadRecovery();
    if (!recovered) {
        return Result<Done>::failure(recovered.error());
    }
    Project p = recovered.value();
    p.log(Workspace::now(), who, QStringLiteral("restore_recovery"), QString(),
          {{QStringLiteral("file"), file->recoveryPath()}});
    return push(p, tr("Restore unsaved changes"), who, QString());
}

Result<Done> ReviewController::save(bool overwrite)
{
    auto saved =
        m_workspace->save(overwrite ? ProjectFile::SaveMode::Overwrite : ProjectFile::SaveMode::RefuseExternalChange);
    if (saved) {
        m_stack->setClean();
    }
    return saved;
}

Result<Done> ReviewController::saveAs(const QString &path)
{
    auto saved = m_workspace->saveAs(path);
    if (saved) {
        m_stack->setClean();
    }
    return saved;
}

void ReviewController::clearHistory()
{
    m_stack->clear();
}

bool ReviewController::hasUnsavedChanges() const
{
    return !m_stack->isClean();
}

} // namespace memspec::ui
