// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetchartbuilder.h"

#include "app/common/units.h"

#include "ui/models/breakdownmodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QStackedBarSeries>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace memspec::ui {

namespace {

QString mib(double v)
{
    return groupDigits(qint64(std::llround(v))) + QStringLiteral(" MiB");
}

QString tr(const char *s)
{
    return QCoreApplication::translate("memspec::ui::BudgetChartBuilder", s);
}

} // namespace

bool BudgetChartBuilder::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor BudgetChartBuilder::segmentColor(int segment)
{
    // Tableau 10: distinct in both palettes and for common colour-vision deficiencies.
    static const QColor colors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xa1, 0x4f),
                                    QColor(0xb0, 0x7a, 0xa1), QColor(0xed, 0xc9, 0x48), QColor(0xba, 0xb0, 0xac)};
    return colors[std::clamp(segment, 0, BudgetChartData::kSegmentCount - 1)];
}

QColor BudgetChartBuilder::poolRuleColor()
{
    return QColor(0xe1, 0x57, 0x59);
}

QString BudgetChartBuilder::segmentTitle(int segment)
{
    const QString id = BudgetChartData::segmentIds().value(segment);
    if (id == QLatin1String("rounding")) {
        return tr("Rounding / override");
    }
    return BreakdownModel::lineTitle(id);
}

QString BudgetChartBuilder::categoryLabel(const BudgetChartData &data, int category, bool upright)
{
    // Bars are narrow: the short name (the CLI's key, e.g. "bert-minilm"), then the bar's total. The full name is in
    // the bar's tooltip and in the table below the chart.
    // The axis is titled MiB, so the total goes without the unit.
    const QString name = data.shortLabels.value(category, data.categories.value(category));
    // Upright, the name alone: the axis has less height than a name and its total need (the table below and the
    // bar's tooltip give the total).
    if (upright) {
        return name.toHtmlEscaped();
    }
    return name.toHtmlEscaped() + QStringLiteral("<br>") + groupDigits(qint64(std::llround(data.barTotal(category))));
}

QString BudgetChartBuilder::capacityTitle()
{
    return tr("Capacity");
}

QString BudgetChartBuilder::poolRuleTitle()
{
    return tr("Pool limit");
}

QString BudgetChartBuilder::legendHtml(const QPalette &palette)
{
    // One entry: a mark in the series' colour and the title, joined by no-break spaces so that lines break between
    // entries only.
    auto entry = [](const QString &mark, const QColor &color, const QString &title) {
        return QStringLiteral("<span style='color:%1'>%2</span>&nbsp;%3")
            .arg(color.name(), mark, title.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    };
    QStringList entries;
    for (int s = 0; s < BudgetChartData::kSegmentCount; ++s) {
        entries << entry(QStringLiteral("■"), segmentColor(s), segmentTitle(s));
    }
    entries << entry(QStringLiteral("━━"), palette.color(QPalette::WindowText), capacityTitle());
    entries << entry(QStringLiteral("╍╍"), poolRuleColor(), poolRuleTitle());
    return entries.join(QStringLiteral(" &nbsp; "));
}

void BudgetChartBuilder::fitCategoryLabels(QChart *chart, const BudgetChartData &data)
{
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Horizontal).value(0));
    if (!axis || axis->count() != data.categories.size() || chart->plotArea().width() <= 0) {
        return;
    }
    const QFontMetricsF fm(axis->labelsFont());
    double widest = 0;
    for (int c = 0; c < data.categories.size(); ++c) {
        for (const QString &line : categoryLabel(data, c).split(QStringLiteral("<br>"))) {
            widest = std::max(widest, fm.horizontalAdvance(line));
        }
    }
    // QtCharts gives a label the axis width over the count of its grid lines (one more than the bars) less its
    // padding, and measures the label as a text document (a few pixels of margin): keep 8 px spare on each count.
    const double room = chart->plotArea().width() / (axis->count() + 1) - 8;
    const bool upright = widest + 8 > room;
    QStringList labels;
    for (int c = 0; c < data.categories.size(); ++c) {
        labels << categoryLabel(data, c, upright);
    }
    if (axis->categories() != labels) {
        axis->setCategories(labels);
    }
    if (axis->labelsAngle() != (upright ? -90 : 0)) {
        axis->setLabelsAngle(upright ? -90 : 0);
    }
}

QString BudgetChartBuilder::barTooltip(const BudgetChartData &data, int segment, int category)
{
    const double value = data.values.value(segment).value(category);
    const double total = data.barTotal(category);
    QString text = QStringLiteral("<b>%1</b><br>%2: %3<br>%4: %5")
                       .arg(data.categories.value(category).toHtmlEscaped(), segmentTitle(segment), mib(value),
                            category + 1 == data.categories.size() ? tr("co-load total (one worker each)")
                                                                   : tr("per worker (pool figure)"),
                            mib(total));
    if (const qint64 prompt = data.promptLimits.value(category); prompt > 0) {
        text += (data.promptFixed.value(category) ? tr("<br>prompt limit: %1 tokens (fixed by the model)")
                                                  : tr("<br>prompt limit (max_input_tokens): %1 tokens"))
                    .arg(groupDigits(prompt));
    }
    if (data.scaled.value(category)) {
        text += tr("<br><i>override below the computed total: lines scaled to it</i>");
    }
    return text;
}

void BudgetChartBuilder::populate(QChart *chart, const BudgetChartData &data, const QPalette &palette)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
    const QColor text = palette.color(QPalette::WindowText);
    const QColor grid = isDark(palette) ? QColor(255, 255, 255, 40) : QColor(0, 0, 0, 30);

    auto *bars = new QStackedBarSeries;
    bars->setBarWidth(0.6);
    for (int s = 0; s < BudgetChartData::kSegmentCount; ++s) {
        auto *set = new QBarSet(segmentTitle(s));
        set->setColor(segmentColor(s));
        set->setBorderColor(segmentColor(s).darker(130));
        for (double v : data.values.value(s)) {
            set->append(v);
        }
        QObject::connect(set, &QBarSet::hovered, chart, [data, s](bool status, int index) {
            if (status) {
                QToolTip::showText(QCursor::pos(), barTooltip(data, s, index));
            } else {
                QToolTip::hideText();
            }
        });
        bars->append(set);
    }
    chart->addSeries(bars);

    const double right = double(data.categories.size()) - 0.5;
    auto addLine = [&](const QString &name, const QString &tip, double y, const QPen &pen) {
        auto *line = new QLineSeries;
        line->setName(name);
        line->append(-0.5, y);
        line->append(right, y);
        line->setPen(pen);
        QObject::connect(line, &QLineSeries::hovered, chart, [tip](const QPointF &, bool state) {
            if (state) {
                QToolTip::showText(QCursor::pos(), tip);
            }
        });
        chart->addSeries(line);
        return line;
    };
    QPen capPen(text, 2);
    QPen rulePen(poolRuleColor(), 2.5, Qt::DashLine);
    auto *capacity = addLine(capacityTitle(), tr("Capacity: %1 (device MiB × count)").arg(mib(data.capacityMib)),
                             data.capacityMib, capPen);
    auto *rule = addLine(poolRuleTitle(),
                         tr("Pool rule: floor(0.80 × %1) − %2 reserve = %3; the pool admits a worker while "
                            "allocated + est ≤ this")
                             .arg(mib(data.capacityMib), mib(double(data.reserveMib)), mib(data.limitMib)),
                         data.limitMib, rulePen);

    auto *x = new QBarCategoryAxis;
    QStringList labels;
    for (int c = 0; c < data.categories.size(); ++c) {
        labels << categoryLabel(data, c);
    }
    x->append(labels);
    x->setLabelsColor(text);
    QFont small = x->labelsFont(); // a notch smaller than the UI font: eight bars share the width
    small.setPointSizeF(small.pointSizeF() * 0.9);
    x->setLabelsFont(small);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    double top = 0;
    for (int c = 0; c < data.categories.size(); ++c) {
        top = std::max(top, data.barTotal(c));
    }
    y->setRange(0, std::max({top, data.capacityMib, 1.0}) * 1.08);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("MiB"));
    y->setTitleBrush(text);
    y->setLabelsColor(text);
    y->setGridLineColor(grid);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : {static_cast<QAbstractSeries *>(bars), static_cast<QAbstractSeries *>(capacity),
                               static_cast<QAbstractSeries *>(rule)}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setLabelColor(text);
    // Group digits like the rest of the studio ("60,000"), whatever the system locale.
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
}

QSize BudgetChartBuilder::exportSize(QChartView *view, QWidget *legend, double *legendScale)
{
    const QSize chart = view->viewport()->size().expandedTo(QSize(640, 400));
    *legendScale = double(chart.width()) / std::max(1, view->viewport()->width());
    const int legendHeight = legend ? int(std::ceil(legend->height() * *legendScale)) : 0;
    return QSize(chart.width(), chart.height() + legendHeight);
}

void BudgetChartBuilder::render(QPainter *painter, QChartView *view, QWidget *legend)
{
    double scale = 1;
    const QSize size = exportSize(view, legend, &scale);
    const QSize chart = view->viewport()->size().expandedTo(QSize(640, 400));
    view->render(painter, QRectF(QPointF(0, 0), QSizeF(chart)), view->viewport()->rect());
    if (legend && size.height() > chart.height()) {
        painter->save();
        painter->translate(0, chart.height());
        painter->scale(scale, scale);
        legend->render(painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter->restore();
    }
}

QByteArray BudgetChartBuilder::pngBytes(QChartView *view, QWidget *legend, const QColor &background)
{
    double scale = 1;
    const QSize size = exportSize(view, legend, &scale);
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    render(&painter, view, legend);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    return image.save(&buffer, "PNG") ? bytes : QByteArray();
}

QByteArray BudgetChartBuilder::svgBytes(QChartView *view, QWidget *legend, const QString &description)
{
    double scale = 1;
    const QSize size = exportSize(view, legend, &scale);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(view->chart()->title());
    svg.setDescription(description);
    QPainter painter(&svg);
    render(&painter, view, legend);
    painter.end();
    return bytes;
}

} // namespace memspec::ui
