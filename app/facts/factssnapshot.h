// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"

#include <QHash>

namespace memspec {

class Registry;

// The facts bundled with the studio (resources/snapshot/*.json, built from ../shared/facts by
// resources/tools/build_snapshot.py), so that every model has an estimate with no network.
class FactsSnapshot
{
public:
    static Result<ModelFacts> parse(const QByteArray &json, const QString &origin);
    // Loads the snapshot of every registry model from a folder (":/memspec/snapshot" by default).
    static Result<FactsSnapshot> load(const Registry &registry,
                                      const QString &dir = QStringLiteral(":/memspec/snapshot"));
    static QString fileNameFor(const QString &key); // "org__name.json"

    const ModelFacts *find(const QString &key) const;
    void insert(const ModelFacts &facts) { m_facts.insert(facts.key.toLower(), facts); }
    int size() const { return int(m_facts.size()); }

private:
    QHash<QString, ModelFacts> m_facts;
};

} // namespace memspec
