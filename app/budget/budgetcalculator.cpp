// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetcalculator.h"

#include "app/common/units.h"

#include <algorithm>

namespace memspec {

namespace {

int workersInRoom(qint64 roomMib, qint64 mib)
{
    if (mib <= 0) {
        return BudgetCalculator::kMaxWorkersPerModel; // the pool's check always passes at 0
    }
    if (roomMib < mib) {
        return 0;
    }
    return int(std::min<qint64>(BudgetCalculator::kMaxWorkersPerModel, roomMib / mib));
}

QString workers(int n)
{
    return QStringLiteral("%1 worker%2").arg(n).arg(n == 1 ? QString() : QStringLiteral("s"));
}

QString verdictFor(const BudgetModelResult &m)
{
    if (m.item.mib <= 0) {
        return QStringLiteral("est 0 MiB: the pool enforces nothing for this model");
    }
    QString v;
    if (m.maxWorkers == 0) {
        // Only when the set does not fit (then no model has room beside one worker of every other): what the model
        // gets on its own is what a reviewer choosing what to drop needs, first (a narrow column elides the end).
        v = m.aloneMaxWorkers == 0
                ? QStringLiteral("does not fit even alone")
                : QStringLiteral("alone: up to %1; the set does not fit").arg(workers(m.aloneMaxWorkers));
    } else {
        v = QStringLiteral("fits: up to %1").arg(workers(m.maxWorkers));
        if (m.coldStartWorkers == 0) {
            v += QStringLiteral("; cold start in this order: memory exhausted");
        }
    }
    if (m.largerThanDevice) {
        v += QStringLiteral("; one worker is larger than one device");
    }
    return v;
}

} // namespace

BudgetResult BudgetCalculator::compute(const BudgetTarget &target, const QList<BudgetItem> &set, qint64 reserveMib)
{
    BudgetResult r;
    r.target = target;
    r.reserveMib = reserveMib;
    r.capacityMib = target.capacityMib();
    r.limitMib = PoolRule::limitMib(r.capacityMib, reserveMib);
    for (const BudgetItem &item : set) {
        r.coLoadMib += std::max<qint64>(0, item.mib);
    }
    r.headroomMib = r.limitMib - r.coLoadMib;
    r.fits = r.coLoadMib <= r.limitMib;

    qint64 allocated = 0;
    r.coldStartOk = true;
    for (const BudgetItem &item : set) {
        const qint64 mib = std::max<qint64>(0, item.mib);
        BudgetModelResult m;
        m.item = item;
        m.roomMib = r.limitMib - (r.coLoadMib - mib);
        m.maxWorkers = workersInRoom(m.roomMib, mib);
        m.aloneMaxWorkers = workersInRoom(r.limitMib, mib);
        m.largerThanDevice = target.count > 1 && mib > target.deviceMib;
        if (mib == 0 || allocated + kColdStartWorkers * mib <= r.limitMib) {
            m.coldStartWorkers = kColdStartWorkers;
        } else if (allocated + mib <= r.limitMib) {
            m.coldStartWorkers = 1;
        } else {
            m.coldStartWorkers = 0;
            r.coldStartOk = false;
        }
        allocated += m.coldStartWorkers * mib;
        m.verdict = verdictFor(m);
        r.models.append(m);
    }
    r.dropFirst = dropOrder(set, r.limitMib);
    return r;
}

QStringList BudgetCalculator::dropOrder(const QList<BudgetItem> &set, qint64 limitMib)
{
    QList<BudgetItem> left = set;
    qint64 total = 0;
    for (const BudgetItem &i : left) {
        total += std::max<qint64>(0, i.mib);
    }
    QStringList dropped;
    while (total > limitMib && !left.isEmpty()) {
        const qint64 excess = total - limitMib;
        qsizetype pick = -1;
        // The smallest model that covers the excess on its own (the later one on a tie)...
        for (qsizetype i = 0; i < left.size(); ++i) {
            if (left[i].mib >= excess && (pick < 0 || left[i].mib <= left[pick].mib)) {
                pick = i;
            }
        }
        // ...else the largest (the later one on a tie), and go on.
        if (pick < 0) {
            for (qsizetype i = 0; i < left.size(); ++i) {
                if (pick < 0 || left[i].mib >= left[pick].mib) {
                    pick = i;
                }
            }
        }
        if (left[pick].mib <= 0) {
            break; // only zero-MiB models are left: dropping them changes nothing (the limit is negative)
        }
        total -= left[pick].mib;
        dropped << left[pick].key;
        left.removeAt(pick);
    }
    return dropped;
}

QString BudgetCalculator::rulesText()
{
    return QStringLiteral(
        "All figures are MiB (bytes / 1024^2), one figure per worker: est_memory_allocation_mb, or the\n"
        "reviewer's override when there is one.\n"
        "  capacity     device MiB x count. Catalog GPUs: the MiB the driver reports (nvidia-smi memory.total;\n"
        "               H100 80GB = 81,559 MiB); without one, the nominal GB as 10^9 B (80 GB = 76,293 MiB).\n"
        "  limit        floor(0.80 x capacity) - reserve (default reserve 2048 MiB): the pool admits a worker\n"
        "               while allocated + est <= limit.\n"
        "  co-load      the sum over the set, one worker each; fits = co-load <= limit; headroom = limit - co-load.\n"
        "  max workers  per model, the others holding one worker each: min(4, floor(room / est)) with\n"
        "               room = limit - the others. When the set does not fit, no model has that room: the\n"
        "               table shows - (0 in JSON and CSV) and the verdict gives the workers the model gets alone.\n"
        "               (Cold start takes 2 if two fit, else 1; warm scale-up adds one at a time while one more\n"
        "               fits, at most 4 per model.)\n"
        "  cold start   the pool starting the set in the order given (2 if two fit, else 1, else memory exhausted).\n"
        "  drop first   the fewest models to remove so the set fits: the largest while no single model covers the\n"
        "               excess, then the smallest that does; ties drop the later model of the set.\n");
}

} // namespace memspec
