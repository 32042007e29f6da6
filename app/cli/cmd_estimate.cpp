// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clihub.h"
#include "app/cli/clioptions.h"
#include "app/cli/servingoptions.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/estimate/estimator.h"
#include "app/review/localmodel.h"
#include "app/review/workspace.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <optional>

namespace memspec {

namespace {

// --file / --quant pick the weights of a Hub repo that is not in the registry.
struct AdHocChoice
{
    QStringList files;
    QString quant;
};

bool looksLikePath(const QString &key)
{
    return key.startsWith(QLatin1Char('/')) || key.startsWith(QLatin1Char('.')) || key.startsWith(QLatin1Char('~')) ||
           key.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) || key.endsWith(QLatin1String(".safetensors")) ||
           key.endsWith(QLatin1String(".json")) || key.count(QLatin1Char('/')) > 1;
}

// A local file or folder (LocalModel), or a Hub repo refreshed on the fly into a temporary cache: nothing is
// added to the project or to the refresh cache.
Result<LoadedModel> modelOutsideRegistry(CommandContext &ctx, const QString &key, const AdHocChoice &adHoc,
                                         const QString &notInRegistry)
{
    if (QFileInfo::exists(key) || looksLikePath(key)) {
        if (!adHoc.files.isEmpty() || !adHoc.quant.isEmpty()) {
            return Result<LoadedModel>::failure(
                QStringLiteral("--file and --quant are for Hub repos; give the path of the weights instead"));
        }
        auto local = LocalModel::load(key);
        return local ? Result<LoadedModel>(LoadedModel{local->entry, local->facts})
                     : Result<LoadedModel>::failure(local.error());
    }
    if (key.count(QLatin1Char('/')) != 1) {
        return Result<LoadedModel>::failure(notInRegistry);
    }
    const HubConfig config = cliHubConfig(ctx, QStringLiteral("estimate"));
    if (config.offline) {
        return Result<LoadedModel>::failure(
            QStringLiteral("%1 is not in the registry, and estimating a Hub repo outside it "
                           "needs the network (offline mode is on)")
                .arg(key));
    }
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        return Result<LoadedModel>::failure(
            QStringLiteral("cannot create a temporary folder: %1").arg(scratch.errorString()));
    }
    ctx.err << key << " is not in the registry: reading its listing and weight headers from "
            << config.endpoint.toString() << " (nothing is added)\n";
    NewEntryChoice choice;
    choice.repo = key;
    choice.files = adHoc.files;
    choice.quant = adHoc.quant;
    return cliLoadModel(ctx, config, scratch.path(),
                        [&](HubModelLoader &l, auto done) { l.load(choice, false, done); });
}

int runEstimate(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString key = args.positionalArguments().constFirst();
    const bool json = args.isSet(QStringLiteral("json"));
    const AdHocChoice adHoc{args.values(QStringLiteral("file")), args.value(QStringLiteral("quant"))};
    auto given = ServingOptions::parse(args);
    auto parsed = given ? EstimateParams::fromJson(given.value()) : Result<EstimateParams>::failure(given.error());
    if (!parsed) {
        ctx.err << "memspec estimate: " << parsed.error() << "\n";
        return 2;
    }
    const EstimateParams params = parsed.value();
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec: " << ws.error() << "\n";
        return 1;
    }
    auto entry = ws->entry(key);
    std::optional<LoadedModel> outside; // a local path or a Hub repo that is not in the registry
    if (!entry) {
        auto m = modelOutsideRegistry(ctx, key, adHoc, entry.error());
        if (!m) {
            ctx.err << "memspec estimate: " << m.error() << "\n";
            return 1;
        }
        outside = m.value();
        entry = outside->entry;
    } else if (!adHoc.files.isEmpty() || !adHoc.quant.isEmpty()) {
        ctx.err << "memspec estimate: --file and --quant pick the weights of a repo outside the registry; "
                << entry->key << " is in it (change its weights with memspec edit)\n";
        return 2;
    }
    // The model's own limits (a context above its maximum positions), as the studio refuses them.
    auto fits = outside ? Estimator::validateFor(outside->entry, &outside->facts, params)
                        : Estimator::validateFor(entry.value(), ws->facts().find(entry->key), params);
    if (!fits) {
        ctx.err << "memspec estimate: " << fits.error() << "\n";
        return 2;
    }
    const Estimate est =
        outside ? Estimator::estimate(outside->entry, &outside->facts, params) : ws->estimate(entry.value(), params);
    const Envelope envelope = Envelope::of(entry.value(), est);
    if (json) {
        QJsonObject o = est.toJson();
        o.insert(QStringLiteral("envelope"), envelope.toJson());
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    ctx.out << entry->name << " (" << entry->key << ") — runtime " << est.parameters.runtime << ", device "
            << est.parameters.device << "\n";
    for (const EstimateLine &l : est.lines) {
        ctx.out << QStringLiteral("  %1 %2  %3\n").arg(l.id, -17).arg(formatMib(l.bytes), 12).arg(l.derivation);
    }
    ctx.out << QStringLiteral("  %1 %2\n").arg(QStringLiteral("total"), -17).arg(formatMib(est.totalBytes), 12);
    ctx.out << "  est_memory_allocation_mb = " << est.estMib << " (MiB, rounded up to a multiple of 100)\n";
    ctx.out << "  holds for: " << envelope.describe() << "\n";
    ctx.out << "  basis: " << est.basis << "\n";
    ctx.out << "  rule of thumb (cross-check only): " << est.ruleOfThumb << "\n";
    for (const QString &n : est.notes) {
        ctx.out << "  note: " << n << "\n";
    }
    return 0;
}

} // namespace

Command estimateCommand()
{
    return Command{
        QStringLiteral("estimate"),
        QStringLiteral("the per-worker breakdown of one model: a registry model, a local model or a Hub repo outside "
                       "the registry (nothing is added)"),
        {{QStringLiteral("KEY|PATH|REPO"),
          QStringLiteral("a registry key, alias or short name; a local .gguf, .safetensors, "
                         "model.safetensors.index.json or repo folder; or a Hub repo id (org/name)")}},
        ServingOptions::options() +
            QList<QCommandLineOption>{cliopt::file(QStringLiteral("a Hub repo outside the registry: its weight file to "
                                                                  "estimate (repeat for shards)")),
                                      cliopt::quant(QStringLiteral("a Hub repo outside the registry: the quantization "
                                                                   "to pick among its GGUF files")),
                                      cliopt::json()},
        &runEstimate,
    };
}

} // namespace memspec
