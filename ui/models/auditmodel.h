// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/support/studiostate.h"

#include <QAbstractTableModel>

namespace memspec::ui {

// The audit trail (newest first), optionally for one model only.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)
public:
    enum Column { WhenColumn, WhoColumn, ActionColumn, ModelColumn, DetailColumn, ColumnCount };

    explicit AuditModel(QObject *parent = nullptr);

    void setEntries(const QList<AuditEntry> &entries, const QString &onlyModel = {});
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<AuditEntry> m_entries;
};

} // namespace memspec::ui
