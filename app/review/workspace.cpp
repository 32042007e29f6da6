// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "workspace.h"

#include "app/estimate/estimator.h"
#include "app/review/inputfingerprint.h"
#include "app/review/projectjson.h"
#include "app/facts/hubcache.h"
#include "app/review/reviewlog.h"

#include <QStandardPaths>

namespace memspec {

Q_LOGGING_CATEGORY(lcReview, "memspec.review")

namespace {

EstimateParams overlayParams(const EstimateParams &base, const EstimateParams &overlay)
{
    QJsonObject j = base.toJson();
    const QJsonObject o = overlay.toJson();
    for (auto it = o.begin(); it != o.end(); ++it) {
        j.insert(it.key(), it.value());
    }
    auto merged = EstimateParams::fromJson(j);
    return merged ? merged.value() : base;
}

Result<Registry> validated(const Registry &r, const QString &origin)
{
    return Registry::fromJson(r.toJson(), origin);
}

} // namespace

QDateTime Workspace::now()
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    return QDateTime(t.date(), QTime(t.time().hour(), t.time().minute(), t.time().second()), Qt::UTC);
}

Result<Workspace> Workspace::openBundled(const QString &refreshCacheDir)
{
    Workspace ws;
    ws.m_bundled = Registry::bundled();
    ws.m_registry = ws.m_bundled;
    auto facts = FactsSnapshot::load(ws.m_registry);
    if (!facts) {
        return Result<Workspace>::failure(facts.error());
    }
    ws.m_facts = facts.value();
    HubCache(refreshCacheDir.isEmpty() ? HubCache::defaultDir() : refreshCacheDir).overlay(ws.m_registry, &ws.m_facts);
    return ws;
}

QString Workspace::defaultProjectPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/MemSpec/memspec/default-project.json");
}

Result<Workspace> Workspace::open(const QString &projectPath, const QString &refreshCacheDir)
{
    auto ws = openBundled(refreshCacheDir);
    if (!ws) {
        return ws;
    }
    auto file = std::make_shared<ProjectFile>(projectPath.isEmpty() ? defaultProjectPath() : projectPath);
    auto project = file->load();
    if (!project) {
        return Result<Workspace>::failure(project.error());
    }
    Workspace &w = ws.value();
    auto set = w.setProject(project.value());
    if (!set) {
        return Result<Workspace>::failure(set.error());
    }
    w.m_file = std::move(file);
    if (!project->upsert.isEmpty()) {
        // Models the project added to the registry get their refreshed facts too.
        HubCache(refreshCacheDir.isEmpty() ? HubCache::defaultDir() : refreshCacheDir).overlay(w.m_registry, &w.m_facts);
    }
    return ws;
}

Result<Done> Workspace::setProject(const Project &project)
{
    auto reg = validated(project.registry(m_bundled), QStringLiteral("project registry"));
    if (!reg) {
        return Result<Done>::failure(reg.error());
    }
    m_project = project;
    m_registry = reg.value();
    return Done{};
}

Result<Done> Workspace::save(ProjectFile::SaveMode mode) const
{
    if (!m_file) {
        return Result<Done>::failure(QStringLiteral("no project file is open (use --project FILE)"));
    }
    return m_file->save(m_project, mode);
}

Result<Done> Workspace::saveAs(const QString &path)
{
    auto file = std::make_shared<ProjectFile>(path);
    if (m_file && m_file->path() == file->path()) {
        return m_file->save(m_project, ProjectFile::SaveMode::Overwrite);   // the same file: keep its handle and lock
    }
    // The new file is this writer's from now on: no other writer (a studio, `memspec set`) may share it.
    if (auto locked = file->lock(); !locked) {
        return locked;
    }
    auto saved = file->save(m_project, ProjectFile::SaveMode::Overwrite);
    if (!saved) {
        return saved;
    }
    if (m_file) {
        m_file->discardRecovery();
        m_file->unlock();
    }
    m_file = std::move(file);
    return Done{};
}

Result<RegistryEntry> Workspace::entry(const QString &key) const
{
    if (const RegistryEntry *e = m_registry.find(key)) {
        return *e;
    }
    return Result<RegistryEntry>::failure(
        QStringLiteral("unknown model \"%1\": not a registry key, alias or short name (see memspec list)").arg(key));
}

EstimateParams Workspace::parameters(const QString &key) const
{
    return m_project.record(key).parameters;
}

Estimate Workspace::estimate(const RegistryEntry &entry, const EstimateParams &overlay) const
{
    return Estimator::estimate(entry, m_facts.find(entry.key), overlayParams(parameters(entry.key), overlay));
}

ModelReview Workspace::makeReview(const RegistryEntry &e) const
{
    const ModelRecord rec = m_project.record(e.key);
    ModelReview r;
    r.entry = e;
    r.estimate = estimate(e);
    r.override = rec.override;
    r.signOff = rec.signOff;
    if (r.signOff) {
        const QJsonObject current = InputFingerprint::inputs(e, m_facts.find(e.key), r.estimate, r.effectiveMib());
        if (InputFingerprint::hash(current) == r.signOff->fingerprint) {
            r.status = ReviewStatus::Approved;
            r.statusReasons << QStringLiteral("approved by %1 on %2 at %3 MiB").arg(r.signOff->reviewer, isoTime(r.signOff->when)).arg(r.signOff->approvedMib);
        } else {
            r.status = ReviewStatus::Stale;
            if (InputFingerprint::hash(r.signOff->inputs) != r.signOff->fingerprint) {
                r.statusReasons << QStringLiteral("the recorded inputs do not match the sign-off's fingerprint (edited by hand?)");
            }
            r.statusReasons << InputFingerprint::differences(r.signOff->inputs, current);
        }
    } else if (r.override) {
        r.status = ReviewStatus::Overridden;
        r.statusReasons << QStringLiteral("override %1 MiB (estimate %2 MiB) by %3: %4")
                               .arg(r.override->mib)
                               .arg(r.estimate.estMib)
                               .arg(r.override->who, r.override->reason);
    } else {
        r.status = ReviewStatus::Estimated;
        r.statusReasons << QStringLiteral("estimate from %1; not reviewed").arg(r.estimate.basis.isEmpty() ? QStringLiteral("the bundled facts") : r.estimate.basis);
    }
    return r;
}

QList<ModelReview> Workspace::reviews() const
{
    QList<ModelReview> out;
    for (const RegistryEntry &e : m_registry.entries()) {
        out << makeReview(e);
    }
    return out;
}

Result<ModelReview> Workspace::review(const QString &key) const
{
    auto e = entry(key);
    if (!e) {
        return Result<ModelReview>::failure(e.error());
    }
    return makeReview(e.value());
}

} // namespace memspec
