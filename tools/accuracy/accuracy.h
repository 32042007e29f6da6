// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace memspec {

class Registry;
class FactsSnapshot;

// One compared line of one measured record (MiB).
struct AccuracyRow
{
    QString record;
    QString line; // weights | kv_cache | compute | total
    double estimateMib = 0;
    double measuredMib = 0;
    QString measuredAs; // the printed figure(s) it came from
    double errorPct() const { return measuredMib > 0 ? (estimateMib - measuredMib) / measuredMib * 100.0 : 0.0; }
};

struct AccuracyReport
{
    QList<AccuracyRow> rows;
    QStringList covered; // "id: how it was estimated"
    QStringList skipped; // "id: why no profile covers it"
    int totalsUnder = 0;
    double medianTotalOverPct = 0;
    int totals = 0;
    QString markdown;
};

// Estimates every record of measured/public.json that a runtime profile covers, with the same estimator code the
// product uses (synthetic registry entries borrowing the shapes of registry models), and writes docs/accuracy.md.
Result<AccuracyReport> accuracyReport(const QByteArray &publicJson, const QString &sourceName, const Registry &registry,
                                      const FactsSnapshot &facts);

} // namespace memspec
