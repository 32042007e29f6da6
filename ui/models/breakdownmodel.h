// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"

#include <QAbstractTableModel>

namespace memspec::ui {

// The five lines of one estimate plus a total row.
class BreakdownModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, MibColumn, DerivationColumn, SourcesColumn, ColumnCount };

    explicit BreakdownModel(QObject *parent = nullptr);

    void setEstimate(const Estimate &estimate);
    void clear();
    const Estimate &estimate() const { return m_estimate; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString lineTitle(const QString &id);

private:
    Estimate m_estimate;
    bool m_hasEstimate = false;
};

} // namespace memspec::ui
