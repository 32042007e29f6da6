// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace memspec {

// The hub layer: refreshes that fail.
// Turned up or down with QT_LOGGING_RULES ("memspec.hub.info=false"); docs/architecture.md lists the categories.
Q_DECLARE_LOGGING_CATEGORY(lcHub)

} // namespace memspec
