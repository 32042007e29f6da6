// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QList>
#include <QString>

class QIODevice;

namespace memspec {

// docs/models/MEMORY_SPECS.md: one row per model (Model | Registry Key | Memory (MB) | Quantization | Source |
// Status | Basis), totals per capability and overall, and implementation notes. The unit is MiB throughout.
class MemorySpecsWriter final
{
public:
    // sourcePrefix: the Rust sources' path in the service repo, shown in the Source column (not a link: the sources
    // are not part of the exported folder).
    static QString render(const QList<ModelReview> &reviews,
                          const QString &sourcePrefix = QLatin1String("packages/candle/src/"));
    static Result<Done> write(QIODevice *device, const QList<ModelReview> &reviews,
                              const QString &sourcePrefix = QLatin1String("packages/candle/src/"));
};

} // namespace memspec
