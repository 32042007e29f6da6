// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/export/servicemismatch.h"
#include "app/review/modelreview.h"

#include <QList>
#include <QStringList>

namespace memspec {

struct RustCheckReport
{
    bool allowUnapproved = false;
    int checked = 0;         // matched statics (a model may have more than one: CLIP's text and vision towers)
    int models = 0;          // registry models with at least one matched static
    QStringList differences; // each names file:line, the static, the model, what it holds and what it should
    QStringList warnings;    // repo differs, statics without a model, files skipped (symlinks out of the tree, ...)
    QList<ServiceMismatch> mismatches; // registry vs service: repo differs, model/static without the other
    bool ok() const { return differences.isEmpty(); }
    // The closing line `memspec check` prints and the studio shows: what was counted and the verdict.
    QString summary() const;
};

// The CI gate: every registry model must have a `CandleModelInfo` static it can read, and every matched static must
// hold the approved `est_memory_allocation_mb` and the prompt limit it holds for (`max_input_tokens`, for models
// whose limit is a serving choice). The one function behind `memspec check` and the studio's service check. A folder
// without Rust files is an error.
class RustCheck final
{
public:
    static Result<RustCheckReport> run(const QString &sourceTree, const QList<ModelReview> &reviews,
                                       bool allowUnapproved);
};

} // namespace memspec
