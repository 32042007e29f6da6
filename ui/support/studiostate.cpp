// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiostate.h"

#include "app/estimate/estimator.h"
#include "app/settings/settings.h"
#include "ui/support/asyncestimator.h"
#include "ui/support/recordcommand.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUndoStack>

namespace memspec::ui {

QJsonObject signOffInputs(const ModelReview &review, const ModelFacts *facts)
{
    QJsonObject files;
    if (facts) {
        for (const FileFact &f : facts->files) {
            if (f.size) {
                files.insert(f.path, double(*f.size));
            }
        }
    }
    QJsonObject o;
    o.insert(QStringLiteral("revision"), facts ? facts->revision : QString());
    o.insert(QStringLiteral("files"), files);
    o.insert(QStringLiteral("estimator_version"), review.estimate.estimatorVersion);
    o.insert(QStringLiteral("parameters"), review.estimate.parameters.toJson());
    o.insert(QStringLiteral("value_mib"), double(review.effectiveMib()));
    return o;
}

QString fingerprintOf(const QJsonObject &inputs)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(inputs).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex()
            .left(16));
}

StudioState::StudioState(Workspace workspace, Settings *settings, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_settings(settings), m_undo(new QUndoStack(this)),
      m_estimator(new AsyncEstimator(this))
{
    for (const ModelReview &r : m_workspace.reviews()) {
        m_reviews.insert(r.entry.key, assemble(r.entry, r.estimate));
    }
    connect(m_estimator, &AsyncEstimator::finished, this, &StudioState::onEstimated);
    connect(m_estimator, &AsyncEstimator::busyChanged, this, &StudioState::estimatingChanged);
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
        return std::nullopt;
    }
    return *it;
}

bool StudioState::isEstimating(const QString &key) const
{
    return m_estimator->isBusy(key);
}

EstimateParams StudioState::effectiveParams(const QString &key) const
{
    EstimateParams p = m_records.value(key).parameters;
    if (m_settings && p.device.isEmpty()) {
        p.device = m_settings->defaultDevice();
    }
    if (m_settings && p.runtime.isEmpty()) {
        p.runtime = m_settings->defaultRuntime();
    }
    return p;
}

QString StudioState::who() const
{
    const QString name = m_settings ? m_settings->reviewerName() : QString();
    return name.isEmpty() ? tr("(unnamed reviewer)") : name;
}

ModelReview StudioState::assemble(const RegistryEntry &entry, const Estimate &estimate) const
{
    const ReviewRecord rec = m_records.value(entry.key);
    ModelReview r;
    r.entry = entry;
    r.estimate = estimate;
    r.override = rec.override;
    r.signOff = rec.signOff;
    r.status = rec.override ? ReviewStatus::Overridden : ReviewStatus::Estimated;
    if (rec.signOff) {
        const QJsonObject now = signOffInputs(r, m_workspace.facts().find(entry.key));
        if (fingerprintOf(now) == rec.signOff->fingerprint) {
            r.status = ReviewStatus::Approved;
        } else {
            r.status = ReviewStatus::Stale;
            for (auto it = now.begin(); it != now.end(); ++it) {
                if (rec.signOff->inputs.value(it.key()) != it.value()) {
                    r.statusReasons << tr("%1 changed since the sign-off").arg(it.key());
                }
            }
        }
    }
    return r;
}

void StudioState::recompute(const QString &key)
{
    auto entry = m_workspace.entry(key);
    if (!entry) {
        return;
    }
    std::optional<ModelFacts> facts;
    if (const ModelFacts *f = m_workspace.facts().find(key)) {
        facts = *f;
    }
    m_estimator->request(entry.value(), facts, effectiveParams(key));
}

void StudioState::onEstimated(const QString &key, const Estimate &estimate)
{
    auto entry = m_workspace.entry(key);
    if (!entry) {
        return;
    }
    m_reviews.insert(key, assemble(entry.value(), estimate));
    Q_EMIT reviewChanged(key);
}

void StudioState::push(const QString &key, const ReviewRecord &after, const QString &action, const QString &detail)
{
    AuditEntry event{QDateTime::currentDateTimeUtc(), who(), action, key, detail};
    m_undo->push(new RecordCommand(this, key, m_records.value(key), after, event));
}

void StudioState::restoreRecord(const QString &key, const ReviewRecord &record, const AuditEntry &event)
{
    const bool paramsChanged = !(m_records.value(key).parameters == record.parameters);
    m_records.insert(key, record);
    m_audit << event;
    Q_EMIT auditChanged();
    if (paramsChanged) {
        recompute(key);
    } else if (auto entry = m_workspace.entry(key)) {
        m_reviews.insert(key, assemble(entry.value(), m_reviews.value(key).estimate));
        Q_EMIT reviewChanged(key);
    }
}

Result<Done> StudioState::setParameters(const QString &key, const EstimateParams &params)
{
    if (!m_workspace.entry(key)) {
        return Result<Done>::failure(m_workspace.entry(key).error());
    }
    if (auto v = Estimator::validate(params); !v) {
        return Result<Done>::failure(QStringLiteral("%1: %2").arg(key, v.error()));
    }
    ReviewRecord after = m_records.value(key);
    if (after.parameters == params) {
        return Done{};
    }
    after.parameters = params;
    push(key, after, QStringLiteral("set_parameters"), QString::fromUtf8(QJsonDocument(params.toJson()).toJson(QJsonDocument::Compact)));
    return Done{};
}

Result<Done> StudioState::setOverride(const QString &key, qint64 mib, const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        return Result<Done>::failure(tr("%1: an override needs a reason").arg(key));
    }
    if (mib <= 0) {
        return Result<Done>::failure(tr("%1: an override must be a positive number of MiB").arg(key));
    }
    ReviewRecord after = m_records.value(key);
    after.override = Override{mib, reason.trimmed(), who(), QDateTime::currentDateTimeUtc()};
    push(key, after, QStringLiteral("set_override"), tr("%L1 MiB: %2").arg(mib).arg(reason.trimmed()));
    return Done{};
}

Result<Done> StudioState::clearOverride(const QString &key)
{
    ReviewRecord after = m_records.value(key);
    if (!after.override) {
        return Result<Done>::failure(tr("%1 has no override").arg(key));
    }
    after.override.reset();
    push(key, after, QStringLiteral("clear_override"), {});
    return Done{};
}

Result<Done> StudioState::signOff(const QString &key, const QString &reviewer)
{
    const auto r = review(key);
    if (!r) {
        return Result<Done>::failure(tr("unknown model \"%1\"").arg(key));
    }
    if (reviewer.trimmed().isEmpty()) {
        return Result<Done>::failure(tr("%1: a sign-off needs the reviewer's name").arg(key));
    }
    if (isEstimating(key)) {
        return Result<Done>::failure(tr("%1: the estimate is still being recomputed").arg(key));
    }
    if (m_settings) {
        m_settings->setValue(Settings::Key::ReviewerName, reviewer.trimmed());
    }
    SignOff s;
    s.reviewer = reviewer.trimmed();
    s.when = QDateTime::currentDateTimeUtc();
    s.approvedMib = r->effectiveMib();
    s.inputs = signOffInputs(*r, m_workspace.facts().find(key));
    s.fingerprint = fingerprintOf(s.inputs);
    ReviewRecord after = m_records.value(key);
    after.signOff = s;
    push(key, after, QStringLiteral("sign_off"), tr("%L1 MiB, fingerprint %2").arg(s.approvedMib).arg(s.fingerprint));
    return Done{};
}

void StudioState::applyFacts(const ModelFacts &facts)
{
    m_workspace.setFacts(facts);
    recompute(facts.key);
}

} // namespace memspec::ui
