// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace memspec {

// Wording and small helpers every export shares, so the docs, the header and the data files say the same thing.
namespace exporttext {

// "approved", "estimated, not signed off", "overridden, not signed off", "stale, not re-approved"
QString statusLabel(const ModelReview &review);
QString huggingFaceUrl(const QString &repo);
// A Markdown table cell: pipes escaped, line breaks flattened.
QString cell(const QString &text);
// Writes all of `bytes` to `device`; the error names `name` (the file or stream being written).
Result<Done> writeAll(QIODevice *device, const QByteArray &bytes, const QString &name);
// Where the Rust source files are, seen from docs/models/ in the service repository.
inline constexpr const char *kDefaultSourcePrefix = "../../packages/candle/src/";

} // namespace exporttext
} // namespace memspec
