// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetchartdata.h"
#include "app/budget/gpucatalog.h"
#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;

namespace memspec {
class Settings;
}

namespace memspec::ui {

class BudgetSelectionModel;
class BudgetTableModel;

// The budget view (DESIGN §2 step 6): pick a target (catalog GPU, custom MiB, host RAM; N devices), the pool's
// reserve and the co-load set; see a stacked bar per model against the capacity and the pool rule, with max
// workers and headroom in a table. Everything recomputes on every change through BudgetCalculator.
//
// Object names: budgetPanel, budgetGpuCombo, budgetCustomMib, budgetGpuCount, budgetReserveMib, budgetTargetInfo,
// budgetModelList, budgetSelectAll, budgetSelectNone, budgetChartView, budgetLegend, budgetVerdict, budgetTable,
// budgetExportPng, budgetExportSvg, budgetExportCsv.
class BudgetPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BudgetPanel)
public:
    explicit BudgetPanel(QWidget *parent = nullptr);

    // The models to choose from (Workspace::reviews()). Ticks persist by key; a model seen for the first time is
    // ticked when its figure fits the current target's pool limit alone.
    void setReviews(const QList<ModelReview> &reviews);

    // Target controls, for callers and tests (the widgets stay in sync).
    bool selectGpu(const QString &name); // a catalog label ("H100 80GB") or "host"; false when unknown
    void setCheckedKeys(const QStringList &keys);
    // Where the export buttons remember their folder between sessions; none: they start in the current folder.
    void setSettings(Settings *settings) { m_settings = settings; }

    const BudgetResult &result() const { return m_result; }
    const BudgetChartData &chartData() const { return m_chartData; }
    QChart *chart() const;
    BudgetSelectionModel *selectionModel() const { return m_selection; }
    BudgetTableModel *tableModel() const { return m_table; }

    // Exports without dialogs (the buttons ask for a file name, then call these). Written atomically.
    Result<Done> exportPng(const QString &path) const;
    Result<Done> exportSvg(const QString &path) const;
    Result<Done> exportCsv(const QString &path) const;

Q_SIGNALS:
    void resultChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildControls();
    void fillGpuCombo();
    void onTargetChanged();
    void onPerDeviceEdited();
    void recompute();
    void applyTheme();
    void exportWithDialog(const QString &filter, const QString &suffix,
                          Result<Done> (BudgetPanel::*fn)(const QString &) const);
    BudgetTarget currentTarget() const;

    GpuCatalog m_catalog;
    qint64 m_hostMib = 0;
    BudgetSelectionModel *m_selection;
    BudgetTableModel *m_table;
    BudgetResult m_result;
    BudgetChartData m_chartData;
    QComboBox *m_gpuCombo = nullptr;
    QSpinBox *m_customMib = nullptr;
    QSpinBox *m_count = nullptr;
    QSpinBox *m_reserve = nullptr;
    QLabel *m_targetInfo = nullptr;
    QListView *m_modelList = nullptr;
    QChartView *m_chartView = nullptr;
    QLabel *m_legend = nullptr;
    QLabel *m_verdict = nullptr;
    QTableView *m_tableView = nullptr;
    bool m_updating = false;
    Settings *m_settings = nullptr;
};

} // namespace memspec::ui
