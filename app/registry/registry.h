// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/registry/registryentry.h"

#include <QByteArray>
#include <QList>

namespace memspec {

// The set of models the studio manages. Immutable once loaded; edits produce a new Registry.
class Registry
{
public:
    // Parses and validates a registry document. Every error names the entry (index and key) and the field.
    static Result<Registry> fromJson(const QByteArray &json, const QString &origin);
    static Result<Registry> fromFile(const QString &path);
    // The 12 models bundled in resources (:/memspec/registry.json).
    static Registry bundled();

    QByteArray toJson() const;

    const QList<RegistryEntry> &entries() const { return m_entries; }
    int size() const { return int(m_entries.size()); }
    // Looks up by registry key, alias or short name; nullptr when nothing matches.
    const RegistryEntry *find(const QString &keyOrAlias) const;

    Registry withEntry(const RegistryEntry &entry) const; // add or replace by key
    Registry withoutEntry(const QString &key) const;

private:
    QList<RegistryEntry> m_entries;
};

} // namespace memspec
