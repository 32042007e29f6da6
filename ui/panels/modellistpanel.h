// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace memspec::ui {

class ModelListModel;

// The registry's models: filterable, sortable list; emits the key of the selected model.
class ModelListPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelListPanel)
public:
    explicit ModelListPanel(ModelListModel *model, QWidget *parent = nullptr);

    bool select(const QString &key);
    QString selectedKey() const;

Q_SIGNALS:
    void modelSelected(const QString &key);

private:
    ModelListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
};

} // namespace memspec::ui
