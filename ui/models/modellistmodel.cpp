// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modellistmodel.h"

#include "app/review/statuswords.h"

#include "ui/models/itemroles.h"

#include <QFont>

namespace memspec::ui {

namespace {
// Internal ids: 0 for group rows, group index + 1 for model rows (their parent is that group).
constexpr quintptr GroupId = 0;

} // namespace

ModelListModel::ModelListModel(QObject *parent) : QAbstractItemModel(parent) {}

ModelListModel::~ModelListModel() = default;

void ModelListModel::setReviews(const QList<ModelReview> &reviews)
{
    beginResetModel();
    m_groups.clear();
    for (const ModelReview &r : reviews) {
        auto it = std::find_if(m_groups.begin(), m_groups.end(),
                               [&](const Group &g) { return g.capability == r.entry.capability; });
        if (it == m_groups.end()) {
            m_groups.append(Group{r.entry.capability, {}});
            it = m_groups.end() - 1;
        }
        it->items.append(Item{r, -1, {}, {}});
    }
    endResetModel();
}

bool ModelListModel::locate(const QString &key, int *group, int *row) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        for (int r = 0; r < m_groups.at(g).items.size(); ++r) {
            if (m_groups.at(g).items.at(r).review.entry.key == key) {
                *group = g;
                *row = r;
                return true;
            }
        }
    }
    return false;
}

void ModelListModel::updateReview(const ModelReview &review)
{
    int g = 0;
    int r = 0;
    if (!locate(review.entry.key, &g, &r) || m_groups.at(g).capability != review.entry.capability) {
        QList<ModelReview> all;
        for (const Group &grp : std::as_const(m_groups)) {
            for (const Item &i : grp.items) {
                all << (i.review.entry.key == review.entry.key ? review : i.review);
            }
        }
        if (!locate(review.entry.key, &g, &r)) {
            all << review;
        }
        setReviews(all);
        return;
    }
    m_groups[g].items[r].review = review;
    const QModelIndex first = index(r, 0, index(g, 0));
    Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    Q_EMIT dataChanged(index(g, 0), index(g, ColumnCount - 1)); // group totals
}

void ModelListModel::setProgress(const QString &key, int percent, const QString &text)
{
    int g = 0;
    int r = 0;
    if (!locate(key, &g, &r)) {
        return;
    }
    Item &item = m_groups[g].items[r];
    item.progress = percent;
    item.progressText = text;
    const QModelIndex status = index(r, StatusColumn, index(g, 0));
    Q_EMIT dataChanged(status, status);
}

void ModelListModel::setError(const QString &key, const QString &error)
{
    int g = 0;
    int r = 0;
    if (!locate(key, &g, &r)) {
        return;
    }
    m_groups[g].items[r].error = error;
    const QModelIndex first = index(r, 0, index(g, 0));
    Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
}

const ModelReview *ModelListModel::review(const QString &key) const
{
    int g = 0;
    int r = 0;
    return locate(key, &g, &r) ? &m_groups.at(g).items.at(r).review : nullptr;
}

int ModelListModel::modelCount() const
{
    int n = 0;
    for (const Group &g : m_groups) {
        n += int(g.items.size());
    }
    return n;
}

QModelIndex ModelListModel::indexOf(const QString &key, int column) const
{
    int g = 0;
    int r = 0;
    return locate(key, &g, &r) ? index(r, column, index(g, 0)) : QModelIndex();
}

QModelIndex ModelListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, GroupId);
    }
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ModelListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_groups.size());
    }
    if (parent.internalId() == GroupId && parent.column() == 0) {
        return int(m_groups.at(parent.row()).items.size());
    }
    return 0;
}

int ModelListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags ModelListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return index.internalId() == GroupId ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.internalId() == GroupId) {
        return groupData(index.row(), index, role);
    }
    const Group &g = m_groups.at(int(index.internalId() - 1));
    return dataOf(g.items.at(index.row()), index, role);
}

QVariant ModelListModel::groupData(int group, const QModelIndex &index, int role) const
{
    const Group &g = m_groups.at(group);
    switch (role) {
    case IsGroupRole:
        return true;
    case CapabilityRole:
        return capabilityId(g.capability);
    case SortRole:
        return index.column() == NameColumn ? QVariant(int(g.capability)) : QVariant(group);
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::DisplayRole:
        if (index.column() == NameColumn) {
            return QStringLiteral("%1 (%2)").arg(capabilityTitle(g.capability)).arg(g.items.size());
        }
        return {};
    default:
        return {};
    }
}

QVariant ModelListModel::dataOf(const Item &item, const QModelIndex &index, int role) const
{
    const ModelReview &r = item.review;
    switch (role) {
    case KeyRole:
        return r.entry.key;
    case IsGroupRole:
        return false;
    case CapabilityRole:
        return capabilityId(r.entry.capability);
    case StatusRole:
        return reviewStatusId(r.status);
    case ProgressRole:
        return item.progress;
    case ProgressTextRole:
        return item.progressText;
    case ErrorRole:
        return item.error;
    case Qt::ToolTipRole: {
        QString tip = r.entry.key;
        if (!r.statusReasons.isEmpty()) {
            tip += QLatin1Char('\n') + r.statusReasons.join(QLatin1Char('\n'));
        }
        if (!item.error.isEmpty()) {
            tip += QLatin1Char('\n') + item.error;
        }
        return tip;
    }
    default:
        break;
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole) {
            return r.entry.name;
        }
        if (role == SortRole) {
            return r.entry.name.toLower();
        }
        break;
    case EstimateColumn:
        if (role == Qt::DisplayRole) {
            return QStringLiteral("%L1 MiB").arg(r.effectiveMib());
        }
        if (role == SortRole) {
            return r.effectiveMib();
        }
        if (role == Qt::TextAlignmentRole) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole) {
            return item.progress >= 0 ? item.progressText : reviewStatusTitle(r.status);
        }
        if (role == SortRole) {
            return int(r.status);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Model");
    case EstimateColumn:
        return tr("Per worker");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace memspec::ui
