// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exportinput.h"

#include "app/cli/clicommands.h"
#include "app/review/workspace.h"

namespace memspec {

const ModelFacts *ExportInput::factsFor(const QString &key) const
{
    auto it = facts.constFind(key.toLower());
    return it == facts.constEnd() ? nullptr : &it.value();
}

Result<ExportInput> ExportInput::load(const GlobalOptions &global)
{
    // The one place exports open a workspace: when the review layer adds project files, open global.projectFile here.
    if (!global.projectFile.isEmpty()) {
        return Result<ExportInput>::failure(
            QStringLiteral("%1: project files are not supported by this build yet").arg(global.projectFile));
    }
    auto ws = Workspace::openBundled();
    if (!ws) {
        return Result<ExportInput>::failure(ws.error());
    }
    ExportInput in;
    in.reviews = ws->reviews();
    for (const ModelReview &r : in.reviews) {
        if (const ModelFacts *f = ws->facts().find(r.entry.key)) {
            in.facts.insert(r.entry.key.toLower(), *f);
        }
    }
    return in;
}

} // namespace memspec
