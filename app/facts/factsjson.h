// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"

#include <QJsonObject>

namespace memspec {

// ModelFacts <-> JSON for the refresh cache (every field, headers included). Pure; errors name the origin.
class FactsJson final
{
public:
    static QJsonObject toJson(const ModelFacts &facts);
    static Result<ModelFacts> fromJson(const QJsonObject &o, const QString &origin);
};

} // namespace memspec
