// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgettablemodel.h"

#include "app/budget/budgetchartdata.h"
#include "app/common/units.h"

#include "ui/models/itemroles.h"

#include <QColor>
#include <QFont>

#include <algorithm>

namespace memspec::ui {

BudgetTableModel::BudgetTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void BudgetTableModel::setResult(const BudgetResult &result)
{
    beginResetModel();
    m_result = result;
    m_hasResult = true;
    endResetModel();
}

int BudgetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_hasResult ? 0 : int(m_result.models.size()) + 1;
}

int BudgetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BudgetTableModel::totalData(int column, int role) const
{
    if (role == Qt::FontRole) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && column == VerdictColumn) {
        return verdictColor(m_result.verdict());
    }
    if (role == SortRole) {
        return column == MibColumn ? QVariant(m_result.coLoadMib) : QVariant();
    }
    if (role == Qt::ToolTipRole && (column == ModelColumn || column == VerdictColumn)) {
        return totalData(column, Qt::DisplayRole); // whole, where the column elides it
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case ModelColumn:
        return BudgetChartData::coLoadLabel();
    case MibColumn:
        return groupDigits(m_result.coLoadMib);
    case VerdictColumn:
        return m_result.verdictText();
    default:
        return {};
    }
}

QVariant BudgetTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (isTotalRow(index.row())) {
        return totalData(index.column(), role);
    }
    const BudgetModelResult &m = m_result.models.at(index.row());
    if (role == KeyRole) {
        return m.item.key;
    }
    if (role == Qt::TextAlignmentRole && index.column() != ModelColumn && index.column() != VerdictColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && index.column() == VerdictColumn && m.maxWorkers == 0) {
        return QColor(0xe1, 0x57, 0x59);
    }
    if (role == Qt::ToolTipRole) {
        const QString tip = cellToolTip(index.row(), index.column());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    if (role != Qt::DisplayRole && role != SortRole) {
        return {};
    }
    const bool sort = role == SortRole;
    switch (index.column()) {
    case ModelColumn:
        return m.item.name;
    case MibColumn:
        return sort ? QVariant(m.item.mib)
                    : QVariant(groupDigits(m.item.mib) + (m.item.overridden ? tr(" (override)") : QString()));
    case PromptLimitColumn:
        return sort ? QVariant(m.item.promptLimit)
                    : QVariant(groupDigits(m.item.promptLimit) + (m.item.promptFixed ? tr(" (fixed)") : QString()));
    case MaxWorkersColumn:
        // A set that does not fit leaves no model room beside the others: a column of 0 says nothing. The CLI's
        // table shows "-" too; its JSON and CSV keep 0.
        return sort || m_result.fits ? QVariant(m.maxWorkers) : QVariant(QStringLiteral("—"));
    case AloneColumn:
        return m.aloneMaxWorkers;
    case ColdStartColumn:
        return m.coldStartWorkers;
    case VerdictColumn:
        return m.verdict;
    default:
        return {};
    }
}

QColor BudgetTableModel::verdictColor(BudgetVerdict verdict)
{
    switch (verdict) {
    case BudgetVerdict::Fits:
        return QColor(0x2e, 0x9d, 0x4a);
    case BudgetVerdict::ColdStartFails:
        return QColor(0xc0, 0x6c, 0x00);
    case BudgetVerdict::DoesNotFit:
        break;
    }
    return QColor(0xe1, 0x57, 0x59);
}

QString BudgetTableModel::cellToolTip(int row, int column) const
{
    const BudgetModelResult &m = m_result.models.at(row);
    const qint64 mib = std::max<qint64>(0, m.item.mib);
    switch (column) {
    case ModelColumn:
        return m.item.name; // whole, where the column elides it
    case VerdictColumn:
        return m.verdict; // whole, where the column is too narrow for it
    case PromptLimitColumn:
        return m.item.promptFixed ? tr("%1 tokens, fixed by the model: the figure does not depend on a serving limit")
                                        .arg(groupDigits(m.item.promptLimit))
                                  : tr("The figure holds for prompts up to %1 tokens (the static's max_input_tokens); "
                                       "View ▸ Serving envelope shows it over the prompt limit")
                                        .arg(groupDigits(m.item.promptLimit));
    case MaxWorkersColumn:
        if (!m_result.fits) {
            return tr("The set does not fit: one worker of each model is %1 MiB, over the pool limit of %2 MiB, so no "
                      "model has room beside the others. Alone on the target this model gets %3 (the Alone column); "
                      "the verdict above says what to drop first.")
                .arg(groupDigits(m_result.coLoadMib), groupDigits(m_result.limitMib))
                .arg(m.aloneMaxWorkers == 0 ? tr("no worker") : tr("%n worker(s)", nullptr, m.aloneMaxWorkers));
        }
        return tr("room = pool limit − the others' one worker each = %1 MiB; min(4, room / %2)")
            .arg(groupDigits(m.roomMib), groupDigits(mib));
    case AloneColumn:
        if (mib == 0) {
            return tr("A figure of 0 passes every pool check: the pool's maximum of 4 workers per model.");
        }
        return tr("This model alone on the target: min(4, floor(pool limit %1 / %2)) = %3 (the pool starts at most "
                  "4 workers per model).")
            .arg(groupDigits(m_result.limitMib), groupDigits(mib))
            .arg(m.aloneMaxWorkers);
    case ColdStartColumn: {
        qint64 allocated = 0;
        for (int i = 0; i < row; ++i) {
            allocated += m_result.models.at(i).coldStartWorkers * std::max<qint64>(0, m_result.models.at(i).item.mib);
        }
        const QString before = tr("The pool starting the set in this order: %1 MiB allocated by the models above; "
                                  "pool limit %2 MiB. ")
                                   .arg(groupDigits(allocated), groupDigits(m_result.limitMib));
        switch (m.coldStartWorkers) {
        case 0:
            return before + tr("Not even one worker of %1 MiB fits: memory exhausted, the service does not start "
                               "this model.")
                                .arg(groupDigits(mib));
        case 1:
            return before + tr("Two workers (%1 MiB) do not fit, one does.").arg(groupDigits(2 * mib));
        default:
            return before + tr("Two workers (%1 MiB) fit.").arg(groupDigits(2 * mib));
        }
    }
    default:
        return {};
    }
}

QVariant BudgetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    // Short words above the columns, so that the table needs no horizontal scrolling at 1024 px; the tooltip
    // starts with the full name.
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case ModelColumn:
        return tip ? tr("Model: each model of the co-load set, then the set as a whole") : tr("Model");
    case MibColumn:
        return tip ? tr("MiB per worker: the model's pool figure (est_memory_allocation_mb), or its override")
                   : tr("MiB");
    case PromptLimitColumn:
        return tip ? tr("Prompt limit: the max_input_tokens each figure holds for, as in memspec budget and its JSON.")
                   : tr("Prompt");
    case MaxWorkersColumn:
        return tip ? tr("Max workers: workers of this model the pool admits while every other model of the set holds "
                        "one (at most 4).")
                   : tr("Max");
    case AloneColumn:
        return tip ? tr("Alone: workers of this model the pool admits with the model alone on the target (at most 4).")
                   : tr("Alone");
    case ColdStartColumn:
        return tip ? tr("Cold start: workers the pool starts for this model when it starts the set in this order: 2 if "
                        "two fit on top of what is allocated, else 1, else 0 (memory exhausted: the model does not "
                        "start).")
                   : tr("Cold");
    case VerdictColumn:
        return tip ? tr("Verdict / headroom: what the set means for each model; on the last row, the set's verdict and "
                        "the room left under the pool limit. Hover a cell for its whole text.")
                   : tr("Verdict");
    default:
        return {};
    }
}

} // namespace memspec::ui
