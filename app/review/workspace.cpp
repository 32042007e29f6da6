// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "workspace.h"

#include "app/estimate/estimator.h"
#include "app/hub/hubcache.h"
#include "app/hub/hubconfig.h"

namespace memspec {

Result<Workspace> Workspace::openBundled(const QString &refreshCacheDir)
{
    Workspace ws;
    ws.m_registry = Registry::bundled();
    auto facts = FactsSnapshot::load(ws.m_registry);
    if (!facts) {
        return Result<Workspace>::failure(facts.error());
    }
    ws.m_facts = facts.value();
    HubCache(refreshCacheDir.isEmpty() ? HubConfig::defaultCacheDir() : refreshCacheDir).overlay(ws.m_registry, &ws.m_facts);
    return ws;
}

Result<RegistryEntry> Workspace::entry(const QString &key) const
{
    if (const RegistryEntry *e = m_registry.find(key)) {
        return *e;
    }
    return Result<RegistryEntry>::failure(
        QStringLiteral("unknown model \"%1\": not a registry key, alias or short name (see memspec list)").arg(key));
}

Estimate Workspace::estimate(const RegistryEntry &entry, const EstimateParams &params) const
{
    return Estimator::estimate(entry, m_facts.find(entry.key), params);
}

QList<ModelReview> Workspace::reviews() const
{
    QList<ModelReview> out;
    for (const RegistryEntry &e : m_registry.entries()) {
        ModelReview r;
        r.entry = e;
        r.estimate = estimate(e);
        out << r;
    }
    return out;
}

Result<ModelReview> Workspace::review(const QString &key) const
{
    auto e = entry(key);
    if (!e) {
        return Result<ModelReview>::failure(e.error());
    }
    ModelReview r;
    r.entry = e.value();
    r.estimate = estimate(e.value());
    return r;
}

} // namespace memspec
