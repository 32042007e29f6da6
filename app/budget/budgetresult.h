// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgettarget.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace memspec {

struct ModelReview;

// One model of the co-load set, as the pool sees it: one figure per worker (MiB), plus the estimate's lines for
// the chart.
struct BudgetItem
{
    QString key;
    QString name;
    QString shortName;        // the registry's short name ("bert-minilm"): fits under a narrow bar
    qint64 mib = 0;           // what the pool checks: ModelReview::effectiveMib() (override, else estimate)
    QList<qint64> lineBytes;  // the five estimate lines, in lineIds() order
    qint64 computedBytes = 0; // sum of the lines (the estimate's total before rounding)
    bool overridden = false;
    qint64 promptLimit = 0;   // the prompt limit the figure holds for (tokens)
    bool promptFixed = false; // fixed by the model (CLIP, diffusion), not a serving choice

    static BudgetItem fromReview(const ModelReview &review);
};

struct BudgetModelResult
{
    BudgetItem item;
    qint64 roomMib = 0;            // pool limit − every other model's one worker
    int maxWorkers = 0;            // in this set, the others holding one worker each (0: cannot start)
    int aloneMaxWorkers = 0;       // the same with the model alone on the target
    int coldStartWorkers = 0;      // the pool's cold start of the set in the given order
    bool largerThanDevice = false; // one worker exceeds one device: it cannot be split across GPUs
    QString verdict;
};

// The one verdict on a co-load set, shared by `memspec budget`, its JSON and the studio's budget panel:
//   DoesNotFit      co-load (one worker each) > pool limit
//   ColdStartFails  it fits with one worker each, but the pool's cold start in the set's order (2 workers where two
//                   fit, else 1) leaves a model with none ("memory exhausted"): the service would not start it
//   Fits            it fits and the cold start starts every model
enum class BudgetVerdict { Fits, ColdStartFails, DoesNotFit };

// The answer for one target, reserve and co-load set. Immutable value; BudgetCalculator documents every figure.
struct BudgetResult
{
    BudgetTarget target;
    qint64 reserveMib = 0;
    qint64 capacityMib = 0;
    qint64 limitMib = 0;    // floor(0.80 × capacity) − reserve
    qint64 coLoadMib = 0;   // one worker of every model in the set
    qint64 headroomMib = 0; // limit − co-load (negative: over by that much)
    bool fits = false;
    bool coldStartOk = false; // the pool's cold start, in set order, starts every model
    QList<BudgetModelResult> models;
    QStringList dropFirst; // keys to drop, in order, until the set fits (empty when it fits)

    const BudgetModelResult *model(const QString &key) const;
    BudgetVerdict verdict() const;
    static QString verdictId(BudgetVerdict v); // "fits", "cold_start_fails", "does_not_fit" (JSON, CSV)
    QString verdictTitle() const;              // "Fits.", "Cold start fails.", "Does not fit."
    QString verdictDetail() const;             // the figures behind it, one or two sentences
    QString verdictText() const;               // title and detail: `verdict_text` in the JSON
    QStringList coldStartStarved() const;      // names of the models the cold start leaves without a worker
    QJsonObject toJson() const;                // `memspec budget --json`
    QString toCsv() const; // one row per model, then co_load_total, capacity, pool_limit, headroom rows
};

} // namespace memspec

Q_DECLARE_METATYPE(memspec::BudgetResult)
