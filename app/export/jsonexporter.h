// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QJsonObject>
#include <QList>

class QIODevice;

namespace memspec {

// memory_specs.json: every model with its full breakdown and review record (schema: docs/exports.md).
class JsonExporter final
{
public:
    static QJsonObject toJson(const QList<ModelReview> &reviews);
    static QJsonObject modelJson(const ModelReview &review);
    static Result<Done> write(QIODevice *device, const QList<ModelReview> &reviews);
};

} // namespace memspec
