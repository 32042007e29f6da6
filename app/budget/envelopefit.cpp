// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "envelopefit.h"

#include "app/budget/poolrule.h"
#include "app/common/units.h"

#include <algorithm>

namespace memspec {

QJsonObject EnvelopeFitResult::toJson() const
{
    QJsonObject o{{QStringLiteral("model"), key},
                  {QStringLiteral("max_input_tokens"), maxTokens},
                  {QStringLiteral("workers"), workers},
                  {QStringLiteral("co_load_mib"), coLoadMib},
                  {QStringLiteral("per_worker_limit_mib"), perWorkerMib},
                  {QStringLiteral("feasible"), feasible},
                  {QStringLiteral("prompt_limit"), feasible ? QJsonValue(promptLimit) : QJsonValue()},
                  {QStringLiteral("est_memory_allocation_mb"), estMib},
                  {QStringLiteral("unit"), QStringLiteral("MiB")}};
    if (nextMib > 0) {
        o.insert(QStringLiteral("next_step_mib"), nextMib);
    }
    if (!feasible) {
        o.insert(QStringLiteral("smallest_target"), smallestTarget);
        o.insert(QStringLiteral("smallest_target_capacity_mib"), smallestTargetMib);
    }
    return o;
}

EnvelopeFitResult EnvelopeFitter::fit(const QString &key, qint64 maxTokens, const std::function<qint64(qint64)> &mibAt,
                                      const BudgetTarget &target, int workers, qint64 coLoadMib, qint64 reserveMib,
                                      const GpuCatalog *catalog)
{
    EnvelopeFitResult r;
    r.key = key;
    r.maxTokens = maxTokens;
    r.workers = std::max(1, workers);
    r.coLoadMib = coLoadMib;
    // One worker lives on one device: with N devices the pool sums them, but no worker may exceed one device's share.
    const qint64 sumShare = PoolRule::maxPerWorkerMib(target.capacityMib(), r.workers, coLoadMib, reserveMib);
    r.perWorkerMib = target.count > 1 ? std::min(sumShare, PoolRule::limitMib(target.deviceMib, reserveMib)) : sumShare;
    auto fits = [&](qint64 tokens) { return mibAt(tokens) <= r.perWorkerMib; };

    const qint64 low = std::min(kMinTokens, maxTokens);
    if (!fits(low)) {
        r.estMib = mibAt(low);
        if (catalog) {
            r.smallestTarget =
                smallestTarget(r.estMib, r.workers, coLoadMib, reserveMib, *catalog, &r.smallestTargetMib);
        }
        return r;
    }
    r.feasible = true;
    if (fits(maxTokens)) {
        r.promptLimit = maxTokens;
        r.estMib = mibAt(maxTokens);
        return r;
    }
    // Largest k with fits(k × 256): fits(512) holds, fits(maxTokens) does not.
    qint64 lo = kMinTokens / kStep;          // fits
    qint64 hi = (maxTokens - 1) / kStep + 1; // first step at or past maxTokens: does not fit
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (mid * kStep < maxTokens && fits(mid * kStep)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    r.promptLimit = lo * kStep;
    r.estMib = mibAt(r.promptLimit);
    r.nextMib = mibAt(std::min(r.promptLimit + kStep, maxTokens));
    return r;
}

QString EnvelopeFitter::smallestTarget(qint64 mib, int workers, qint64 coLoadMib, qint64 reserveMib,
                                       const GpuCatalog &catalog, qint64 *capacityMib)
{
    const qint64 need = qint64(std::max(1, workers)) * mib + coLoadMib;
    QString best;
    qint64 bestMib = 0;
    int bestCount = 0;
    for (const GpuModel &g : catalog.gpus()) {
        if (g.kind != QLatin1String("gpu") || PoolRule::limitMib(g.mib(), reserveMib) < mib) {
            continue; // shared/unified memory is not a GPU target; one worker must fit one device
        }
        for (int n = 1; n <= kMaxDevices; ++n) {
            const qint64 cap = g.mib() * n;
            if (PoolRule::limitMib(cap, reserveMib) < need) {
                continue;
            }
            if (best.isEmpty() || cap < bestMib || (cap == bestMib && n < bestCount)) {
                best = n > 1 ? QStringLiteral("%1 × %2").arg(n).arg(g.label()) : g.label();
                bestMib = cap;
                bestCount = n;
            }
            break;
        }
    }
    if (best.isEmpty()) {
        bestMib = PoolRule::capacityFor(need, reserveMib);
        best = QStringLiteral("host RAM ≥ %1 MiB (host-RAM-only: no GPU of the catalog holds one worker)")
                   .arg(groupDigits(bestMib));
    }
    if (capacityMib) {
        *capacityMib = bestMib;
    }
    return best;
}

} // namespace memspec
