// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QList>

class QIODevice;

namespace memspec {

// est_memory_allocation_mb.rs: the standalone Rust snippet. A compilable table of (registry_key, MiB, status) and,
// per model, the exact field line to paste into its static, for trees that `apply-rust` cannot reach.
class RustSnippetWriter final
{
public:
    static QByteArray render(const QList<ModelReview> &reviews);
    static Result<Done> write(QIODevice *device, const QList<ModelReview> &reviews);
};

} // namespace memspec
