// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"
#include "app/review/modelreview.h"

#include <QHash>
#include <QList>

namespace memspec {

class Workspace;

// What every exporter reads: the reviews (registry entry, estimate, override, sign-off, status) and, where known,
// the facts behind them (config.json for the Architecture section). Plain values, so tests can build them by hand.
struct ExportInput
{
    QList<ModelReview> reviews;
    QHash<QString, ModelFacts> facts;   // by registry key, lower case

    const ModelFacts *factsFor(const QString &key) const;

    static ExportInput fromWorkspace(const Workspace &workspace);
};

} // namespace memspec
