// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/envelopefit.h"
#include "app/budget/gpucatalog.h"
#include "app/common/result.h"
#include "app/estimate/envelope.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace memspec::ui {

class StudioState;

// View ▸ Serving envelope: the selected model's memory per worker over the prompt limit (log x axis, 512 …
// max_input_tokens), the target's pool limit and the per-worker share for 1–4 workers, and "Fit to target", which
// sets the largest prompt limit at which the chosen number of workers pass the pool rule (undoable, recorded in the
// audit trail as fit_envelope). The curve is a handful of estimates, computed on the GUI thread.
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
    QChart *chart() const;
    // Applies the fit to the selected model with the reason in the panel's field.
    Result<Done> fitToTarget();

Q_SIGNALS:
    void fitApplied(const QString &message);
    void failed(const QString &message);

private:
    void recompute();
    void rebuildChart();

    StudioState *m_state;
    GpuCatalog m_catalog;
    QString m_key;
    BudgetTarget m_target;
    QList<EnvelopePoint> m_curve;
    EnvelopeFitResult m_fit;
    Envelope m_now;
    QComboBox *m_gpu;
    QSpinBox *m_workers;
    QLineEdit *m_reason;
    QPushButton *m_fitButton;
    QLabel *m_title;
    QLabel *m_summary;
    QChartView *m_view;
};

} // namespace memspec::ui
