// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modellistmodel.h"

#include "ui/models/itemroles.h"

namespace memspec::ui {

ModelListModel::ModelListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ModelListModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void ModelListModel::updateRow(const Row &row)
{
    const int r = rowOf(row.entry.key);
    if (r < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows << row;
        endInsertRows();
        return;
    }
    m_rows[r] = row;
    Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

const ModelListModel::Row *ModelListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ModelListModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entry.key == key) {
            return i;
        }
    }
    return -1;
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ModelListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    if (role == KeyRole) {
        return r.entry.key;
    }
    if (role == CapabilityRole) {
        return capabilityId(r.entry.capability);
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return r.entry.name;
        }
        if (role == Qt::ToolTipRole) {
            return r.entry.key;
        }
        break;
    case CapabilityColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return capabilityTitle(r.entry.capability);
        }
        break;
    case EstimateColumn:
        if (role == Qt::DisplayRole) {
            return QStringLiteral("%L1 MiB").arg(r.estimate.estMib);
        }
        if (role == SortRole) {
            return r.estimate.estMib;
        }
        if (role == Qt::TextAlignmentRole) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return r.status;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Model");
    case CapabilityColumn:
        return tr("Capability");
    case EstimateColumn:
        return tr("Per worker");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace memspec::ui
