// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetresult.h"

#include "app/budget/poolrule.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
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
    const Envelope envelope = Envelope::of(review.entry, review.estimate);
    item.promptLimit = envelope.promptLimit;
    item.promptFixed = !envelope.adjustable;
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

BudgetVerdict BudgetResult::verdict() const
{
    if (!fits) {
        return BudgetVerdict::DoesNotFit;
    }
    return coldStartOk ? BudgetVerdict::Fits : BudgetVerdict::ColdStartFails;
}

QString BudgetResult::verdictId(BudgetVerdict v)
{
    switch (v) {
    case BudgetVerdict::Fits:
        return QStringLiteral("fits");
    case BudgetVerdict::ColdStartFails:
        return QStringLiteral("cold_start_fails");
    case BudgetVerdict::DoesNotFit:
        break;
    }
    return QStringLiteral("does_not_fit");
}

QString BudgetResult::verdictTitle() const
{
    switch (verdict()) {
    case BudgetVerdict::Fits:
        return QStringLiteral("Fits.");
    case BudgetVerdict::ColdStartFails:
        return QStringLiteral("Cold start fails.");
    case BudgetVerdict::DoesNotFit:
        break;
    }
    return QStringLiteral("Does not fit.");
}

QStringList BudgetResult::coldStartStarved() const
{
    QStringList names;
    for (const BudgetModelResult &m : models) {
        if (m.coldStartWorkers == 0) {
            names << m.item.name;
        }
    }
    return names;
}

QString BudgetResult::verdictDetail() const
{
    const QString coLoad = groupDigits(coLoadMib);
    const QString limit = groupDigits(limitMib);
    switch (verdict()) {
    case BudgetVerdict::Fits:
        return QStringLiteral("Co-load %1 MiB (one worker each) <= pool limit %2 MiB; headroom %3 MiB; the cold start "
                              "in this order starts every model.")
            .arg(coLoad, limit, groupDigits(headroomMib));
    case BudgetVerdict::ColdStartFails:
        return QStringLiteral("Co-load %1 MiB (one worker each) <= pool limit %2 MiB, but the cold start in this order "
                              "(2 workers where two fit, else 1) leaves no room for %3: start them earlier or lower "
                              "the others' figures.")
            .arg(coLoad, limit, coldStartStarved().join(QStringLiteral(", ")));
    case BudgetVerdict::DoesNotFit:
        break;
    }
    QString text = QStringLiteral("Co-load %1 MiB (one worker each) > pool limit %2 MiB; over by %3 MiB.")
                       .arg(coLoad, limit, groupDigits(-headroomMib));
    if (!dropFirst.isEmpty()) {
        text += QStringLiteral(" Drop first: %1.").arg(dropFirst.join(QStringLiteral(", ")));
    }
    return text;
}

QString BudgetResult::verdictText() const
{
    return verdictTitle() + QLatin1Char(' ') + verdictDetail();
}

QJsonObject BudgetResult::toJson() const
{
    QJsonArray rows;
    for (const BudgetModelResult &m : models) {
        rows.append(QJsonObject{{QStringLiteral("key"), m.item.key},
                                {QStringLiteral("name"), m.item.name},
                                {QStringLiteral("mib"), m.item.mib},
                                {QStringLiteral("prompt_limit"), m.item.promptLimit},
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
                       {QStringLiteral("rule"), PoolRule::text()},
                       {QStringLiteral("limit_mib"), limitMib},
                       {QStringLiteral("models"), rows},
                       {QStringLiteral("co_load_mib"), coLoadMib},
                       {QStringLiteral("headroom_mib"), headroomMib},
                       {QStringLiteral("fits"), fits},
                       {QStringLiteral("cold_start_ok"), coldStartOk},
                       {QStringLiteral("verdict"), verdictId(verdict())},
                       {QStringLiteral("verdict_text"), verdictText()},
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
    // prompt_limit last, so the columns scripts already read keep their places.
    QString out = QStringLiteral("row,key,name,mib,max_workers,alone_max_workers,cold_start_workers,verdict,prompt_limit\n");
    for (const BudgetModelResult &m : models) {
        out += QStringLiteral("model,%1,%2,%3,%4,%5,%6,%7,%8\n")
                   .arg(csvField(m.item.key), csvField(m.item.name))
                   .arg(m.item.mib)
                   .arg(m.maxWorkers)
                   .arg(m.aloneMaxWorkers)
                   .arg(m.coldStartWorkers)
                   .arg(csvField(m.verdict))
                   .arg(m.item.promptLimit);
    }
    out += QStringLiteral("co_load_total,,,%1,,,,%2,\n").arg(coLoadMib).arg(verdictId(verdict()));
    out += QStringLiteral("capacity,,%1,%2,,,,,\n").arg(csvField(target.describe())).arg(capacityMib);
    out += QStringLiteral("pool_limit,,floor(0.80 x capacity) - %1,%2,,,,,\n").arg(reserveMib).arg(limitMib);
    out += QStringLiteral("headroom,,,%1,,,,,\n").arg(headroomMib);
    return out;
}

} // namespace memspec
