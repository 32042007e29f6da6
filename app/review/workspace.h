// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/estimate/estimate.h"
#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"
#include "app/review/modelreview.h"

#include <QList>

namespace memspec {

// What the CLI and the studio work on: the registry in use and the facts of each model. (The review issue adds
// the project file: per-model parameters, overrides and sign-offs.)
class Workspace
{
public:
    // The bundled registry and facts snapshot; no network. Models refreshed earlier (app/hub refresh cache in
    // refreshCacheDir, or the default cache folder when empty) replace their bundled facts.
    static Result<Workspace> openBundled(const QString &refreshCacheDir = {});

    const Registry &registry() const { return m_registry; }
    const FactsSnapshot &facts() const { return m_facts; }
    void setFacts(const ModelFacts &facts) { m_facts.insert(facts); }

    // A registry key, alias or short name; an error that names the key otherwise.
    Result<RegistryEntry> entry(const QString &key) const;
    Estimate estimate(const RegistryEntry &entry, const EstimateParams &params = {}) const;

    // Every registry model with its estimate under the project's parameters and its review record. (v0: no
    // project yet, so every model is "estimated".)
    QList<ModelReview> reviews() const;
    Result<ModelReview> review(const QString &key) const;

private:
    Registry m_registry;
    FactsSnapshot m_facts;
};

} // namespace memspec
