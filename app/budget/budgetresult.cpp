// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetresult.h"

#include "app/review/modelreview.h"

#include <QJsonArray>

namespace memspec {

BudgetItem BudgetItem::fromReview(const ModelReview &review)
{
    BudgetItem item;
    item.key = review.entry.key;
    item.name = review.entry.name.isEmpty() ? review.entry.key : review.entry.name;
    item.shortName = review.entry.shortName.isEmpty() ? review.entry.key.section(QLatin1Char('/'), -1)
                                                      : review.entry.shortName;
    item.mib = review.effectiveMib();
    item.overridden = review.override.has_value();
    for (const QString &id : lineIds()) {
        const EstimateLine *line = review.estimate.line(id);
        const qint64 bytes = line ? line->bytes : 0;
        item.lineBytes.append(bytes);
        item.computedBytes += bytes;
    }
    return item;
}

const BudgetModelResult *BudgetResult::model(const QString &key) const
{
    for (const BudgetModelResult &m : models) {
        if (m.item.key == key) {
            return &m;
        }
    }
    return nullptr;
}

QJsonObject BudgetResult::toJson() const
{
    QJsonArray rows;
    for (const BudgetModelResult &m : models) {
        rows.append(QJsonObject{{QStringLiteral("key"), m.item.key},
                                {QStringLiteral("name"), m.item.name},
                                {QStringLiteral("mib"), m.item.mib},
                                {QStringLiteral("overridden"), m.item.overridden},
                                {QStringLiteral("room_mib"), m.roomMib},
                                {QStringLiteral("max_workers"), m.maxWorkers},
                                {QStringLiteral("alone_max_workers"), m.aloneMaxWorkers},
                                {QStringLiteral("cold_start_workers"), m.coldStartWorkers},
                                {QStringLiteral("larger_than_device"), m.largerThanDevice},
                                {QStringLiteral("verdict"), m.verdict}});
    }
    return QJsonObject{{QStringLiteral("unit"), QStringLiteral("MiB")},
                       {QStringLiteral("target"), target.toJson()},
                       {QStringLiteral("capacity_mib"), capacityMib},
                       {QStringLiteral("reserve_mib"), reserveMib},
                       {QStringLiteral("rule"), QStringLiteral("allocated + est <= floor(0.80 x capacity) - reserve")},
                       {QStringLiteral("limit_mib"), limitMib},
                       {QStringLiteral("models"), rows},
                       {QStringLiteral("co_load_mib"), coLoadMib},
                       {QStringLiteral("headroom_mib"), headroomMib},
                       {QStringLiteral("fits"), fits},
                       {QStringLiteral("cold_start_ok"), coldStartOk},
                       {QStringLiteral("drop_first"), QJsonArray::fromStringList(dropFirst)}};
}

namespace {

QString csvField(const QString &s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))) {
        QString q = s;
        q.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }
    return s;
}

} // namespace

QString BudgetResult::toCsv() const
{
    QString out = QStringLiteral("row,key,name,mib,max_workers,alone_max_workers,cold_start_workers,verdict\n");
    for (const BudgetModelResult &m : models) {
        out += QStringLiteral("model,%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(csvField(m.item.key), csvField(m.item.name))
                   .arg(m.item.mib)
                   .arg(m.maxWorkers)
                   .arg(m.aloneMaxWorkers)
                   .arg(m.coldStartWorkers)
                   .arg(csvField(m.verdict));
    }
    const QString verdict = fits ? QStringLiteral("fits") : QStringLiteral("does not fit");
    out += QStringLiteral("co_load_total,,,%1,,,,%2\n").arg(coLoadMib).arg(verdict);
    out += QStringLiteral("capacity,,%1,%2,,,,\n").arg(csvField(target.describe())).arg(capacityMib);
    out += QStringLiteral("pool_limit,,floor(0.80 x capacity) - %1,%2,,,,\n").arg(reserveMib).arg(limitMib);
    out += QStringLiteral("headroom,,,%1,,,,\n").arg(headroomMib);
    return out;
}

} // namespace memspec
