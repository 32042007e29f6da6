// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/estimate/estimateparams.h"
#include "app/registry/registryentry.h"

#include <QObject>

class QUndoStack;

namespace memspec {
class Workspace;
struct Project;
} // namespace memspec

namespace memspec::ui {

// The studio's single entry point for review edits: each call runs the pure Workspace operation, and on success
// pushes an undoable ProjectCommand. Errors (naming the field) come back unchanged and push nothing. Keeps the
// recovery file up to date while there are unsaved changes.
class ReviewController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewController)
public:
    // `workspace` must outlive the controller (MainWindow owns both).
    explicit ReviewController(Workspace *workspace, QObject *parent = nullptr);

    QUndoStack *undoStack() const { return m_stack; }
    Workspace *workspace() const { return m_workspace; }

    Result<Done> setParameters(const QString &key, const EstimateParams &params, const QString &who);
    Result<Done> setOverride(const QString &key, qint64 mib, const QString &reason, const QString &who);
    Result<Done> clearOverride(const QString &key, const QString &who);
    Result<Done> fitPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit, const QString &reason,
                                const QString &who);
    Result<Done> signOff(const QString &key, const QString &reviewer);
    Result<Done> revokeSignOff(const QString &key, const QString &reason, const QString &who);
    Result<Done> upsertRegistryEntry(const RegistryEntry &entry, const QString &who);
    Result<Done> removeRegistryEntry(const QString &key, const QString &who);
    // Replaces the entry `oldKey` with `entry` (another key: the service's model adopted) in one undoable step;
    // the old model's parameters, override and sign-off go with it (they were about another repo).
    Result<Done> replaceRegistryEntry(const QString &oldKey, const RegistryEntry &entry, const QString &who);
    // Installs the recovery file's project as one undoable step.
    Result<Done> restoreRecovery(const QString &who);

    // Atomic save (refuses to clobber an outside change unless `overwrite`); marks the stack clean.
    Result<Done> save(bool overwrite = false);
    // Saves to `path`, which becomes the project's file; marks the stack clean.
    Result<Done> saveAs(const QString &path);
    // Before the workspace is replaced by another project: forgets the undo history (it belongs to the old one).
    void clearHistory();
    bool hasUnsavedChanges() const;

Q_SIGNALS:
    // After every do, undo and redo: views re-read Workspace::reviews().
    void projectChanged();

private:
    Result<Done> push(const Result<Project> &after, const QString &text, const QString &who, const QString &model,
                      bool mergeable = false);
    void onChanged();

    Workspace *m_workspace;
    QUndoStack *m_stack;
};

} // namespace memspec::ui
