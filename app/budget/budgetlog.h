// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace memspec {

// The budget layer: the GPU catalog.
// Turned up or down with QT_LOGGING_RULES ("memspec.budget.info=false"); docs/architecture.md lists the categories.
Q_DECLARE_LOGGING_CATEGORY(lcBudget)

} // namespace memspec
