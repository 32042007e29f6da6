// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "breakdownmodel.h"

#include "app/common/units.h"

#include "ui/models/itemroles.h"

#include <QFont>

namespace memspec::ui {

BreakdownModel::BreakdownModel(QObject *parent) : QAbstractTableModel(parent) {}

void BreakdownModel::setEstimate(const Estimate &estimate)
{
    beginResetModel();
    m_estimate = estimate;
    m_hasEstimate = true;
    endResetModel();
}

void BreakdownModel::clear()
{
    beginResetModel();
    m_estimate = {};
    m_hasEstimate = false;
    endResetModel();
}

QString BreakdownModel::lineTitle(const QString &id)
{
    if (id == QLatin1String("weights")) {
        return tr("Weights");
    }
    if (id == QLatin1String("kv_cache")) {
        return tr("KV cache");
    }
    if (id == QLatin1String("activations")) {
        return tr("Activations");
    }
    if (id == QLatin1String("runtime_overhead")) {
        return tr("Runtime overhead");
    }
    if (id == QLatin1String("margin")) {
        return tr("Margin");
    }
    return id;
}

int BreakdownModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_hasEstimate ? 0 : int(m_estimate.lines.size()) + 1;
}

int BreakdownModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BreakdownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const bool total = index.row() == m_estimate.lines.size();
    if (total) {
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (role == BytesRole) {
            return m_estimate.totalBytes;
        }
        if (role == LineIdRole) {
            return QStringLiteral("total");
        }
        if (role != Qt::DisplayRole) {
            return {};
        }
        switch (index.column()) {
        case LineColumn:
            return tr("Total");
        case MibColumn:
            return formatMib(m_estimate.totalBytes);
        case DerivationColumn:
            return tr("est_memory_allocation_mb = %L1 (MiB, rounded up to a multiple of 100)").arg(m_estimate.estMib);
        default:
            return {};
        }
    }
    const EstimateLine &l = m_estimate.lines.at(index.row());
    if (role == BytesRole) {
        return l.bytes;
    }
    if (role == LineIdRole) {
        return l.id;
    }
    if (role == Qt::ToolTipRole) {
        return QString(l.derivation + QLatin1String("\n\n") + l.sources.join(QLatin1Char('\n')));
    }
    if (role == Qt::TextAlignmentRole && index.column() == MibColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case LineColumn:
        return lineTitle(l.id);
    case MibColumn:
        return formatMib(l.bytes);
    case DerivationColumn:
        return l.derivation;
    case SourcesColumn:
        // The first source in the cell; all of them in the tooltip, so rows stay as tall as their derivation.
        if (l.sources.size() > 1) {
            return tr("%1 (+%n more)", nullptr, int(l.sources.size()) - 1).arg(l.sources.first());
        }
        return l.sources.value(0);
    default:
        return {};
    }
}

QVariant BreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case LineColumn:
        return tr("Line");
    case MibColumn:
        return tr("Memory");
    case DerivationColumn:
        return tr("Derivation");
    case SourcesColumn:
        return tr("Sources");
    default:
        return {};
    }
}

} // namespace memspec::ui
