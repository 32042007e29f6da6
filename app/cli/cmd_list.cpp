// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace memspec {

int cmdList(CommandContext &ctx, const QStringList &args)
{
    bool json = false;
    for (const QString &a : args) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else {
            ctx.err << "memspec list: unexpected argument \"" << a << "\"\n";
            return 2;
        }
    }
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec: " << ws.error() << "\n";
        return 1;
    }
    QJsonArray rows;
    for (const RegistryEntry &e : ws->registry().entries()) {
        const Estimate est = ws->estimate(e);
        const Envelope envelope = Envelope::of(e, est);
        if (json) {
            rows.append(QJsonObject{{QStringLiteral("key"), e.key},
                                    {QStringLiteral("short"), e.shortName},
                                    {QStringLiteral("name"), e.name},
                                    {QStringLiteral("capability"), capabilityId(e.capability)},
                                    {QStringLiteral("aliases"), QJsonArray::fromStringList(e.aliases)},
                                    {QStringLiteral("quantization"), e.quantization},
                                    {QStringLiteral("runtime"), est.parameters.runtime},
                                    {QStringLiteral("est_memory_allocation_mb"), est.estMib},
                                    {QStringLiteral("prompt_limit"), envelope.promptLimit},
                                    {QStringLiteral("envelope"), envelope.toJson()},
                                    {QStringLiteral("unit"), QStringLiteral("MiB")},
                                    {QStringLiteral("basis"), est.basis}});
        } else {
            ctx.out << QStringLiteral("%1  %2  %3 MiB at %4  (%5)\n")
                           .arg(e.key, -48)
                           .arg(capabilityId(e.capability), -16)
                           .arg(est.estMib, 7)
                           .arg(envelope.promptLimitText(), -33)
                           .arg(est.basis);
        }
    }
    if (json) {
        ctx.out << QJsonDocument(QJsonObject{{QStringLiteral("models"), rows}}).toJson(QJsonDocument::Indented);
    }
    return 0;
}

} // namespace memspec
