// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetselectionmodel.h"

#include "app/common/units.h"

#include "ui/models/itemroles.h"

namespace memspec::ui {

BudgetSelectionModel::BudgetSelectionModel(QObject *parent) : QAbstractListModel(parent) {}

void BudgetSelectionModel::setReviews(const QList<ModelReview> &reviews, const TickPredicate &defaultTick)
{
    beginResetModel();
    m_items.clear();
    for (const ModelReview &r : reviews) {
        const BudgetItem item = BudgetItem::fromReview(r);
        if (!m_seen.contains(item.key)) {
            m_seen.insert(item.key);
            if (!defaultTick || defaultTick(item)) {
                m_checked.insert(item.key);
            }
        }
        m_items.append(item);
    }
    endResetModel();
    Q_EMIT checkedChanged();
}

QList<BudgetItem> BudgetSelectionModel::checkedItems() const
{
    QList<BudgetItem> out;
    for (const BudgetItem &i : m_items) {
        if (m_checked.contains(i.key)) {
            out.append(i);
        }
    }
    return out;
}

QStringList BudgetSelectionModel::checkedKeys() const
{
    QStringList out;
    for (const BudgetItem &i : checkedItems()) {
        out << i.key;
    }
    return out;
}

void BudgetSelectionModel::setCheckedKeys(const QStringList &keys)
{
    m_checked = QSet<QString>(keys.cbegin(), keys.cend());
    if (!m_items.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1), {Qt::CheckStateRole});
    }
    Q_EMIT checkedChanged();
}

void BudgetSelectionModel::setAllChecked(bool checked)
{
    QStringList keys;
    if (checked) {
        for (const BudgetItem &i : m_items) {
            keys << i.key;
        }
    }
    setCheckedKeys(keys);
}

int BudgetSelectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant BudgetSelectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const BudgetItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 — %2 MiB").arg(item.name, groupDigits(item.mib));
    case Qt::ToolTipRole:
        return tr("%1\n%2 MiB per worker%3")
            .arg(item.key, groupDigits(item.mib), item.overridden ? tr(" (reviewer's override)") : QString());
    case Qt::CheckStateRole:
        return m_checked.contains(item.key) ? Qt::Checked : Qt::Unchecked;
    case KeyRole:
        return item.key;
    case SortRole:
        return item.mib;
    default:
        return {};
    }
}

bool BudgetSelectionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    const QString &key = m_items.at(index.row()).key;
    if (value.toInt() == Qt::Checked) {
        m_checked.insert(key);
    } else {
        m_checked.remove(key);
    }
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
    return true;
}

Qt::ItemFlags BudgetSelectionModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

} // namespace memspec::ui
