// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace memspec {

namespace {

int runList(CommandContext &ctx, const QCommandLineParser &args)
{
    const bool json = args.isSet(QStringLiteral("json"));
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

} // namespace

Command listCommand()
{
    return Command{QStringLiteral("list"),
                   QStringLiteral("the registry's models with their estimates"),
                   {},
                   {cliopt::json()},
                   &runList};
}

} // namespace memspec
