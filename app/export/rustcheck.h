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
    QStringList warnings;       // statics without a model, files skipped (symlinks out of the tree, odd names)
    bool ok() const { return differences.isEmpty(); }
};

// The CI gate: every registry model must have a `CandleModelInfo` static it can read, and every matched static must
// hold the approved `est_memory_allocation_mb` and the prompt limit it holds for (`max_input_tokens`, for models
// whose limit is a serving choice).
class RustCheck final
{
public:
    static Result<RustCheckReport> run(const QString &sourceTree, const QList<ModelReview> &reviews, bool allowUnapproved);
};

} // namespace memspec
