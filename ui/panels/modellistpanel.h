// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace memspec::ui {

class ModelListModel;

// The registry's models grouped by capability: filterable (name, key, capability), sortable by any column,
// with status dots and refresh progress per row. Emits the key of the selected model.
class ModelListPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelListPanel)
public:
    explicit ModelListPanel(ModelListModel *model, QWidget *parent = nullptr);

    bool select(const QString &key);
    QString selectedKey() const;
    void focusFilter();
    QTreeView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

Q_SIGNALS:
    void modelSelected(const QString &key);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // A list too narrow for the names beside the figure and the status words shows the status as its dot alone.
    void fitColumns();
    ModelListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
};

} // namespace memspec::ui
