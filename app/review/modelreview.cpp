// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modelreview.h"

namespace memspec {

QString reviewStatusId(ReviewStatus s)
{
    switch (s) {
    case ReviewStatus::Estimated:
        return QStringLiteral("estimated");
    case ReviewStatus::Overridden:
        return QStringLiteral("overridden");
    case ReviewStatus::Approved:
        return QStringLiteral("approved");
    case ReviewStatus::Stale:
        return QStringLiteral("stale");
    }
    return {};
}

} // namespace memspec
