// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "evidencemodel.h"

#include "app/common/units.h"

#include "ui/models/itemroles.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace memspec::ui {

EvidenceModel::EvidenceModel(QObject *parent) : QAbstractTableModel(parent) {}

qint64 EvidenceModel::figureIn(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"((\d+(?:[.,]\d+)?)\s*(TB|TiB|GB|GiB|MB|MiB)\b)"),
                                       QRegularExpression::CaseInsensitiveOption);
    qint64 best = -1;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const double v = m.captured(1).replace(QLatin1Char(','), QLatin1Char('.')).toDouble();
        const QString unit = m.captured(2).toLower();
        double scale = 1e9;
        if (unit == QLatin1String("tb")) {
            scale = 1e12;
        } else if (unit == QLatin1String("tib")) {
            scale = double(GiB) * 1024;
        } else if (unit == QLatin1String("gib")) {
            scale = double(GiB);
        } else if (unit == QLatin1String("mb")) {
            scale = 1e6;
        } else if (unit == QLatin1String("mib")) {
            scale = double(MiB);
        }
        best = qMax(best, qint64(v * scale));
    }
    return best;
}

void EvidenceModel::setStatements(const QJsonArray &statements)
{
    QList<Item> items;
    for (const QJsonValue &v : statements) {
        const QJsonObject o = v.toObject();
        // A refreshed card gives a quote; the bundled snapshot a summary in our own words.
        QString quote = o.value(QLatin1String("quote")).toString();
        if (quote.isEmpty()) {
            quote = o.value(QLatin1String("summary")).toString();
        }
        if (!quote.isEmpty()) {
            items << Item{quote, figureIn(quote), o.value(QLatin1String("url")).toString()};
        }
    }
    setItems(items);
}

void EvidenceModel::setItems(const QList<Item> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

void EvidenceModel::setComputedBytes(qint64 bytes)
{
    m_computed = bytes;
    if (!m_items.isEmpty()) {
        Q_EMIT dataChanged(index(0, FigureColumn), index(int(m_items.size()) - 1, FigureColumn));
    }
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Item &item = m_items.at(index.row());
    if (role == BytesRole) {
        return item.bytes;
    }
    if (role == Qt::ToolTipRole) {
        return item.statement;
    }
    if (role == SortRole) {
        return index.column() == FigureColumn ? QVariant(item.bytes) : data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case StatementColumn:
        return item.statement;
    case FigureColumn:
        if (item.bytes < 0) {
            return tr("no figure");
        }
        if (m_computed > 0) {
            return tr("%1 (computed %2)").arg(formatMib(item.bytes), formatMib(m_computed));
        }
        return formatMib(item.bytes);
    case SourceColumn:
        return item.source;
    default:
        return {};
    }
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case StatementColumn:
        return tr("Card says");
    case FigureColumn:
        return tr("Figure");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace memspec::ui
