// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/budgettarget.h"
#include "app/budget/gpucatalog.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace memspec {

// The answer of fitting one model's prompt limit to a target.
struct EnvelopeFitResult
{
    QString key;
    qint64 maxTokens = 0; // the upper bound: the static's max_input_tokens (or the registry's context)
    int workers = 1;
    qint64 coLoadMib = 0;         // other models' workers already allocated
    qint64 perWorkerMib = 0;      // PoolRule::maxPerWorkerMib: the most one worker may take
    bool feasible = false;        // even the smallest prompt limit (512 tokens) fits
    qint64 promptLimit = 0;       // the largest fitting limit: maxTokens, else a multiple of 256 (0 if infeasible)
    qint64 estMib = 0;            // the figure at promptLimit (at 512 tokens when infeasible)
    qint64 nextMib = 0;           // the figure at promptLimit + 256 when that is below maxTokens (it does not fit)
    QString smallestTarget;       // infeasible: the smallest catalog target that holds it at 512 tokens
    qint64 smallestTargetMib = 0; //   ... and its capacity

    bool fullLimit() const { return feasible && promptLimit == maxTokens; }
    QJsonObject toJson() const;
};

// Finds the largest prompt limit at which `workers` workers of a model (beside a co-load) pass the pool rule.
// The model's figure must not fall as the prompt limit grows (EnvelopeCurve checks it on the curve).
class EnvelopeFitter final
{
public:
    static constexpr qint64 kMinTokens = 512;
    static constexpr qint64 kStep = 256;
    static constexpr int kMaxDevices = 8;

    // `mibAt(tokens)`: the model's est_memory_allocation_mb at that prompt limit.
    static EnvelopeFitResult fit(const QString &key, qint64 maxTokens, const std::function<qint64(qint64)> &mibAt,
                                 const BudgetTarget &target, int workers, qint64 coLoadMib, qint64 reserveMib,
                                 const GpuCatalog *catalog);

    // The smallest target of the catalog (1 to kMaxDevices identical devices, each worker on one device), else host
    // RAM, on which `workers` workers of `mib` pass the rule beside `coLoadMib`: "A100 80GB", "2 × H100 80GB",
    // "host RAM ≥ 894,000 MiB (no single GPU of the catalog holds one worker)".
    static QString smallestTarget(qint64 mib, int workers, qint64 coLoadMib, qint64 reserveMib,
                                  const GpuCatalog &catalog, qint64 *capacityMib = nullptr);
};

} // namespace memspec
