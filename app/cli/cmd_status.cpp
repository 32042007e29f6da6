// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/estimate/envelope.h"
#include "app/facts/factsnotes.h"
#include "app/review/projectjson.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace memspec {

namespace {

// What the refresh kept in part or found implausible in this model's hub data (app/facts/factsnotes.h).
QStringList notesFor(const Workspace &ws, const QString &key)
{
    const ModelFacts *f = ws.facts().find(key);
    return f ? factsNotes(*f) : QStringList();
}

QJsonObject reviewToJson(const ModelReview &r, const QStringList &notes)
{
    QJsonObject o{{QStringLiteral("key"), r.entry.key},
                  {QStringLiteral("name"), r.entry.name},
                  {QStringLiteral("status"), reviewStatusId(r.status)},
                  {QStringLiteral("reasons"), QJsonArray::fromStringList(r.statusReasons)},
                  {QStringLiteral("estimate_mib"), r.estimate.estMib},
                  {QStringLiteral("est_memory_allocation_mb"), r.effectiveMib()},
                  {QStringLiteral("prompt_limit"), Envelope::of(r.entry, r.estimate).promptLimit},
                  {QStringLiteral("unit"), QStringLiteral("MiB")},
                  {QStringLiteral("parameters"), r.estimate.parameters.toJson()},
                  {QStringLiteral("override"), r.override ? QJsonValue(overrideToJson(*r.override)) : QJsonValue()},
                  {QStringLiteral("sign_off"), r.signOff ? QJsonValue(signOffToJson(*r.signOff)) : QJsonValue()}};
    if (!notes.isEmpty()) {
        o.insert(QStringLiteral("facts_notes"), QJsonArray::fromStringList(notes));
    }
    return o;
}

// memspec status [--json]: every model's estimate, override, approval and stale reasons.
int runStatus(CommandContext &ctx, const QCommandLineParser &args)
{
    const bool json = args.isSet(QStringLiteral("json"));
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec status: " << ws.error() << "\n";
        return 1;
    }
    const QList<ModelReview> reviews = ws->reviews();
    if (json) {
        QJsonArray rows;
        for (const ModelReview &r : reviews) {
            rows.append(reviewToJson(r, notesFor(*ws, r.entry.key)));
        }
        ctx.out << QJsonDocument(
                       QJsonObject{{QStringLiteral("project"), ws->projectPath()}, {QStringLiteral("models"), rows}})
                       .toJson(QJsonDocument::Indented);
        return 0;
    }
    ctx.out << "project: " << ws->projectPath() << "\n";
    for (const ModelReview &r : reviews) {
        ctx.out << QStringLiteral("%1  %2 %3 MiB at %4  %5\n")
                       .arg(r.entry.key, -48)
                       .arg(reviewStatusId(r.status), -10)
                       .arg(r.effectiveMib(), 7)
                       .arg(Envelope::of(r.entry, r.estimate).promptLimitText(), -33)
                       .arg(r.statusReasons.join(QStringLiteral("; ")));
        for (const QString &n : notesFor(*ws, r.entry.key)) {
            ctx.out << "    note: " << n << "\n";
        }
    }
    return 0;
}

} // namespace

Command statusCommand()
{
    return Command{QStringLiteral("status"),
                   QStringLiteral("each model: estimate, override, approval, stale reasons"),
                   {},
                   {cliopt::json()},
                   &runStatus};
}

} // namespace memspec
