// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "auditmodel.h"

#include "ui/models/itemroles.h"

#include <QJsonDocument>

namespace memspec::ui {

AuditModel::AuditModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditModel::setEntries(const QList<AuditEvent> &entries, const QString &onlyModel)
{
    beginResetModel();
    m_entries.clear();
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (onlyModel.isEmpty() || it->model == onlyModel) {
            m_entries << *it;
        }
    }
    endResetModel();
}

QString AuditModel::detailText(const QJsonObject &detail)
{
    QStringList parts;
    for (auto it = detail.begin(); it != detail.end(); ++it) {
        QString v;
        if (it.value().isObject() || it.value().isArray()) {
            v = QString::fromUtf8(QJsonDocument::fromVariant(it.value().toVariant()).toJson(QJsonDocument::Compact));
        } else {
            v = it.value().toVariant().toString();
        }
        parts << it.key() + QStringLiteral(": ") + v;
    }
    return parts.join(QStringLiteral(" · "));
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AuditEvent &e = m_entries.at(index.row());
    if (role == KeyRole) {
        return e.model;
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case WhenColumn:
        return role == SortRole ? QVariant(e.when)
                                : QVariant(e.when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    case WhoColumn:
        return e.who;
    case ActionColumn:
        return QString(e.action).replace(QLatin1Char('_'), QLatin1Char(' '));
    case ModelColumn:
        return e.model;
    case DetailColumn:
        return detailText(e.detail);
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case ModelColumn:
        return tr("Model");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace memspec::ui
