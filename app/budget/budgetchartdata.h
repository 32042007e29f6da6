// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetresult.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

// What the budget chart draws, derived from a BudgetResult, in MiB (doubles, bytes / 1024²). Pure data: the
// panel turns it into QtCharts series and tests check the values here and on the series.
//
// One stacked bar per model of the set (one worker), then a "Co-load set" bar stacking the set's lines. The
// segments are the estimate's five lines plus "rounding": the step from the computed total to the figure the pool
// checks (est_memory_allocation_mb is rounded up to 100 MiB; an override may be higher). When an override is below
// the computed total, the five lines are scaled down to it, so every bar's height is the pool's figure.
struct BudgetChartData
{
    static constexpr int kSegmentCount = 6;
    static const QStringList &segmentIds();   // weights kv_cache activations runtime_overhead margin rounding

    QStringList categories;         // model names, then the co-load label
    QStringList shortLabels;        // short names (axis labels; the full names go in tooltips), then "co-load"
    QStringList keys;               // registry keys, "" for the co-load bar
    QList<QList<double>> values;    // [segment][category], MiB
    QList<bool> scaled;             // per category: segments scaled down to an override
    QList<qint64> promptLimits;     // per category: the prompt limit the figure holds for (tokens; 0 for the co-load)
    QList<bool> promptFixed;        // per category: that limit is fixed by the model, not a serving choice
    double capacityMib = 0;
    double limitMib = 0;
    double coLoadMib = 0;
    qint64 reserveMib = 0;

    double barTotal(int category) const;
    static BudgetChartData fromResult(const BudgetResult &result);
    static QString coLoadLabel() { return QStringLiteral("Co-load set"); }
    static QString coLoadShortLabel() { return QStringLiteral("co-load"); }
};

} // namespace memspec
