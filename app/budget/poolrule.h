// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

namespace memspec {

// The worker pool's admission rule, the one copy every figure of the studio, the CLI and the exports uses
// (reference/target-codebase.md, "The pool rule"): a worker of `est` MiB starts while
//
//     allocated + est ≤ 0.80 × total − reserve        (MiB; 0.80 × total rounded down to whole MiB)
//
// and its inverses: the smallest capacity that admits a load, and the largest per-worker figure that lets N
// workers start on top of a co-load. Pure integer arithmetic.
class PoolRule final
{
public:
    static constexpr qint64 kDefaultReserveMib = 2048; // the service's 2 GiB reserve

    // floor(capacity × 4 / 5) − reserve: the most a pool may hold. Negative when the reserve exceeds 80 %.
    static qint64 limitMib(qint64 capacityMib, qint64 reserveMib = kDefaultReserveMib);
    // allocated + est ≤ limit.
    static bool admits(qint64 allocatedMib, qint64 estMib, qint64 capacityMib, qint64 reserveMib = kDefaultReserveMib);
    // The smallest capacity (MiB) whose limit holds `neededMib`: ceil((needed + reserve) × 5 / 4).
    static qint64 capacityFor(qint64 neededMib, qint64 reserveMib = kDefaultReserveMib);
    // The largest per-worker figure for which `workers` workers start beside `coLoadMib` already allocated:
    // floor((limit − co-load) / workers); negative when the co-load alone is over the limit.
    static qint64 maxPerWorkerMib(qint64 capacityMib, int workers, qint64 coLoadMib = 0,
                                  qint64 reserveMib = kDefaultReserveMib);
    // "allocated + est ≤ floor(0.80 × capacity) − reserve", for reports.
    static QString text();
};

} // namespace memspec
