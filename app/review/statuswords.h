// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/modelreview.h"

#include <optional>

namespace memspec {

// How a review status reads, defined once: its id (reviewStatusId, modelreview.h), a title ("Approved": the
// studio's model list), a summary ("overridden, not signed off": the breakdown, the docs and the exports) and its
// colour (0xRRGGBB: the studio's status badges).
std::optional<ReviewStatus> reviewStatusFromId(const QString &id);
QString reviewStatusTitle(ReviewStatus s);
QString reviewStatusSummary(ReviewStatus s);
quint32 reviewStatusRgb(ReviewStatus s);

} // namespace memspec
