// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"
#include "app/registry/registryentry.h"

#include <QAbstractTableModel>

namespace memspec::ui {

// The registry's models with their current estimate and review status. Adapts immutable core values.
class ModelListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, CapabilityColumn, EstimateColumn, StatusColumn, ColumnCount };

    struct Row
    {
        RegistryEntry entry;
        Estimate estimate;
        QString status;   // "estimated", "overridden", "approved", "stale"
    };

    explicit ModelListModel(QObject *parent = nullptr);

    void setRows(const QList<Row> &rows);
    void updateRow(const Row &row);   // replaces the row with the same key
    const Row *rowAt(int row) const;
    int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Row> m_rows;
};

} // namespace memspec::ui
