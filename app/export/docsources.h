// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QString>
#include <QStringList>

namespace memspec::docsources {

// What an exported model doc may cite. The bundled facts carry research notes (where a figure was found: copies of
// a config, a code index, third-party catalogues and mirrors); a doc meant to be committed cites the model's own
// Hub repos and files only.

// Phrases that mark a citation the service's tree cannot resolve (matched case-insensitively): research notes (copies,
// indexes, catalogues, mirrors, the research folder) and the studio's own docs, which the service does not carry.
const QStringList &unresolvableCitationMarkers();

// The Hub repos a model's doc may link to: its registry key, its aliases and the repos of its weight components.
QStringList ownRepos(const RegistryEntry &entry);

// True when `text` holds one of those markers or a URL outside https://huggingface.co/<own repo>.
bool citesWhatTheServiceCannotResolve(const QString &text, const QStringList &ownRepos);

// `text` without its research notes: parenthesised remarks and "; "-separated clauses that are notes are dropped,
// the rest is kept word for word. Empty when nothing citable is left.
QString clean(const QString &text, const QStringList &ownRepos);

// Every item cleaned; items with nothing left are dropped.
QStringList clean(const QStringList &items, const QStringList &ownRepos);

// The model's own config.json on the Hub, or why there is none.
QString configSource(const RegistryEntry &entry, const ModelFacts *facts);

} // namespace memspec::docsources
