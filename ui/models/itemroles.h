// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace memspec::ui {

// Custom roles for every model of the studio, in one place. Delegates paint from these roles only.
enum ItemRole {
    SortRole = Qt::UserRole + 1, // numeric value for sorting
    KeyRole,                     // registry key of the row
    BytesRole,                   // qint64 bytes of a breakdown line
    LineIdRole,                  // breakdown line id
    CapabilityRole,              // capability id
    StatusRole,                  // review status id: estimated | overridden | approved | stale
    ProgressRole,                // refresh progress 0..100, or -1 when no refresh runs for the row
    ProgressTextRole,            // what the refresh is doing ("config.json", "headers 3/13", "gated")
    IsGroupRole,                 // true on capability group rows of the model list
    ErrorRole,                   // last refresh error for the row, empty when none
};

} // namespace memspec::ui
