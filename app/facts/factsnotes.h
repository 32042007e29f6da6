// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"

#include <QStringList>

namespace memspec {

// Notes a refresh records in the facts when it kept hub data in part or found it implausible (issue 18 item 5);
// the estimate lists them and `memspec status` prints them. They ride in existing fields, so the cache format and
// every reader stay as they were: a header's note in its metadata under kHeaderNoteKey (a key the readers strip
// from what a file says), the model's under kFactsNotesKey in ModelFacts::components.
inline const QString kHeaderNoteKey = QStringLiteral("memspec.kept_in_part");
inline const QString kFactsNotesKey = QStringLiteral("memspec.kept_in_part");

void addHeaderNote(WeightHeaderFact *header, const QString &note);
void addFactsNote(ModelFacts *facts, const QString &note);
QStringList headerNotes(const WeightHeaderFact &header);
QStringList factsNotes(const ModelFacts &facts);   // the model's notes, then every header's

} // namespace memspec
