// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The k-th project the save helper writes; shared by the helper and the test so the test can tell old from new.
#pragma once

#include "app/review/project.h"

namespace memspec::test {

inline Project savedProject(qint64 k)
{
    Project p;
    ModelRecord r;
    r.parameters.context = k;
    // Large enough that a write takes several syscalls, so kills land mid-write.
    r.override = Override{k, QStringLiteral("generation %1 ").arg(k).repeated(20000), QStringLiteral("helper"),
                          QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC)};
    p.models.insert(QStringLiteral("dunzhang/stella_en_1.5B_v5"), r);
    return p;
}

} // namespace memspec::test
