// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modellistpanel.h"

#include "app/registry/registryentry.h"

#include "ui/delegates/statusdelegate.h"
#include "ui/models/itemroles.h"
#include "ui/models/modellistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {
// Matches a model row on its name, key or capability; a group stays while one of its models matches.
class ModelFilterProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setNeedle(const QString &needle)
    {
        m_needle = needle.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex idx = sourceModel()->index(row, 0, parent);
        if (idx.data(IsGroupRole).toBool()) {
            return false; // recursive filtering keeps groups that have a matching child
        }
        if (m_needle.isEmpty()) {
            return true;
        }
        const QString hay = idx.data(Qt::DisplayRole).toString() + QLatin1Char(' ') + idx.data(KeyRole).toString() +
                            QLatin1Char(' ') + idx.data(CapabilityRole).toString() + QLatin1Char(' ') +
                            idx.siblingAtColumn(ModelListModel::StatusColumn).data(StatusRole).toString();
        return hay.contains(m_needle, Qt::CaseInsensitive);
    }

private:
    QString m_needle;
};
} // namespace

ModelListPanel::ModelListPanel(ModelListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new ModelFilterProxy(this)), m_filter(new QLineEdit(this)),
      m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("modelListPanel"));
    m_filter->setObjectName(QStringLiteral("modelFilter"));
    // The placeholder fits the list at its narrowest (1024 px screens); the tooltip says what the filter matches.
    m_filter->setPlaceholderText(tr("Filter models (Ctrl+F)"));
    m_filter->setToolTip(tr("Filter by name, key, capability or status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_view->setObjectName(QStringLiteral("modelList"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(ModelListModel::StatusColumn, new StatusDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformRowHeights(true);
    m_view->setRootIsDecorated(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // registry order until the user clicks a header
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ModelListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ModelListModel::EstimateColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ModelListModel::StatusColumn, QHeaderView::ResizeToContents);
    m_view->setIndentation(14);
    auto spanGroups = [this]() {
        for (int g = 0; g < m_proxy->rowCount(); ++g) {
            m_view->setFirstColumnSpanned(g, {}, true);
        }
        m_view->expandAll();
    };
    spanGroups();
    connect(m_proxy, &QAbstractItemModel::modelReset, this, spanGroups);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, spanGroups);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, spanGroups);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        static_cast<ModelFilterProxy *>(m_proxy)->setNeedle(text);
        m_view->expandAll();
        // The selected model was filtered away (no match): nothing is selected, and the breakdown says so.
        if (selectedKey().isEmpty()) {
            Q_EMIT modelSelected(QString());
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString key = current.siblingAtColumn(0).data(KeyRole).toString();
                if (!key.isEmpty()) {
                    Q_EMIT modelSelected(key);
                }
            });
}

bool ModelListPanel::select(const QString &key)
{
    QString resolved;
    for (int g = 0; g < m_model->rowCount() && resolved.isEmpty(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        for (int r = 0; r < m_model->rowCount(group); ++r) {
            const QString rowKey = m_model->index(r, 0, group).data(KeyRole).toString();
            const ModelReview *review = m_model->review(rowKey);
            if (rowKey == key || (review && review->entry.matches(key))) {
                resolved = rowKey;
                break;
            }
        }
    }
    if (resolved.isEmpty()) {
        return false;
    }
    QModelIndex idx = m_proxy->mapFromSource(m_model->indexOf(resolved));
    if (!idx.isValid()) { // filtered out: clear the filter so the selection is visible
        m_filter->clear();
        idx = m_proxy->mapFromSource(m_model->indexOf(resolved));
    }
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(idx);
    return true;
}

QString ModelListPanel::selectedKey() const
{
    return m_view->selectionModel()->currentIndex().siblingAtColumn(0).data(KeyRole).toString();
}

void ModelListPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ModelListPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // After the layout has given the list its new width.
    QTimer::singleShot(0, this, &ModelListPanel::fitColumns);
}

void ModelListPanel::fitColumns()
{
    QHeaderView *h = m_view->header();
    const QFontMetrics fm = m_view->fontMetrics();
    // The longest status word beside its dot ("Overridden"; a refresh's progress text is elided like any other).
    const int words = fm.horizontalAdvance(QStringLiteral("Overridden")) + fm.height() + 12;
    const int names =
        m_view->viewport()->width() - m_view->indentation() - h->sectionSize(ModelListModel::EstimateColumn) - words;
    if (names >= fm.averageCharWidth() * 16) {
        h->setSectionResizeMode(ModelListModel::StatusColumn, QHeaderView::ResizeToContents);
    } else {
        h->setSectionResizeMode(ModelListModel::StatusColumn, QHeaderView::Fixed);
        h->resizeSection(ModelListModel::StatusColumn, fm.height() + 6);
    }
}

} // namespace memspec::ui
