// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/estimate/estimate.h"
#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"
#include "app/review/modelreview.h"
#include "app/review/project.h"
#include "app/review/projectfile.h"

#include <QDateTime>
#include <QList>

#include <memory>

namespace memspec {

// What the CLI and the studio work on: the registry in use, the facts of each model, and the project (per-model
// parameters, overrides, sign-offs, audit trail). Copyable value; copies share the project file handle.
//
// Editing is two-step so the studio can undo it: a const with*() operation validates and returns the new
// Project (with its audit event appended); setProject() installs it. Nothing here writes to disk except save().
class Workspace
{
public:
    // The bundled registry and facts snapshot, no project file; no network. Models refreshed earlier (app/hub
    // refresh cache in refreshCacheDir, or the default cache folder when empty) replace their bundled facts.
    static Result<Workspace> openBundled(const QString &refreshCacheDir = {});
    // The bundled registry and facts with the project at `projectPath` (an empty, unsaved project when the file
    // does not exist yet). An empty path means defaultProjectPath(). A broken file is an error naming it.
    static Result<Workspace> open(const QString &projectPath, const QString &refreshCacheDir = {});
    // $XDG_DATA_HOME/MemSpec/memspec/default-project.json (the CLI's AppDataLocation), shared with the studio.
    static QString defaultProjectPath();

    const Registry &registry() const { return m_registry; }
    const FactsSnapshot &facts() const { return m_facts; }
    void setFacts(const ModelFacts &facts) { m_facts.insert(facts); }

    const Project &project() const { return m_project; }
    // Installs a project (after an operation, an undo or a reload). Fails, changing nothing, when its registry
    // edits do not validate.
    Result<Done> setProject(const Project &project);
    QString projectPath() const { return m_file ? m_file->path() : QString(); }
    // The file behind the project (lock, recovery, external-change check); null for openBundled().
    ProjectFile *projectFile() const { return m_file.get(); }
    // Atomic save; refuses to overwrite a file changed on disk since it was opened unless mode says Overwrite.
    Result<Done> save(ProjectFile::SaveMode mode = ProjectFile::SaveMode::RefuseExternalChange) const;
    // Atomic save to another file, which becomes the project's file from then on (the caller asked the user before
    // replacing an existing file). The old file's recovery copy is dropped: its unsaved work is now saved. The new
    // file is locked first (refused, writing nothing, while another writer holds it) and the old one released.
    Result<Done> saveAs(const QString &path);

    // A registry key, alias or short name; an error that names the key otherwise.
    Result<RegistryEntry> entry(const QString &key) const;
    // The estimate under the project's parameters for this model, with any field set in `overlay` on top.
    Estimate estimate(const RegistryEntry &entry, const EstimateParams &overlay = {}) const;
    // The parameters the project sets for a model (unset fields = defaults).
    EstimateParams parameters(const QString &key) const;

    // Every registry model with its estimate under the project's parameters and its review status.
    QList<ModelReview> reviews() const;
    Result<ModelReview> review(const QString &key) const;

    // --- Pure operations: the new project, or an error naming the field; *this is unchanged. -------------------
    Result<Project> withParameters(const QString &key, const EstimateParams &params, const QString &who, const QDateTime &when = now()) const;
    Result<Project> withOverride(const QString &key, qint64 mib, const QString &reason, const QString &who,
                                 const QDateTime &when = now()) const;
    Result<Project> withoutOverride(const QString &key, const QString &who, const QDateTime &when = now()) const;
    // Sets the model's prompt limit (the `context` parameter) to a fitted value; audit action `fit_envelope` with
    // `fit` (target, workers, figures) and the reason in its detail. Only models whose envelope is adjustable.
    Result<Project> withPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit, const QString &reason,
                                    const QString &who, const QDateTime &when = now()) const;
    // Signs off the model's current effective value with the fingerprint of its current inputs.
    Result<Project> withSignOff(const QString &key, const QString &reviewer, const QDateTime &when = now()) const;
    // Withdraws the model's sign-off (approved or stale) with a written reason; audit action `revoke` (the reviewer,
    // value and fingerprint withdrawn, and the reason). An error naming the key when the model has no sign-off.
    Result<Project> withoutSignOff(const QString &key, const QString &reason, const QString &who,
                                   const QDateTime &when = now()) const;
    // Adds or replaces (by key) a registry entry; validated like a registry file.
    Result<Project> withRegistryEntry(const RegistryEntry &entry, const QString &who, const QDateTime &when = now()) const;
    Result<Project> withoutRegistryEntry(const QString &key, const QString &who, const QDateTime &when = now()) const;
    // Replaces the whole registry with a custom one (registry.base "none"); records of models not in it are dropped.
    Result<Project> withCustomRegistry(const Registry &registry, const QString &who, const QDateTime &when = now()) const;

    // Current UTC time to the second (the project file stores seconds).
    static QDateTime now();

private:
    ModelReview makeReview(const RegistryEntry &entry) const;

    Registry m_bundled;
    Registry m_registry;
    FactsSnapshot m_facts;
    Project m_project;
    std::shared_ptr<ProjectFile> m_file;
};

} // namespace memspec
