// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiostate.h"

#include "app/settings/settings.h"

#include "ui/commands/reviewcontroller.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <QtConcurrent>

namespace memspec::ui {

StudioState::StudioState(Workspace workspace, Settings *settings, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_settings(settings),
      m_controller(new ReviewController(&m_workspace, this))
{
    connect(m_controller, &ReviewController::projectChanged, this, [this]() {
        Q_EMIT auditChanged();
        recompute();
    });
    connect(undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT unsavedChangesChanged(!clean); });
    // The first reviews are computed synchronously: the window must show every model's value when it first paints.
    for (const ModelReview &r : m_workspace.reviews()) {
        m_reviews.insert(r.entry.key, r);
    }
}

StudioState::~StudioState() = default;

QList<ModelReview> StudioState::reviews() const
{
    QList<ModelReview> out;
    for (const RegistryEntry &e : m_workspace.registry().entries()) {
        if (auto it = m_reviews.constFind(e.key); it != m_reviews.cend()) {
            out << *it;
        }
    }
    return out;
}

std::optional<ModelReview> StudioState::review(const QString &key) const
{
    auto it = m_reviews.constFind(key);
    if (it == m_reviews.cend()) {
        if (auto e = m_workspace.entry(key)) { // alias or short name
            it = m_reviews.constFind(e->key);
        }
    }
    return it == m_reviews.cend() ? std::nullopt : std::optional<ModelReview>(*it);
}

QString StudioState::who() const
{
    const QString name = m_settings ? m_settings->reviewerName() : QString();
    if (!name.isEmpty()) {
        return name;
    }
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("studio") : user;
}

void StudioState::recompute()
{
    const quint64 generation = ++m_generation;
    if (m_running++ == 0) {
        Q_EMIT estimatingChanged(true);
    }
    auto *watcher = new QFutureWatcher<QList<ModelReview>>(this);
    connect(watcher, &QFutureWatcher<QList<ModelReview>>::finished, this, [this, watcher, generation]() {
        watcher->deleteLater();
        const bool last = --m_running == 0;
        if (generation == m_generation) {
            m_delivered = generation;
            QList<QString> changed;
            m_reviews.clear(); // every model's review: one that left the registry (remove, undo of an add) goes
            for (const ModelReview &r : watcher->result()) {
                m_reviews.insert(r.entry.key, r);
                changed << r.entry.key;
            }
            for (const QString &key : std::as_const(changed)) {
                Q_EMIT reviewChanged(key);
            }
            Q_EMIT reviewsChanged();
        }
        if (last) {
            Q_EMIT estimatingChanged(false);
        }
    });
    // A copy of the workspace: the worker never sees later edits, and the UI thread never waits for it.
    watcher->setFuture(QtConcurrent::run([ws = m_workspace]() { return ws.reviews(); }));
}

QUndoStack *StudioState::undoStack() const
{
    return m_controller->undoStack();
}

Result<Done> StudioState::save(bool overwrite)
{
    return m_controller->save(overwrite);
}

Result<Done> StudioState::saveAs(const QString &path)
{
    return m_controller->saveAs(path);
}

void StudioState::replaceWorkspace(Workspace workspace)
{
    // The history first: clearing it while the old project is installed drops the old project's recovery file.
    m_controller->clearHistory();
    // The old project's lock goes now, not when the last copy of its workspace (a recompute in flight) is gone.
    if (ProjectFile *old = m_workspace.projectFile(); old && old != workspace.projectFile()) {
        old->unlock();
    }
    m_workspace = std::move(workspace);
    ++m_generation; // a recompute of the old project still running is dropped when it lands
    m_delivered = m_generation;
    m_reviews.clear();
    for (const ModelReview &r : m_workspace.reviews()) {
        m_reviews.insert(r.entry.key, r);
    }
    Q_EMIT workspaceReplaced();
    Q_EMIT auditChanged();
    Q_EMIT reviewsChanged();
    Q_EMIT unsavedChangesChanged(false);
}

Result<Done> StudioState::restoreRecovery()
{
    return m_controller->restoreRecovery(who());
}

bool StudioState::hasUnsavedChanges() const
{
    return m_controller->hasUnsavedChanges();
}

Result<Done> StudioState::setParameters(const QString &key, const EstimateParams &params)
{
    if (m_workspace.parameters(key) == params) {
        return Done{};
    }
    return m_controller->setParameters(key, params, who());
}

Result<Done> StudioState::setOverride(const QString &key, qint64 mib, const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        return Result<Done>::failure(tr("%1: an override needs a reason").arg(key));
    }
    return m_controller->setOverride(key, mib, reason.trimmed(), who());
}

Result<Done> StudioState::fitPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit,
                                         const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        return Result<Done>::failure(tr("%1: applying a fit needs a reason").arg(key));
    }
    return m_controller->fitPromptLimit(key, tokens, fit, reason.trimmed(), who());
}

Result<Done> StudioState::clearOverride(const QString &key)
{
    return m_controller->clearOverride(key, who());
}

Result<Done> StudioState::signOff(const QString &key, const QString &reviewer)
{
    if (reviewer.trimmed().isEmpty()) {
        return Result<Done>::failure(tr("%1: a sign-off needs the reviewer's name").arg(key));
    }
    if (m_settings) {
        m_settings->setValue(Settings::Key::ReviewerName, reviewer.trimmed());
    }
    return m_controller->signOff(key, reviewer.trimmed());
}

Result<Done> StudioState::revokeSignOff(const QString &key, const QString &reason)
{
    return m_controller->revokeSignOff(key, reason.trimmed(), who());
}

Result<Done> StudioState::addModel(const RegistryEntry &entry, const ModelFacts &facts)
{
    if (const RegistryEntry *existing = m_workspace.registry().find(entry.key)) {
        return Result<Done>::failure(tr("%1 is already in the registry as %2").arg(entry.key, existing->key));
    }
    return editModel(entry, facts);
}

Result<Done> StudioState::editModel(const RegistryEntry &entry, const std::optional<ModelFacts> &facts)
{
    if (facts) {
        m_workspace.setFacts(*facts); // before the edit: the recompute it triggers reads them
    }
    auto r = m_controller->upsertRegistryEntry(entry, who());
    if (r && facts) {
        Q_EMIT factsChanged(entry.key);
    }
    return r;
}

Result<Done> StudioState::removeModel(const QString &key)
{
    return m_controller->removeRegistryEntry(key, who());
}

void StudioState::applyFacts(const ModelFacts &facts)
{
    m_workspace.setFacts(facts);
    Q_EMIT factsChanged(facts.key);
    recompute();
}

} // namespace memspec::ui
