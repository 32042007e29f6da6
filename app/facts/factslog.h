// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace memspec {

// The facts layer: the refresh cache on disk (skipped and unwritable files).
// Turned up or down with QT_LOGGING_RULES ("memspec.facts.info=false"); docs/architecture.md lists the categories.
Q_DECLARE_LOGGING_CATEGORY(lcFacts)

} // namespace memspec
