// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/envelopefit.h"
#include "app/budget/gpucatalog.h"
#include "app/common/result.h"
#include "app/estimate/envelope.h"

#include "ui/support/jobtracker.h"

#include <QSet>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace memspec::ui {

class StudioState;

// View ▸ Serving envelope: the selected model's memory per worker over the prompt limit (log x axis, 512 …
// max_input_tokens), the target's pool limit and the per-worker share for 1–4 workers, and "Fit to target", which
// sets the largest prompt limit at which the chosen number of workers pass the pool rule (undoable, recorded in the
// audit trail as fit_envelope). The co-load list picks the other models that share the GPU (one worker each, as
// `memspec fit --co-load`); the fit leaves room for them. The curve and the fit are computed on the thread pool on a
// copy of the workspace (a JobTracker drops results a newer input overtook); computed() says when one landed.
class EnvelopePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvelopePanel)
public:
    explicit EnvelopePanel(StudioState *state, QWidget *parent = nullptr);

    void setModel(const QString &key);
    bool selectGpu(const QString &label);
    void setWorkers(int workers);

    const QString &modelKey() const { return m_key; }
    const QList<EnvelopePoint> &curve() const { return m_curve; }
    const EnvelopeFitResult &fit() const { return m_fit; }
    const BudgetTarget &target() const { return m_target; }
    // One worker of each ticked co-load model (MiB), as the last fit used it.
    qint64 coLoadMib() const { return m_fit.coLoadMib; }
    // A curve and fit are being computed; computed() follows.
    bool isComputing() const { return m_jobs.running() > 0; }
    QChart *chart() const;
    // Applies the fit to the selected model with the reason in the panel's field.
    Result<Done> fitToTarget();

Q_SIGNALS:
    void fitApplied(const QString &message);
    void failed(const QString &message);
    void computed();

private:
    struct Computed;
    void recompute();
    void showComputed(const Computed &c);
    void rebuildCoLoadList();
    void rebuildChart();
    void showChart(QChart *chart); // and deletes the chart it replaces

    StudioState *m_state;
    GpuCatalog m_catalog;
    QString m_key;
    BudgetTarget m_target;
    QList<EnvelopePoint> m_curve;
    EnvelopeFitResult m_fit;
    Envelope m_now;
    QSet<QString> m_coLoad; // ticked co-load models (keys)
    JobTracker m_jobs{JobTracker::Policy::LatestOnly};
    QComboBox *m_gpu;
    QSpinBox *m_workers;
    QListWidget *m_coLoadList;
    QLineEdit *m_reason;
    QPushButton *m_fitButton;
    QLabel *m_title;
    QLabel *m_summary;
    QChartView *m_view;
};

} // namespace memspec::ui
