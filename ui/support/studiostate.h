// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"
#include "app/review/workspace.h"

#include <QHash>
#include <QObject>

#include <optional>

class QUndoStack;

namespace memspec {
class Settings;
}

namespace memspec::ui {

class ReviewController;

// The studio's document: the workspace (registry, facts, project), the undo stack and the current ModelReview
// of every model. Edits go through the review layer's ReviewController (undoable commands); the
// reviews are then recomputed off the UI thread (QtConcurrent) on a copy of the workspace, and a generation
// counter drops results that a newer edit has overtaken. Panels read from here and never touch the workspace.
class StudioState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StudioState)
public:
    StudioState(Workspace workspace, Settings *settings, QObject *parent = nullptr);
    ~StudioState() override;

    const Workspace &workspace() const { return m_workspace; }
    Settings *settings() const { return m_settings; }
    QUndoStack *undoStack() const;
    ReviewController *controller() const { return m_controller; }
    Result<Done> save(bool overwrite = false);
    // Saves to another file, which becomes the project's file.
    Result<Done> saveAs(const QString &path);
    // Switches to another project (File > New / Open): the undo history is dropped (the caller asked about
    // unsaved changes first) and every review is recomputed before workspaceReplaced() is emitted.
    void replaceWorkspace(Workspace workspace);
    // Installs the project's recovery file (unsaved work of a session that did not close) as one undoable step.
    Result<Done> restoreRecovery();
    bool hasUnsavedChanges() const;

    QList<ModelReview> reviews() const;
    std::optional<ModelReview> review(const QString &key) const;
    EstimateParams parameters(const QString &key) const { return m_workspace.parameters(key); }
    const QList<AuditEvent> &audit() const { return m_workspace.project().audit; }
    bool isEstimating() const { return m_running > 0 && m_generation != m_delivered; }
    quint64 generation() const { return m_generation; }

    // Undoable edits. Errors name the model and the field; nothing changes on error.
    Result<Done> setParameters(const QString &key, const EstimateParams &params);
    Result<Done> setOverride(const QString &key, qint64 mib, const QString &reason);
    Result<Done> clearOverride(const QString &key);
    // Fit to target: the prompt limit a fit found (audit action fit_envelope); needs a reason.
    Result<Done> fitPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit, const QString &reason);
    Result<Done> signOff(const QString &key, const QString &reviewer);
    // Withdraws the sign-off (approved or stale) with a written reason; audit action `revoke`.
    Result<Done> revokeSignOff(const QString &key, const QString &reason);
    // Registry edits (undoable; registry_upsert / registry_remove in the audit trail). addModel refuses a key that
    // is already in the registry; `facts` (from the hub loader) replace the model's facts first.
    Result<Done> addModel(const RegistryEntry &entry, const ModelFacts &facts);
    Result<Done> editModel(const RegistryEntry &entry, const std::optional<ModelFacts> &facts = std::nullopt);
    Result<Done> removeModel(const QString &key);

    // A refresh brought new facts for a model: recompute; a sign-off whose inputs changed turns stale.
    void applyFacts(const ModelFacts &facts);
    // The reviewer's name, or a placeholder naming the OS user.
    QString who() const;

Q_SIGNALS:
    void reviewChanged(const QString &key);
    void reviewsChanged(); // after every recompute, once per batch
    void estimatingChanged(bool busy);
    void auditChanged();
    void factsChanged(const QString &key);
    void workspaceReplaced();
    // The undo stack became clean or dirty (saved, edited, undone back to the saved state).
    void unsavedChangesChanged(bool unsaved);

private:
    void recompute();

    Workspace m_workspace;
    Settings *m_settings;
    ReviewController *m_controller;
    QHash<QString, ModelReview> m_reviews;
    quint64 m_generation = 0;
    quint64 m_delivered = 0;
    int m_running = 0;
};

} // namespace memspec::ui
