// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/cli/commitproject.h"
#include "app/cli/servingoptions.h"
#include "app/estimate/estimator.h"
#include "app/review/workspace.h"

#include <QJsonObject>

namespace memspec {

namespace {

// Records the model's serving parameters in the project (on top of those already set; --default clears them
// first), so the estimate, the status and stale detection follow.
int runSet(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString key = args.positionalArguments().constFirst();
    const QString who = cliopt::whoValue(args);
    const bool reset = args.isSet(QStringLiteral("default"));
    auto given = ServingOptions::parse(args);
    if (!given) {
        ctx.err << "memspec set: " << given.error() << "\n";
        return 2;
    }
    const QJsonObject changes = given.value();
    if (changes.isEmpty() && !reset) {
        ctx.err << "memspec set: give at least one serving parameter, or --default (see memspec set --help)\n";
        return 2;
    }
    auto ws = openWorkspace(ctx, QStringLiteral("set"));
    if (!ws) {
        return 1;
    }
    auto entry = ws->entry(key);
    if (!entry) {
        ctx.err << "memspec set: " << entry.error() << "\n";
        return 1;
    }
    QJsonObject merged = reset ? QJsonObject{} : ws->parameters(entry->key).toJson();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        merged.insert(it.key(), it.value());
    }
    auto fromJson = EstimateParams::fromJson(merged);
    auto params = fromJson ? Estimator::validate(fromJson.value()) : fromJson;
    if (!params) {
        ctx.err << "memspec set: " << params.error() << "\n";
        return 2;
    }
    if (!commitProject(ctx, QStringLiteral("set"), *ws,
                       [&](Workspace &w) { return w.withParameters(entry->key, params.value(), who); })) {
        return 1;
    }
    const ModelReview r = ws->review(entry->key).value();
    ctx.out << entry->key << ": " << reviewStatusId(r.status) << ", estimate " << r.estimate.estMib << " MiB\n";
    for (const QString &reason : r.statusReasons) {
        ctx.out << "  " << reason << "\n";
    }
    return 0;
}

} // namespace

Command setCommand()
{
    return Command{
        QStringLiteral("set"),
        QStringLiteral("record serving parameters in the project (--default clears them)"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        ServingOptions::options() +
            QList<QCommandLineOption>{
                QCommandLineOption(QStringLiteral("default"),
                                   QStringLiteral("drop the parameters set before (the given ones "
                                                  "then apply to the registry's defaults)")),
                cliopt::who()},
        &runSet,
    };
}

} // namespace memspec
