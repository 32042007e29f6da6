// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace memspec::ui {

// Custom roles for every model of the studio, in one place.
enum ItemRole {
    SortRole = Qt::UserRole + 1,   // numeric value for sorting
    KeyRole,                       // registry key of the row
    BytesRole,                     // qint64 bytes of a breakdown line
    LineIdRole,                    // breakdown line id
    CapabilityRole,                // capability id
};

} // namespace memspec::ui
