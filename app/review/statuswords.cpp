// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/statuswords.h"

namespace memspec {

std::optional<ReviewStatus> reviewStatusFromId(const QString &id)
{
    for (ReviewStatus s : {ReviewStatus::Estimated, ReviewStatus::Overridden, ReviewStatus::Approved, ReviewStatus::Stale}) {
        if (id == reviewStatusId(s)) {
            return s;
        }
    }
    return std::nullopt;
}

QString reviewStatusTitle(ReviewStatus s)
{
    switch (s) {
    case ReviewStatus::Estimated:
        return QStringLiteral("Estimated");
    case ReviewStatus::Overridden:
        return QStringLiteral("Overridden");
    case ReviewStatus::Approved:
        return QStringLiteral("Approved");
    case ReviewStatus::Stale:
        return QStringLiteral("Stale");
    }
    return {};
}

QString reviewStatusSummary(ReviewStatus s)
{
    switch (s) {
    case ReviewStatus::Approved:
        return QStringLiteral("approved");
    case ReviewStatus::Overridden:
        return QStringLiteral("overridden, not signed off");
    case ReviewStatus::Stale:
        return QStringLiteral("stale (inputs changed since sign-off), not re-approved");
    case ReviewStatus::Estimated:
        break;
    }
    return QStringLiteral("estimated, not signed off");
}

quint32 reviewStatusRgb(ReviewStatus s)
{
    switch (s) {
    case ReviewStatus::Approved:
        return 0x2ea043;   // green
    case ReviewStatus::Overridden:
        return 0x3b82f6;   // blue
    case ReviewStatus::Stale:
        return 0xe08a00;   // amber
    case ReviewStatus::Estimated:
        break;
    }
    return 0x8a8f98;   // neutral grey
}

} // namespace memspec
