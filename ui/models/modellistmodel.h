// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/modelreview.h"

#include <QAbstractItemModel>

namespace memspec::ui {

// The registry's models grouped by capability (two levels: capability groups, then models), each with its
// per-worker value, review status and refresh progress. Adapts immutable ModelReview values.
class ModelListModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelListModel)
public:
    enum Column { NameColumn, EstimateColumn, StatusColumn, ColumnCount };

    explicit ModelListModel(QObject *parent = nullptr);
    ~ModelListModel() override;

    void setReviews(const QList<ModelReview> &reviews);
    void updateReview(const ModelReview &review); // same key: row changes in place; new key: model reset
    void setProgress(const QString &key, int percent, const QString &text); // percent -1: no refresh
    void setError(const QString &key, const QString &error);
    const ModelReview *review(const QString &key) const;
    int modelCount() const;

    QModelIndex indexOf(const QString &key, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Item
    {
        ModelReview review;
        int progress = -1;
        QString progressText;
        QString error;
    };
    struct Group
    {
        Capability capability;
        QList<Item> items;
    };
    QVariant groupData(int group, const QModelIndex &index, int role) const;
    QVariant dataOf(const Item &item, const QModelIndex &index, int role) const;
    bool locate(const QString &key, int *group, int *row) const;

    QList<Group> m_groups;
};

} // namespace memspec::ui
