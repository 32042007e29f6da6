// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace memspec {

// The export layer: files of the source tree the Rust patcher leaves alone.
// Turned up or down with QT_LOGGING_RULES ("memspec.export.info=false"); docs/architecture.md lists the categories.
Q_DECLARE_LOGGING_CATEGORY(lcExport)

} // namespace memspec
