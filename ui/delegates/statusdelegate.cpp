// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "statusdelegate.h"

#include "app/review/statuswords.h"

#include "ui/models/itemroles.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace memspec::ui {

StatusDelegate::StatusDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QColor StatusDelegate::statusColor(const QString &status)
{
    if (status == QLatin1String("error")) {
        return QColor(0xdc, 0x35, 0x45);
    }
    return QColor(QRgb(reviewStatusRgb(reviewStatusFromId(status).value_or(ReviewStatus::Estimated))));
}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(IsGroupRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect r = opt.rect.adjusted(4, 3, -4, -3);
    const int progress = index.data(ProgressRole).toInt();
    if (progress >= 0) {
        QStyleOptionProgressBar bar;
        bar.rect = r;
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = progress;
        bar.text = text;
        bar.textVisible = true;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.palette = opt.palette;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, opt.widget);
        return;
    }
    const bool failed = !index.data(ErrorRole).toString().isEmpty();
    const QColor dot = statusColor(failed ? QStringLiteral("error") : index.data(StatusRole).toString());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int d = qMin(r.height(), opt.fontMetrics.height()) * 2 / 3;
    const QRectF dotRect(r.left(), r.center().y() - d / 2.0, d, d);
    painter->setPen(Qt::NoPen);
    painter->setBrush(dot);
    painter->drawEllipse(dotRect);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    QRect textRect = r;
    textRect.setLeft(int(dotRect.right()) + 6);
    const QString shown = failed ? text + QStringLiteral(" ⚠") : text;
    if (textRect.width() >= opt.fontMetrics.horizontalAdvance(QChar(0x2026))) { // a narrow list shows the dot alone
        painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(shown, Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(qMax(s.width() + option.fontMetrics.height() + 10,
                    option.fontMetrics.horizontalAdvance(QStringLiteral("Overridden ⚠")) + 30));
    s.setHeight(qMax(s.height(), option.fontMetrics.height() + 8));
    return s;
}

} // namespace memspec::ui
