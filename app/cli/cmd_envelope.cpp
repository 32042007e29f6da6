// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec curve / memspec fit: the serving envelope (DESIGN §3a).
#include "app/budget/budgetcalculator.h"
#include "app/budget/envelopefit.h"
#include "app/budget/poolrule.h"
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/cli/commitproject.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/export/rustpatcher.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

namespace {

// The upper bound of each model's prompt limit: the static's max_input_tokens when a service tree is given (the
// limit the service admits today), else the registry's serving context.
Result<QMap<QString, qint64>> staticLimits(const Workspace &ws, const QString &sourceTree)
{
    QMap<QString, qint64> out;
    for (const RegistryEntry &e : ws.registry().entries()) {
        out.insert(e.key, e.servingInt("context", 0));
    }
    if (sourceTree.isEmpty()) {
        return out;
    }
    auto plan = RustPatcher::plan(sourceTree, ws.reviews(), true);
    if (!plan) {
        return Result<QMap<QString, qint64>>::failure(plan.error());
    }
    for (const RustStaticMatch &m : plan->matches) {
        if (m.currentTokens && *m.currentTokens > 0) {
            out.insert(m.modelKey, *m.currentTokens);
        }
    }
    return out;
}

Estimate estimateAt(const Workspace &ws, const RegistryEntry &e, qint64 tokens)
{
    EstimateParams overlay;
    overlay.context = tokens;
    return ws.estimate(e, overlay);
}

int runCurve(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString key = args.positionalArguments().constFirst();
    const QString sourceTree = args.value(QStringLiteral("source-tree"));
    const bool json = args.isSet(QStringLiteral("json"));
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    auto entry = ws ? ws->entry(key) : Result<RegistryEntry>::failure(ws.error());
    auto limits = ws ? staticLimits(ws.value(), sourceTree) : Result<QMap<QString, qint64>>::failure(ws.error());
    if (!entry || !limits) {
        ctx.err << "memspec curve: " << (entry ? limits.error() : entry.error()) << "\n";
        return 1;
    }
    const Envelope current = Envelope::of(entry.value(), ws->estimate(entry.value()));
    if (!current.adjustable) {
        ctx.err << "memspec curve: " << entry->key << ": the prompt limit is fixed by the model ("
                << current.promptLimitText() << "); its figure does not depend on a serving limit\n";
        return 1;
    }
    const qint64 maxTokens = limits->value(entry->key);
    const QList<EnvelopePoint> curve =
        EnvelopeCurve::compute(maxTokens, [&](qint64 t) { return estimateAt(ws.value(), entry.value(), t); });
    const int falls = EnvelopeCurve::firstDecrease(curve);
    if (json) {
        QJsonArray points;
        for (const EnvelopePoint &p : curve) {
            QJsonObject lines;
            for (const EstimateLine &l : p.estimate.lines) {
                lines.insert(l.id, l.bytes);
            }
            points.append(QJsonObject{{QStringLiteral("prompt_limit"), p.tokens},
                                      {QStringLiteral("est_memory_allocation_mb"), p.estimate.estMib},
                                      {QStringLiteral("total_bytes"), p.estimate.totalBytes},
                                      {QStringLiteral("lines"), lines}});
        }
        ctx.out << QJsonDocument(QJsonObject{{QStringLiteral("model"), entry->key},
                                             {QStringLiteral("max_input_tokens"), maxTokens},
                                             {QStringLiteral("envelope"), current.toJson()},
                                             {QStringLiteral("monotone"), falls < 0},
                                             {QStringLiteral("unit"), QStringLiteral("MiB")},
                                             {QStringLiteral("points"), points}})
                       .toJson(QJsonDocument::Indented);
    } else {
        ctx.out << entry->key << ": memory per worker over the prompt limit (max_input_tokens "
                << groupDigits(maxTokens) << "; now " << current.describe() << ")\n";
        ctx.out << QStringLiteral("  %1 %2 %3 %4\n")
                       .arg(QStringLiteral("prompt limit"), 12)
                       .arg(QStringLiteral("MiB"), 10)
                       .arg(QStringLiteral("KV cache"), 12)
                       .arg(QStringLiteral("activations"), 12);
        for (const EnvelopePoint &p : curve) {
            ctx.out << QStringLiteral("  %1 %2 %3 %4\n")
                           .arg(groupDigits(p.tokens), 12)
                           .arg(groupDigits(p.estimate.estMib), 10)
                           .arg(formatBytes(p.estimate.line(QStringLiteral("kv_cache"))->bytes), 12)
                           .arg(formatBytes(p.estimate.line(QStringLiteral("activations"))->bytes), 12);
        }
    }
    if (falls >= 0) {
        ctx.err << "memspec curve: warning: the figure falls from " << curve.at(falls - 1).tokens << " to "
                << curve.at(falls).tokens << " tokens; a fit assumes it does not\n";
    }
    return 0;
}

struct FitArgs
{
    QString gpu;
    qint64 capacityMib = -1;
    qint64 count = 1;
    qint64 workers = 1;
    qint64 reserveMib = PoolRule::kDefaultReserveMib;
    QStringList models;
    QStringList coLoad;
    QString sourceTree;
    QString reason;
    QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    bool json = false;
    bool apply = false;
};

QString readFitArgs(const QCommandLineParser &args, FitArgs *f)
{
    f->gpu = args.value(QStringLiteral("gpu"));
    f->models = cliopt::keyList(args, QStringLiteral("models"));
    f->coLoad = cliopt::keyList(args, QStringLiteral("co-load"));
    f->sourceTree = args.value(QStringLiteral("source-tree"));
    f->reason = args.value(QStringLiteral("reason"));
    f->who = cliopt::whoValue(args);
    f->json = args.isSet(QStringLiteral("json"));
    f->apply = args.isSet(QStringLiteral("apply"));
    for (const QString &error :
         {cliopt::wholeNumber(args, QStringLiteral("capacity-mib"), 1, BudgetTarget::kMaxDeviceMib, &f->capacityMib),
          cliopt::wholeNumber(args, QStringLiteral("count"), 1, BudgetTarget::kMaxCount, &f->count),
          cliopt::wholeNumber(args, QStringLiteral("workers"), 1, BudgetCalculator::kMaxWorkersPerModel, &f->workers),
          cliopt::wholeNumber(args, QStringLiteral("reserve-mib"), 0, BudgetTarget::kMaxDeviceMib, &f->reserveMib)}) {
        if (!error.isEmpty()) {
            return error;
        }
    }
    if (f->gpu.isEmpty() == (f->capacityMib < 0)) {
        return QStringLiteral("give exactly one of --gpu NAME or --capacity-mib N");
    }
    if (f->apply && f->reason.trimmed().isEmpty()) {
        return QStringLiteral("--apply needs --reason TEXT (it goes into the audit trail)");
    }
    return {};
}

void printFit(QTextStream &out, const EnvelopeFitResult &r, const Envelope &now)
{
    if (!r.feasible) {
        out << QStringLiteral("  %1 infeasible: %2 MiB at 512 tokens > %3 MiB per worker; smallest target: %4\n")
                   .arg(r.key, -44)
                   .arg(groupDigits(r.estMib), 9)
                   .arg(groupDigits(r.perWorkerMib))
                   .arg(r.smallestTarget);
        return;
    }
    QString note =
        r.fullLimit() ? QStringLiteral("full limit")
                      : QStringLiteral("%1 tokens more: %2 MiB").arg(EnvelopeFitter::kStep).arg(groupDigits(r.nextMib));
    if (now.promptLimit != r.promptLimit) {
        note += QStringLiteral("; now %1").arg(groupDigits(now.promptLimit));
    }
    out << QStringLiteral("  %1 %2 %3 MiB  (%4)\n")
               .arg(r.key, -44)
               .arg(groupDigits(r.promptLimit), 9)
               .arg(groupDigits(r.estMib), 9)
               .arg(note);
}

int runFit(CommandContext &ctx, const QCommandLineParser &args)
{
    FitArgs f;
    const QString perr = readFitArgs(args, &f);
    if (!perr.isEmpty()) {
        ctx.err << "memspec fit: " << perr << "\n";
        return 2;
    }
    auto target = BudgetTarget::fromOptions(f.gpu, f.capacityMib, int(f.count));
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    auto catalog = GpuCatalog::bundled();
    if (!target || !ws || !catalog) {
        ctx.err << "memspec fit: " << (!target ? target.error() : !ws ? ws.error() : catalog.error()) << "\n";
        return 1;
    }
    auto limits = staticLimits(ws.value(), f.sourceTree);
    if (!limits) {
        ctx.err << "memspec fit: " << limits.error() << "\n";
        return 1;
    }
    qint64 coLoadMib = 0;
    for (const QString &k : f.coLoad) {
        auto r = ws->review(k);
        if (!r) {
            ctx.err << "memspec fit: --co-load: " << r.error() << "\n";
            return 1;
        }
        coLoadMib += r->effectiveMib();
    }
    QList<RegistryEntry> entries;
    for (const QString &k : f.models) {
        auto e = ws->entry(k);
        if (!e) {
            ctx.err << "memspec fit: " << e.error() << "\n";
            return 1;
        }
        entries << e.value();
    }
    if (f.models.isEmpty()) {
        entries = ws->registry().entries();
    }

    QList<EnvelopeFitResult> fits;
    QJsonArray rows;
    QStringList fixed;
    const qint64 poolLimit = PoolRule::limitMib(target->capacityMib(), f.reserveMib);
    if (!f.json) {
        ctx.out << "Target: " << target->describe() << "\nPool rule: " << PoolRule::text() << " = "
                << groupDigits(poolLimit) << " MiB; " << f.workers << " worker(s) each"
                << (coLoadMib > 0 ? QStringLiteral(" beside %1 MiB of co-load").arg(groupDigits(coLoadMib)) : QString())
                << "\n\n"
                << QStringLiteral("  %1 %2 %3\n")
                       .arg(QStringLiteral("model"), -44)
                       .arg(QStringLiteral("prompt"), 9)
                       .arg(QStringLiteral("MiB/worker"), 13);
    }
    for (const RegistryEntry &e : entries) {
        const Envelope now = Envelope::of(e, ws->estimate(e));
        if (!now.adjustable) {
            fixed << e.key;
            const qint64 mib = ws->estimate(e).estMib;
            const bool ok =
                PoolRule::admits(coLoadMib + (f.workers - 1) * mib, mib, target->capacityMib(), f.reserveMib);
            if (f.json) {
                rows.append(QJsonObject{{QStringLiteral("model"), e.key},
                                        {QStringLiteral("adjustable"), false},
                                        {QStringLiteral("prompt_limit"), now.promptLimit},
                                        {QStringLiteral("est_memory_allocation_mb"), mib},
                                        {QStringLiteral("feasible"), ok}});
            } else {
                ctx.out << QStringLiteral("  %1 %2 %3 MiB  (fixed by the model; %4)\n")
                               .arg(e.key, -44)
                               .arg(groupDigits(now.promptLimit), 9)
                               .arg(groupDigits(mib), 9)
                               .arg(ok ? QStringLiteral("fits") : QStringLiteral("does NOT fit"));
            }
            continue;
        }
        const EnvelopeFitResult r = EnvelopeFitter::fit(
            e.key, limits->value(e.key), [&](qint64 t) { return estimateAt(ws.value(), e, t).estMib; }, target.value(),
            int(f.workers), coLoadMib, f.reserveMib, &catalog.value());
        fits << r;
        if (f.json) {
            QJsonObject o = r.toJson();
            o.insert(QStringLiteral("adjustable"), true);
            o.insert(QStringLiteral("prompt_limit_now"), now.promptLimit);
            rows.append(o);
        } else {
            printFit(ctx.out, r, now);
        }
    }
    if (f.json) {
        ctx.out << QJsonDocument(QJsonObject{{QStringLiteral("target"), target->toJson()},
                                             {QStringLiteral("capacity_mib"), target->capacityMib()},
                                             {QStringLiteral("reserve_mib"), f.reserveMib},
                                             {QStringLiteral("limit_mib"), poolLimit},
                                             {QStringLiteral("workers"), int(f.workers)},
                                             {QStringLiteral("co_load_mib"), coLoadMib},
                                             {QStringLiteral("unit"), QStringLiteral("MiB")},
                                             {QStringLiteral("models"), rows}})
                       .toJson(QJsonDocument::Indented);
    }
    if (!f.apply) {
        return 0;
    }
    int applied = 0;
    const auto applyLimits = [&](Workspace &w) -> Result<Project> {
        const QDateTime when = Workspace::now();
        for (const EnvelopeFitResult &r : fits) {
            const qint64 before = w.estimate(w.entry(r.key).value()).parameters.context.value_or(0);
            // Recorded once per model: a fit that only confirms the limit the project already holds changes nothing.
            if (!r.feasible || w.parameters(r.key).context == r.promptLimit) {
                continue;
            }
            const QJsonObject detail{
                {QStringLiteral("target"), target->describe()}, {QStringLiteral("capacity_mib"), target->capacityMib()},
                {QStringLiteral("limit_mib"), poolLimit},       {QStringLiteral("workers"), r.workers},
                {QStringLiteral("co_load_mib"), r.coLoadMib},   {QStringLiteral("est_mib"), r.estMib}};
            auto p = w.withPromptLimit(r.key, r.promptLimit, detail, f.reason, f.who, when);
            auto set = p ? w.setProject(p.value()) : Result<Done>::failure(p.error());
            if (!set) {
                return Result<Project>::failure(set.error());
            }
            ctx.err << "memspec fit: " << r.key << ": prompt limit " << before << " -> " << r.promptLimit << " ("
                    << r.estMib << " MiB)\n";
            ++applied;
        }
        return w.project();
    };
    if (!commitProject(ctx, QStringLiteral("fit"), ws.value(), applyLimits)) {
        return 1;
    }
    ctx.err << "memspec fit: applied " << applied << " prompt limit(s) to " << ws->projectPath() << "\n";
    return 0;
}

} // namespace

Command curveCommand()
{
    return Command{
        QStringLiteral("curve"),
        QStringLiteral("memory per worker over the prompt limit (512 ... max_input_tokens)"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        {cliopt::sourceTree(QStringLiteral("read max_input_tokens from the service's statics (default: the "
                                           "registry's serving context)")),
         cliopt::json()},
        &runCurve,
    };
}

Command fitCommand()
{
    return Command{
        QStringLiteral("fit"),
        QStringLiteral("the largest prompt limit (a multiple of 256) at which N workers pass the pool rule; --apply "
                       "records it in the project (audit: fit_envelope)"),
        {},
        cliopt::targetOptions() +
            QList<QCommandLineOption>{
                QCommandLineOption(QStringLiteral("workers"),
                                   QStringLiteral("workers of each model (1 to 4; default 1)"), QStringLiteral("N")),
                QCommandLineOption(QStringLiteral("models"),
                                   QStringLiteral("the models to fit (default: every registry model)"),
                                   QStringLiteral("KEY,...")),
                QCommandLineOption(QStringLiteral("co-load"),
                                   QStringLiteral("models loaded beside them, at their current figures"),
                                   QStringLiteral("KEY,...")),
                cliopt::sourceTree(QStringLiteral("the upper bound of each prompt limit: the statics' max_input_tokens "
                                                  "(default: the registry's serving context)")),
                cliopt::json(),
                QCommandLineOption(QStringLiteral("apply"),
                                   QStringLiteral("record the limits in the project (needs --reason)")),
                QCommandLineOption(QStringLiteral("reason"), QStringLiteral("why, for the audit trail"),
                                   QStringLiteral("TEXT")),
                cliopt::who()},
        &runFit,
    };
}

} // namespace memspec
