// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace memspec::ui {

// Paints a model's review status as a coloured dot and its name, or a progress bar while a refresh runs for the
// row, or a warning mark when the last refresh failed. Paints from roles only (StatusRole, ProgressRole,
// ProgressTextRole, ErrorRole); colours are chosen to read on light and dark palettes.
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)
public:
    explicit StatusDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor statusColor(const QString &status);
};

} // namespace memspec::ui
