// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "factsnotes.h"

#include <QJsonArray>

namespace memspec {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        out << s.toString();
    }
    return out;
}

} // namespace

void addHeaderNote(WeightHeaderFact *header, const QString &note)
{
    QJsonArray a = header->metadata.value(kHeaderNoteKey).toArray();
    a.append(note);
    header->metadata.insert(kHeaderNoteKey, a);
}

void addFactsNote(ModelFacts *facts, const QString &note)
{
    QJsonArray a = facts->components.value(kFactsNotesKey).toArray();
    a.append(note);
    facts->components.insert(kFactsNotesKey, a);
}

QStringList headerNotes(const WeightHeaderFact &header)
{
    return strings(header.metadata.value(kHeaderNoteKey));
}

QStringList factsNotes(const ModelFacts &facts)
{
    QStringList out = strings(facts.components.value(kFactsNotesKey));
    for (const WeightHeaderFact &h : facts.headers) {
        out << headerNotes(h);
    }
    return out;
}

} // namespace memspec
