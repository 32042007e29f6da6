// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/project.h"

#include <QAbstractTableModel>

namespace memspec::ui {

// The project's audit trail (newest first), optionally for one model only; detailText() renders an event's detail
// object as one readable line.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)
public:
    enum Column { WhenColumn, WhoColumn, ActionColumn, ModelColumn, DetailColumn, ColumnCount };

    explicit AuditModel(QObject *parent = nullptr);

    void setEntries(const QList<AuditEvent> &entries, const QString &onlyModel = {});
    static QString detailText(const QJsonObject &detail);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<AuditEvent> m_entries;
};

} // namespace memspec::ui
