// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "estimate.h"

#include <QJsonArray>

namespace memspec {

const EstimateLine *Estimate::line(const QString &id) const
{
    for (const EstimateLine &l : lines) {
        if (l.id == id) {
            return &l;
        }
    }
    return nullptr;
}

QJsonObject Estimate::toJson() const
{
    QJsonArray jl;
    for (const EstimateLine &l : lines) {
        jl.append(QJsonObject{{QStringLiteral("id"), l.id},
                              {QStringLiteral("bytes"), l.bytes},
                              {QStringLiteral("derivation"), l.derivation},
                              {QStringLiteral("sources"), QJsonArray::fromStringList(l.sources)}});
    }
    return QJsonObject{{QStringLiteral("model"), model},
                       {QStringLiteral("runtime"), parameters.runtime},
                       {QStringLiteral("device"), parameters.device},
                       {QStringLiteral("parameters"), parameters.toJson()},
                       {QStringLiteral("lines"), jl},
                       {QStringLiteral("total_bytes"), totalBytes},
                       {QStringLiteral("est_memory_allocation_mb"), estMib},
                       {QStringLiteral("unit"), QStringLiteral("MiB")},
                       {QStringLiteral("basis"), basis},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
                       {QStringLiteral("estimator_version"), estimatorVersion},
                       {QStringLiteral("rule_of_thumb"), QJsonObject{{QStringLiteral("bytes"), ruleOfThumbBytes},
                                                                     {QStringLiteral("derivation"), ruleOfThumb}}}};
}

} // namespace memspec
