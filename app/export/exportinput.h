// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"
#include "app/review/modelreview.h"

#include <QHash>
#include <QList>

namespace memspec {

struct GlobalOptions;
class Workspace;

// What every exporter reads: the reviews (registry entry, estimate, override, sign-off, status) and, where known,
// the facts behind them (config.json for the Architecture section). Plain values, so tests can build them by hand.
struct ExportInput
{
    QList<ModelReview> reviews;
    QHash<QString, ModelFacts> facts;   // by registry key, lower case

    const ModelFacts *factsFor(const QString &key) const;

    static ExportInput fromWorkspace(const Workspace &workspace);
    // The reviews of the workspace the global options select: the bundled registry and facts with the project
    // given by --project, or the default project.
    static Result<ExportInput> load(const GlobalOptions &global);
};

} // namespace memspec
