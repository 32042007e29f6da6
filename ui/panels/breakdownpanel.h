// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/modelreview.h"

#include <QWidget>

class QAction;
class QLabel;
class QTabWidget;
class QTableView;
class QHBoxLayout;

namespace memspec::ui {

class AuditModel;
class BreakdownModel;
class EvidenceModel;
class ParameterPanel;
class StudioState;

// The selected model's per-worker breakdown: the value and review status, the serving parameters (edits
// recompute off the UI thread), the five lines with derivations and sources, the card's memory statements as
// evidence with the rule-of-thumb cross-check, the estimate's notes and the model's audit trail.
class BreakdownPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakdownPanel)
public:
    explicit BreakdownPanel(StudioState *state, QWidget *parent = nullptr);

    void showModel(const QString &key);
    // Review actions shown as buttons under the value (owned by ReviewActions).
    void setReviewActions(const QList<QAction *> &actions);

    BreakdownModel *model() const { return m_model; }
    EvidenceModel *evidence() const { return m_evidence; }
    AuditModel *audit() const { return m_audit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Caps each breakdown row at the whole lines that let every row, Total included, show without scrolling; the
    // full derivation is in each row's tooltip.
    void fitRowsToViewport();
    // The current line of the breakdown, whole: its derivation and every source (the table's cells elide them).
    void showLineDetail();
    void refresh();
    void refreshAudit();
    void showReview(const ModelReview &review);

    StudioState *m_state;
    QString m_key;
    BreakdownModel *m_model;
    EvidenceModel *m_evidence;
    AuditModel *m_audit;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_value;
    QLabel *m_review;
    QHBoxLayout *m_actions;
    ParameterPanel *m_params;
    QLabel *m_paramError;
    QTableView *m_table;
    QLabel *m_lineDetail;
    QString m_detailLine; // the line id the detail shows; kept across recomputes
    QTabWidget *m_tabs;
    QLabel *m_crossCheck;
    QTableView *m_evidenceView;
    QLabel *m_notes;
    QTableView *m_auditView;
};

} // namespace memspec::ui
