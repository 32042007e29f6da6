// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgettablemodel.h"

#include "app/budget/budgetchartdata.h"
#include "app/common/units.h"
#include "ui/models/itemroles.h"

#include <QColor>
#include <QFont>

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
        return m_result.fits ? QColor(0x2e, 0x9d, 0x4a) : QColor(0xe1, 0x57, 0x59);
    }
    if (role == SortRole) {
        return column == MibColumn ? QVariant(m_result.coLoadMib) : QVariant();
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
        if (m_result.fits) {
            return tr("fits: %1 MiB headroom under the pool limit of %2 MiB")
                .arg(groupDigits(m_result.headroomMib), groupDigits(m_result.limitMib));
        }
        return tr("does not fit: %1 MiB over the pool limit of %2 MiB; drop first: %3")
            .arg(groupDigits(-m_result.headroomMib), groupDigits(m_result.limitMib),
                 m_result.dropFirst.join(QStringLiteral(", ")));
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
    if (role == Qt::ToolTipRole && index.column() == MaxWorkersColumn) {
        return tr("room = pool limit − the others' one worker each = %1 MiB; min(4, room / %2)")
            .arg(groupDigits(m.roomMib), groupDigits(m.item.mib));
    }
    if (role != Qt::DisplayRole && role != SortRole) {
        return {};
    }
    const bool sort = role == SortRole;
    switch (index.column()) {
    case ModelColumn:
        return m.item.name;
    case MibColumn:
        return sort ? QVariant(m.item.mib) : QVariant(groupDigits(m.item.mib) + (m.item.overridden ? tr(" (override)") : QString()));
    case MaxWorkersColumn:
        return m.maxWorkers;
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

QVariant BudgetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case MibColumn:
        return tr("MiB per worker");
    case MaxWorkersColumn:
        return tr("Max workers");
    case AloneColumn:
        return tr("Alone");
    case ColdStartColumn:
        return tr("Cold start");
    case VerdictColumn:
        return tr("Verdict / headroom");
    default:
        return {};
    }
}

} // namespace memspec::ui
