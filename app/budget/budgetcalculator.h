// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgetresult.h"
#include "app/budget/poolrule.h"

namespace memspec {

// The worker pool's admission rule applied to a co-load set on a target (reference/target-codebase.md, "The pool
// rule"). Everything is in MiB (the pool divides bytes by 1024²); pure integer arithmetic, no I/O.
//
//   capacity     = device MiB × count (N identical GPUs are summed, as the pool would sum them; one worker still
//                  lives on one device, so a model larger than one device is flagged)
//   limit        = PoolRule::limitMib: floor(capacity × 4 / 5) − reserve; the pool admits while allocated + est ≤ limit
//   per model    = est_memory_allocation_mb, or the reviewer's override (ModelReview::effectiveMib)
//   co-load      = Σ per-model MiB, one worker of each model in the set
//   fits         = co-load ≤ limit;   headroom = limit − co-load
//   max workers  = for model m, with every other model of the set holding its one worker:
//                  room = limit − (co-load − m);  0 if room < m, else min(4, floor(room / m)).
//                  This is where the pool ends: cold start gives 2 if two fit, else 1; warm scale-up adds one
//                  at a time while one more fits, at most 4 per model. A model whose figure is 0 passes every
//                  check (the pool enforces nothing) and is reported at 4 with a warning.
//   alone        = the same with the model alone on the target: min(4, floor(limit / m)).
//   cold start   = the pool starting the set in the order given: each model takes 2 workers if two fit on top
//                  of what is allocated, else 1, else 0 ("memory exhausted"). An early model taking 2 can starve
//                  a later one even when the set fits with one each; coldStartOk says whether that happens.
//   drop first   = when the set does not fit, the models to remove, in order: the fewest models that make it fit.
//                  While no single model covers the excess, drop the largest; then drop the smallest model that
//                  covers what is left (so the set loses as little as possible). Ties go to the later model of
//                  the set, so the user's first choices stay.
class BudgetCalculator final
{
public:
    static constexpr qint64 kDefaultReserveMib = PoolRule::kDefaultReserveMib;
    static constexpr int kMaxWorkersPerModel = 4;
    static constexpr int kColdStartWorkers = 2;

    static BudgetResult compute(const BudgetTarget &target, const QList<BudgetItem> &set,
                                qint64 reserveMib = kDefaultReserveMib);
    static QStringList dropOrder(const QList<BudgetItem> &set, qint64 limitMib);

    // The rules above as plain text, for `memspec budget --help` and the panel's tooltip.
    static QString rulesText();
};

} // namespace memspec
