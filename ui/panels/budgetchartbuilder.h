// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetchartdata.h"

#include <QColor>
#include <QPalette>
#include <QString>

class QChart;
class QChartView;

namespace memspec::ui {

// Turns BudgetChartData into QtCharts series on a chart: a QStackedBarSeries with one QBarSet per segment (in
// BudgetChartData::segmentIds() order, fixed colours), then two QLineSeries: the capacity and the pool rule.
class BudgetChartBuilder final
{
public:
    static void populate(QChart *chart, const BudgetChartData &data, const QPalette &palette);

    static QColor segmentColor(int segment);   // the same colour for a line everywhere, light or dark
    static QColor poolRuleColor();
    static QString segmentTitle(int segment);
    // The x-axis label of a bar: the short name, then the total (MiB, the axis unit).
    static QString categoryLabel(const BudgetChartData &data, int category);
    // Legend titles: short, the figures are in the chart title and the lines' tooltips.
    static QString capacityTitle();
    static QString poolRuleTitle();
    // Tooltip of one segment of one bar, with the numbers.
    static QString barTooltip(const BudgetChartData &data, int segment, int category);
    static bool isDark(const QPalette &palette);

    // The view's chart as a PNG at 2× (at least 640×400 logical pixels), or as SVG with vector text; empty on
    // failure.
    static QByteArray pngBytes(QChartView *view, const QColor &background);
    static QByteArray svgBytes(QChartView *view, const QString &description);
};

} // namespace memspec::ui
