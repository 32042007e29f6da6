// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exportinput.h"

#include "app/review/workspace.h"

namespace memspec {

const ModelFacts *ExportInput::factsFor(const QString &key) const
{
    auto it = facts.constFind(key.toLower());
    return it == facts.constEnd() ? nullptr : &it.value();
}

ExportInput ExportInput::fromWorkspace(const Workspace &ws)
{
    ExportInput in;
    in.reviews = ws.reviews();
    for (const ModelReview &r : in.reviews) {
        if (const ModelFacts *f = ws.facts().find(r.entry.key)) {
            in.facts.insert(r.entry.key.toLower(), *f);
        }
    }
    return in;
}

} // namespace memspec
