// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetchartdata.h"

#include "app/common/units.h"

namespace memspec {

const QStringList &BudgetChartData::segmentIds()
{
    static const QStringList ids{QStringLiteral("weights"),          QStringLiteral("kv_cache"),
                                 QStringLiteral("activations"),      QStringLiteral("runtime_overhead"),
                                 QStringLiteral("margin"),           QStringLiteral("rounding")};
    return ids;
}

double BudgetChartData::barTotal(int category) const
{
    double sum = 0;
    for (const QList<double> &seg : values) {
        sum += seg.value(category);
    }
    return sum;
}

BudgetChartData BudgetChartData::fromResult(const BudgetResult &result)
{
    BudgetChartData d;
    d.values.resize(kSegmentCount);
    d.capacityMib = double(result.capacityMib);
    d.limitMib = double(result.limitMib);
    d.coLoadMib = double(result.coLoadMib);
    d.reserveMib = result.reserveMib;
    QList<double> coLoad(kSegmentCount, 0.0);
    for (const BudgetModelResult &m : result.models) {
        const double pool = double(std::max<qint64>(0, m.item.mib));
        const double computed = double(m.item.computedBytes) / double(MiB);
        const bool scale = computed > pool && computed > 0;
        const double factor = scale ? pool / computed : 1.0;
        for (int s = 0; s < kSegmentCount - 1; ++s) {
            const double v = double(m.item.lineBytes.value(s)) / double(MiB) * factor;
            d.values[s].append(v);
            coLoad[s] += v;
        }
        const double rounding = scale ? 0.0 : pool - computed;
        d.values[kSegmentCount - 1].append(rounding);
        coLoad[kSegmentCount - 1] += rounding;
        d.categories << m.item.name;
        d.shortLabels << (m.item.shortName.isEmpty() ? m.item.name : m.item.shortName);
        d.keys << m.item.key;
        d.scaled << scale;
        d.promptLimits << m.item.promptLimit;
        d.promptFixed << m.item.promptFixed;
    }
    for (int s = 0; s < kSegmentCount; ++s) {
        d.values[s].append(coLoad[s]);
    }
    d.categories << coLoadLabel();
    d.shortLabels << coLoadShortLabel();
    d.keys << QString();
    d.scaled << false;
    d.promptLimits << 0;
    d.promptFixed << false;
    return d;
}

} // namespace memspec
