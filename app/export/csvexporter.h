// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QList>

class QIODevice;

namespace memspec {

// memory_breakdown.csv (RFC 4180): one row per breakdown line and a `total` row per model (schema:
// docs/exports.md). Fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF.
class CsvExporter final
{
public:
    static QByteArray render(const QList<ModelReview> &reviews);
    static Result<Done> write(QIODevice *device, const QList<ModelReview> &reviews);
    static QByteArray field(const QString &value);
};

} // namespace memspec
