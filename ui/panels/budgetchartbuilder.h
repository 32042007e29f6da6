// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetchartdata.h"

#include <QColor>
#include <QPalette>
#include <QString>

class QChart;
class QChartView;
class QPainter;
class QWidget;

namespace memspec::ui {

// Turns BudgetChartData into QtCharts series on a chart: a QStackedBarSeries with one QBarSet per segment (in
// BudgetChartData::segmentIds() order, fixed colours), then two QLineSeries: the capacity and the pool rule.
class BudgetChartBuilder final
{
public:
    static void populate(QChart *chart, const BudgetChartData &data, const QPalette &palette);

    static QColor segmentColor(int segment); // the same colour for a line everywhere, light or dark
    static QColor poolRuleColor();
    static QString segmentTitle(int segment);
    // The x-axis label of a bar: the short name, then the total (MiB, the axis unit) on a second line; an upright
    // label has the name only.
    static QString categoryLabel(const BudgetChartData &data, int category, bool upright = false);
    // Legend titles: short, the figures are in the chart title and the lines' tooltips.
    static QString capacityTitle();
    static QString poolRuleTitle();
    // The legend as rich text for a word-wrapped label under the chart: a coloured mark and the title of each
    // segment and line. QLegend lays its entries out in one row and cuts them ("W...", "K...") when the chart is
    // narrow (1024 px); a label wraps between entries and shows every title whole.
    static QString legendHtml(const QPalette &palette);
    // Turns the bar labels upright (−90°, the name only) when a line of one does not fit the width of its bar, and back
    // when it does: QtCharts would cut it to "st...". Call after populate() and whenever the plot area changes.
    static void fitCategoryLabels(QChart *chart, const BudgetChartData &data);
    // Tooltip of one segment of one bar, with the numbers.
    static QString barTooltip(const BudgetChartData &data, int segment, int category);
    static bool isDark(const QPalette &palette);

    // The view's chart with the legend label under it, as a PNG at 2× (the chart at least 640×400 logical pixels)
    // or as SVG with vector text; empty on failure.
    static QByteArray pngBytes(QChartView *view, QWidget *legend, const QColor &background);
    static QByteArray svgBytes(QChartView *view, QWidget *legend, const QString &description);

private:
    static QSize exportSize(QChartView *view, QWidget *legend, double *legendScale);
    static void render(QPainter *painter, QChartView *view, QWidget *legend);
};

} // namespace memspec::ui
