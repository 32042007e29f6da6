// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustcheck.h"

#include "app/export/rustpatcher.h"

#include <QSet>

namespace memspec {

QString RustCheckReport::summary() const
{
    const QString counted = QStringLiteral("%1 matched static(s) of %2 model(s)").arg(checked).arg(models);
    if (ok()) {
        return QStringLiteral("all %1 hold the %2 value")
            .arg(counted, allowUnapproved ? QStringLiteral("current") : QStringLiteral("approved"));
    }
    return QStringLiteral("%1 difference(s) in %2").arg(differences.size()).arg(counted);
}

Result<RustCheckReport> RustCheck::run(const QString &sourceTree, const QList<ModelReview> &reviews,
                                       bool allowUnapproved)
{
    auto plan = RustPatcher::plan(sourceTree, reviews, allowUnapproved);
    if (!plan) {
        return Result<RustCheckReport>::failure(plan.error());
    }
    RustCheckReport report;
    report.allowUnapproved = allowUnapproved;
    QSet<QString> models;
    for (const RustStaticMatch &m : plan->matches) {
        ++report.checked;
        models.insert(m.modelKey);
        const QString where = QStringLiteral("%1:%2 %3 (%4)")
                                  .arg(m.site.file)
                                  .arg(m.site.line)
                                  .arg(QString::fromUtf8(m.site.name), m.modelKey);
        const QString holds = !m.fieldPresent ? QStringLiteral("no est_memory_allocation_mb field")
                              : m.current     ? QStringLiteral("est_memory_allocation_mb: %1").arg(*m.current)
                                              : QStringLiteral("a value that is not an integer literal");
        if (m.refused) {
            report.differences
                << QStringLiteral("%1: holds %2, but the model has no signed-off value").arg(where, holds);
        } else if (!m.fieldPresent || !m.current || *m.current != m.target) {
            report.differences << QStringLiteral("%1: holds %2, expected %3").arg(where, holds).arg(m.target);
        }
        // The figure holds for a prompt limit: the static must admit no more tokens than the approved limit.
        if (!m.refused && m.targetTokens && m.currentTokens != m.targetTokens) {
            const QString tokens = m.currentTokens ? QStringLiteral("max_input_tokens: %1").arg(*m.currentTokens)
                                                   : QStringLiteral("no max_input_tokens literal");
            report.differences << QStringLiteral(
                                      "%1: holds %2, expected %3 (the prompt limit est_memory_allocation_mb holds for)")
                                      .arg(where, tokens)
                                      .arg(*m.targetTokens);
        }
    }
    for (const QString &why : plan->unscannable) {
        report.differences << QStringLiteral("cannot verify: %1").arg(why);
    }
    if (report.checked == 0) {
        report.differences
            << QStringLiteral("%1: no CandleModelInfo static matches a registry model (wrong folder?)").arg(sourceTree);
    }
    report.models = int(models.size());
    // A registry model whose static cannot be found or read (a registry_key that is not a literal, an escape the
    // scanner could not decode, a file it could not read) is not verified, so it cannot pass.
    for (const QString &key : plan->modelsWithoutStatic) {
        report.differences << QStringLiteral(
                                  "model without a static: %1 (no CandleModelInfo static with a readable registry_key "
                                  "names it or an alias)")
                                  .arg(key);
    }
    // What the registry and the service disagree on beyond that: a repo that differs (the static in the model's
    // source file names another repo), statics without a model.
    report.mismatches = ServiceMismatches::find(plan.value(), reviews);
    for (const ServiceMismatch &m : std::as_const(report.mismatches)) {
        if (m.kind != ServiceMismatch::Kind::ModelWithoutStatic) {
            report.warnings << m.describe();
        }
    }
    for (const QString &line : plan->reportLines()) {
        if (line.startsWith(QLatin1String("file skipped:"))) {
            report.warnings << line;
        }
    }
    return report;
}

} // namespace memspec
