// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"

#include <QStringList>

namespace memspec {

// What a refresh may cache per model (issue 18 item 5: hub data must not inflate the cache and every later
// command). Facts within kMaxFactsBytes (as the cache writes them) are stored unchanged. Larger ones are cut in
// this order until they fit, each cut said in a note (app/facts/factsnotes.h, shown by the estimate and
// `memspec status`): the card beyond kMaxCardBytes; listing entries beyond kMaxListedFiles (the files the registry
// loads always stay); strings longer than 1 KiB and arrays longer than 256 in the configs and header metadata, kept as
// their length; tensors summed per dtype (byte totals stay exact); the extra configs; header metadata beyond
// the keys the estimate reads. The weight headers arrive already bounded (app/formats/weightheaderfacts.h).
class FactsBudget final
{
public:
    static constexpr qint64 kMaxFactsBytes = 1024 * 1024;
    static constexpr qint64 kMaxCardBytes = 64 * 1024;
    static constexpr int kMaxListedFiles = 1000;

    // keep: paths that must stay in facts->files (the weight files and indexes the registry names).
    static void fit(ModelFacts *facts, const QStringList &keep, qint64 maxBytes = kMaxFactsBytes);
    static qint64 bytes(const ModelFacts &facts); // the size of facts as the cache writes them
};

} // namespace memspec
