// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QList>
#include <QStringList>

namespace memspec {

struct RustCheckReport
{
    int checked = 0;            // matched statics
    QStringList differences;    // each names file:line, the static, the model, what it holds and what it should
    QStringList warnings;       // models without a static, statics without a model
    bool ok() const { return differences.isEmpty(); }
};

// The CI gate: every matched `CandleModelInfo` static must hold the approved `est_memory_allocation_mb`.
class RustCheck final
{
public:
    static Result<RustCheckReport> run(const QString &sourceTree, const QList<ModelReview> &reviews, bool allowUnapproved);
};

} // namespace memspec
