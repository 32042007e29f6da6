// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace memspec {

// The review layer: the workspace, the project file and its recovery copy.
// Turned up or down with QT_LOGGING_RULES ("memspec.review.info=false"); docs/architecture.md lists the categories.
Q_DECLARE_LOGGING_CATEGORY(lcReview)

} // namespace memspec
