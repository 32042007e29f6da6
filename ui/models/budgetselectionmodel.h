// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetresult.h"
#include "app/review/modelreview.h"

#include <QAbstractListModel>
#include <QSet>

#include <functional>

namespace memspec::ui {

// The registry's models as a checklist: the ticked ones are the co-load set, in list order. Ticks survive a
// setReviews() by registry key; models seen for the first time are ticked when `defaultTick` says so.
class BudgetSelectionModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    using TickPredicate = std::function<bool(const BudgetItem &)>;

    explicit BudgetSelectionModel(QObject *parent = nullptr);

    void setReviews(const QList<ModelReview> &reviews, const TickPredicate &defaultTick = {});
    QList<BudgetItem> checkedItems() const;
    QStringList checkedKeys() const;
    // Ticks exactly these keys (others are unticked); unknown keys are ignored.
    void setCheckedKeys(const QStringList &keys);
    void setAllChecked(bool checked);
    const QList<BudgetItem> &items() const { return m_items; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void checkedChanged();

private:
    QList<BudgetItem> m_items;
    QSet<QString> m_checked;
    QSet<QString> m_seen;
};

} // namespace memspec::ui
