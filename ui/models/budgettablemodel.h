// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetresult.h"

#include <QAbstractTableModel>
#include <QColor>

namespace memspec::ui {

// One row per model of the co-load set (its pool figure, the prompt limit it holds for, max workers in the set and
// alone, cold start, verdict), then a "Co-load set" row with the total and the headroom. Adapts an immutable
// BudgetResult.
class BudgetTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ModelColumn,
        MibColumn,
        PromptLimitColumn,
        MaxWorkersColumn,
        AloneColumn,
        ColdStartColumn,
        VerdictColumn,
        ColumnCount
    };

    explicit BudgetTableModel(QObject *parent = nullptr);

    void setResult(const BudgetResult &result);
    const BudgetResult &result() const { return m_result; }
    bool isTotalRow(int row) const { return row == int(m_result.models.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The colour of a verdict, in the table's total row and the panel's verdict line.
    static QColor verdictColor(BudgetVerdict verdict);

private:
    QString cellToolTip(int row, int column) const;
    QVariant totalData(int column, int role) const;
    BudgetResult m_result;
    bool m_hasResult = false;
};

} // namespace memspec::ui
