// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace memspec::ui {

class BreakdownModel;

// The per-worker breakdown of the selected model: five lines with derivations and sources, the total and the
// rounded est_memory_allocation_mb, and the estimate's notes.
class BreakdownPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakdownPanel)
public:
    explicit BreakdownPanel(QWidget *parent = nullptr);

    void setEstimate(const QString &title, const Estimate &estimate);
    BreakdownModel *model() const { return m_model; }

private:
    BreakdownModel *m_model;
    QLabel *m_title;
    QLabel *m_value;
    QTableView *m_view;
    QLabel *m_notes;
};

} // namespace memspec::ui
