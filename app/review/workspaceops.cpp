// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The pure editing operations of Workspace: each validates, returns a new Project with one audit event, and
// leaves the workspace unchanged.
#include "workspace.h"

#include "app/estimate/estimator.h"
#include "app/review/inputfingerprint.h"
#include "app/review/projectjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

namespace {
using P = Result<Project>;

QJsonObject entryJson(const RegistryEntry &e)
{
    return QJsonDocument::fromJson(Registry{}.withEntry(e).toJson()).object().value(QLatin1String("models")).toArray().at(0).toObject();
}
} // namespace

P Workspace::withParameters(const QString &key, const EstimateParams &params, const QString &who, const QDateTime &when) const
{
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    auto valid = Estimator::validateFor(e.value(), m_facts.find(e->key), params);
    if (!valid) {
        return P::failure(QStringLiteral("%1: %2").arg(e->key, valid.error()));
    }
    Project p = m_project;
    ModelRecord rec = p.record(e->key);
    const QJsonObject before = rec.parameters.toJson();
    rec.parameters = params;
    p.models.insert(e->key, rec);
    p.log(when, who, QStringLiteral("set_parameters"), e->key,
          {{QStringLiteral("before"), before}, {QStringLiteral("after"), params.toJson()}});
    return p;
}

P Workspace::withOverride(const QString &key, qint64 mib, const QString &reason, const QString &who, const QDateTime &when) const
{
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    if (mib <= 0 || mib > (qint64(1) << 40)) {
        return P::failure(QStringLiteral("%1: override: field \"mib\" must be a positive number of MiB, not %2").arg(e->key).arg(mib));
    }
    if (reason.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: override: field \"reason\" is empty; an override needs a written reason").arg(e->key));
    }
    if (who.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: override: field \"who\" is empty").arg(e->key));
    }
    Project p = m_project;
    ModelRecord rec = p.record(e->key);
    QJsonObject detail{{QStringLiteral("mib"), mib}, {QStringLiteral("reason"), reason}};
    if (rec.override) {
        detail.insert(QStringLiteral("previous_mib"), rec.override->mib);
    }
    rec.override = Override{mib, reason, who, when.toUTC()};
    p.models.insert(e->key, rec);
    p.log(when, who, QStringLiteral("set_override"), e->key, detail);
    return p;
}

P Workspace::withoutOverride(const QString &key, const QString &who, const QDateTime &when) const
{
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    Project p = m_project;
    ModelRecord rec = p.record(e->key);
    if (!rec.override) {
        return P::failure(QStringLiteral("%1 has no override to clear").arg(e->key));
    }
    const QJsonObject detail{{QStringLiteral("mib"), rec.override->mib}, {QStringLiteral("reason"), rec.override->reason}};
    rec.override.reset();
    p.models.insert(e->key, rec);
    p.log(when, who, QStringLiteral("clear_override"), e->key, detail);
    return p;
}

P Workspace::withSignOff(const QString &key, const QString &reviewer, const QDateTime &when) const
{
    auto r = review(key);
    if (!r) {
        return P::failure(r.error());
    }
    if (reviewer.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: sign-off: field \"reviewer\" is empty; a sign-off needs a name").arg(r->entry.key));
    }
    SignOff s;
    s.reviewer = reviewer;
    s.when = when.toUTC();
    s.approvedMib = r->effectiveMib();
    s.inputs = InputFingerprint::inputs(r->entry, m_facts.find(r->entry.key), r->estimate, s.approvedMib);
    s.fingerprint = InputFingerprint::hash(s.inputs);
    Project p = m_project;
    ModelRecord rec = p.record(r->entry.key);
    rec.signOff = s;
    p.models.insert(r->entry.key, rec);
    QJsonObject detail{{QStringLiteral("approved_mib"), s.approvedMib}, {QStringLiteral("fingerprint"), s.fingerprint}};
    if (r->override) {
        detail.insert(QStringLiteral("override_reason"), r->override->reason);
    }
    p.log(when, reviewer, QStringLiteral("sign_off"), r->entry.key, detail);
    return p;
}

P Workspace::withoutSignOff(const QString &key, const QString &reason, const QString &who, const QDateTime &when) const
{
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    Project p = m_project;
    ModelRecord rec = p.record(e->key);
    if (!rec.signOff) {
        return P::failure(QStringLiteral("%1 has no sign-off to revoke").arg(e->key));
    }
    if (reason.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: revoke: field \"reason\" is empty; revoking a sign-off needs a written reason").arg(e->key));
    }
    if (who.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: revoke: field \"who\" is empty").arg(e->key));
    }
    const QJsonObject detail{{QStringLiteral("reviewer"), rec.signOff->reviewer},
                             {QStringLiteral("approved_mib"), rec.signOff->approvedMib},
                             {QStringLiteral("fingerprint"), rec.signOff->fingerprint},
                             {QStringLiteral("reason"), reason}};
    rec.signOff.reset();
    p.models.insert(e->key, rec);
    p.log(when, who, QStringLiteral("revoke"), e->key, detail);
    return p;
}

P Workspace::withRegistryEntry(const RegistryEntry &entry, const QString &who, const QDateTime &when) const
{
    Project p = m_project;
    const bool existed = m_registry.find(entry.key) && m_registry.find(entry.key)->key == entry.key;
    p.remove.removeAll(entry.key);
    bool replaced = false;
    for (RegistryEntry &u : p.upsert) {
        if (u.key == entry.key) {
            u = entry;
            replaced = true;
        }
    }
    if (!replaced) {
        p.upsert << entry;
    }
    // Validate the whole registry that would result: field errors and clashes of keys and aliases.
    auto reg = Registry::fromJson(p.registry(m_bundled).toJson(), QStringLiteral("registry"));
    if (!reg) {
        return P::failure(reg.error());
    }
    p.log(when, who, QStringLiteral("registry_upsert"), entry.key,
          {{QStringLiteral("change"), existed ? QStringLiteral("edited") : QStringLiteral("added")}, {QStringLiteral("entry"), entryJson(entry)}});
    return p;
}

P Workspace::withoutRegistryEntry(const QString &key, const QString &who, const QDateTime &when) const
{
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    Project p = m_project;
    p.upsert.removeIf([&](const RegistryEntry &u) { return u.key == e->key; });
    if (m_bundled.find(e->key) && !p.remove.contains(e->key)) {
        p.remove << e->key;
    }
    p.models.remove(e->key);
    p.log(when, who, QStringLiteral("registry_remove"), e->key, {{QStringLiteral("entry"), entryJson(e.value())}});
    return p;
}

P Workspace::withCustomRegistry(const Registry &registry, const QString &who, const QDateTime &when) const
{
    auto reg = Registry::fromJson(registry.toJson(), QStringLiteral("custom registry"));
    if (!reg) {
        return P::failure(reg.error());
    }
    if (reg->size() == 0) {
        return P::failure(QStringLiteral("custom registry: field \"models\" is empty; a registry needs at least one model"));
    }
    Project p = m_project;
    p.registryBase = QStringLiteral("none");
    p.upsert = reg->entries();
    p.remove.clear();
    p.models.removeIf([&](const auto &it) { return !reg->find(it.key()); });
    QStringList keys;
    for (const RegistryEntry &e : p.upsert) {
        keys << e.key;
    }
    p.log(when, who, QStringLiteral("registry_replace"), QString(), {{QStringLiteral("keys"), QJsonArray::fromStringList(keys)}});
    return p;
}

} // namespace memspec
