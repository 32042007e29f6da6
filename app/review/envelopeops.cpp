// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Workspace::withPromptLimit: applying a fitted serving envelope (memspec fit --apply, the studio's Fit to target).
#include "workspace.h"

#include "app/estimate/envelope.h"
#include "app/estimate/servingwords.h"

namespace memspec {

Result<Project> Workspace::withPromptLimit(const QString &key, qint64 tokens, const QJsonObject &fit, const QString &reason,
                                           const QString &who, const QDateTime &when) const
{
    using P = Result<Project>;
    auto e = entry(key);
    if (!e) {
        return P::failure(e.error());
    }
    if (!Envelope::adjustableFor(e.value())) {
        return P::failure(QStringLiteral("%1: the prompt limit of a %2 model is fixed by the model; nothing to fit").arg(e->key, e->kind));
    }
    if (!serving::kContext.contains(tokens)) {
        return P::failure(QStringLiteral("%1: prompt limit %2 is out of range (%3 to %4 tokens)")
                              .arg(e->key).arg(tokens).arg(serving::kContext.min).arg(serving::kContext.max));
    }
    if (reason.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: fit: field \"reason\" is empty; applying a fit needs a written reason").arg(e->key));
    }
    if (who.trimmed().isEmpty()) {
        return P::failure(QStringLiteral("%1: fit: field \"who\" is empty").arg(e->key));
    }
    const qint64 before = estimate(e.value()).parameters.context.value_or(0);
    Project p = m_project;
    ModelRecord rec = p.record(e->key);
    rec.parameters.context = tokens;
    p.models.insert(e->key, rec);
    QJsonObject detail = fit;
    detail.insert(QStringLiteral("prompt_limit_before"), before);
    detail.insert(QStringLiteral("prompt_limit"), tokens);
    detail.insert(QStringLiteral("reason"), reason);
    p.log(when, who, QStringLiteral("fit_envelope"), e->key, detail);
    return p;
}

} // namespace memspec
