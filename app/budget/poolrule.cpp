// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "poolrule.h"

#include <algorithm>

namespace memspec {

qint64 PoolRule::limitMib(qint64 capacityMib, qint64 reserveMib)
{
    return capacityMib * 4 / 5 - reserveMib;
}

bool PoolRule::admits(qint64 allocatedMib, qint64 estMib, qint64 capacityMib, qint64 reserveMib)
{
    return allocatedMib + estMib <= limitMib(capacityMib, reserveMib);
}

qint64 PoolRule::capacityFor(qint64 neededMib, qint64 reserveMib)
{
    // floor(c × 4 / 5) ≥ n + r  ⇔  c × 4 / 5 ≥ n + r (n + r whole)  ⇔  c ≥ (n + r) × 5 / 4, rounded up.
    const qint64 need = std::max<qint64>(0, neededMib + reserveMib);
    return (need * 5 + 3) / 4;
}

qint64 PoolRule::maxPerWorkerMib(qint64 capacityMib, int workers, qint64 coLoadMib, qint64 reserveMib)
{
    const qint64 room = limitMib(capacityMib, reserveMib) - coLoadMib;
    const qint64 n = std::max(1, workers);
    // Floor division that rounds toward −∞, so a room below zero stays below zero.
    return room >= 0 ? room / n : -((-room + n - 1) / n);
}

QString PoolRule::text()
{
    return QStringLiteral("allocated + est <= floor(0.80 x capacity) - reserve");
}

} // namespace memspec
