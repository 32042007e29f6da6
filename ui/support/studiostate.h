// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"
#include "app/review/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

class QUndoStack;

namespace memspec {
class Settings;
}

namespace memspec::ui {

class AsyncEstimator;

// One line of the audit trail as the studio shows it.
struct AuditEntry
{
    QDateTime when;
    QString who;
    QString action;
    QString model;
    QString detail;
};

// What the reviewer set for one model (parameters, override, sign-off).
struct ReviewRecord
{
    EstimateParams parameters;
    std::optional<Override> override;
    std::optional<SignOff> signOff;
};

// The studio's document: the workspace, the reviewer's records, the undo stack and the current ModelReview of
// every model. Every change goes through an undo command; estimates are recomputed off the UI thread and
// announced with reviewChanged(key). Panels read from here and never touch the workspace directly.
class StudioState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StudioState)
public:
    StudioState(Workspace workspace, Settings *settings, QObject *parent = nullptr);
    ~StudioState() override;

    const Workspace &workspace() const { return m_workspace; }
    Settings *settings() const { return m_settings; }
    QUndoStack *undoStack() const { return m_undo; }

    QList<ModelReview> reviews() const;
    std::optional<ModelReview> review(const QString &key) const;
    ReviewRecord record(const QString &key) const { return m_records.value(key); }
    const QList<AuditEntry> &audit() const { return m_audit; }
    bool isEstimating(const QString &key) const;

    // Undoable edits. Errors name the model and the field; nothing changes on error.
    Result<Done> setParameters(const QString &key, const EstimateParams &params);
    Result<Done> setOverride(const QString &key, qint64 mib, const QString &reason);
    Result<Done> clearOverride(const QString &key);
    Result<Done> signOff(const QString &key, const QString &reviewer);

    // A refresh brought new facts for a model: recompute; a sign-off whose inputs changed turns stale.
    void applyFacts(const ModelFacts &facts);

    // Used by the undo commands: swap a whole record without creating another command.
    void restoreRecord(const QString &key, const ReviewRecord &record, const AuditEntry &event);

Q_SIGNALS:
    void reviewChanged(const QString &key);
    void estimatingChanged(const QString &key, bool busy);
    void auditChanged();

private:
    void recompute(const QString &key);
    void onEstimated(const QString &key, const Estimate &estimate);
    ModelReview assemble(const RegistryEntry &entry, const Estimate &estimate) const;
    EstimateParams effectiveParams(const QString &key) const;
    QString who() const;
    void push(const QString &key, const ReviewRecord &after, const QString &action, const QString &detail);

    Workspace m_workspace;
    Settings *m_settings;
    QUndoStack *m_undo;
    AsyncEstimator *m_estimator;
    QHash<QString, ReviewRecord> m_records;
    QHash<QString, ModelReview> m_reviews;
    QList<AuditEntry> m_audit;
};

// The inputs a sign-off depends on, and their fingerprint (sha256 of the compact JSON).
QJsonObject signOffInputs(const ModelReview &review, const ModelFacts *facts);
QString fingerprintOf(const QJsonObject &inputs);

} // namespace memspec::ui
