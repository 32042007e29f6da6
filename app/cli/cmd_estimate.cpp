// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clihub.h"
#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/review/localmodel.h"
#include "app/review/workspace.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <optional>

#include <QJsonDocument>

namespace memspec {

namespace {

bool parseInt(const QString &text, qint64 *out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (ok) {
        *out = v;
    }
    return ok;
}

// Parses the estimate flags of DESIGN §6 into params; returns an error message or an empty string.
// --file / --quant pick the weights of a Hub repo that is not in the registry.
struct AdHocChoice
{
    QStringList files;
    QString quant;
};

QString parseEstimateFlags(const QStringList &args, QString *key, EstimateParams *p, bool *json, AdHocChoice *adHoc)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto next = [&](QString *v) {
            if (i + 1 >= args.size()) {
                return false;
            }
            *v = args.at(++i);
            return true;
        };
        QString v;
        qint64 n = 0;
        if (a == QLatin1String("--json")) {
            *json = true;
        } else if (a == QLatin1String("--drop-t5")) {
            p->dropT5 = true;
        } else if (!a.startsWith(QLatin1String("--"))) {
            if (!key->isEmpty()) {
                return QStringLiteral("only one KEY may be given (got \"%1\" and \"%2\")").arg(*key, a);
            }
            *key = a;
        } else if (!next(&v)) {
            return QStringLiteral("option %1 needs a value").arg(a);
        } else if (a == QLatin1String("--file")) {
            adHoc->files << v;
        } else if (a == QLatin1String("--quant")) {
            adHoc->quant = v;
        } else if (a == QLatin1String("--runtime")) {
            p->runtime = v;
        } else if (a == QLatin1String("--device")) {
            p->device = v;
        } else if (a == QLatin1String("--kv-type")) {
            p->kvType = v;
        } else if (a == QLatin1String("--compute-dtype")) {
            p->computeDtype = v;
        } else if (a == QLatin1String("--flash-attn")) {
            if (v != QLatin1String("on") && v != QLatin1String("off")) {
                return QStringLiteral("--flash-attn takes on or off, not \"%1\"").arg(v);
            }
            p->flashAttention = v == QLatin1String("on");
        } else if (a == QLatin1String("--context") || a == QLatin1String("--batch") || a == QLatin1String("--ubatch")) {
            if (!parseInt(v, &n)) {
                return QStringLiteral("%1 takes a whole number, not \"%2\"").arg(a, v);
            }
            (a == QLatin1String("--context") ? p->context : a == QLatin1String("--batch") ? p->batch : p->ubatch) = n;
        } else if (a == QLatin1String("--residency")) {
            p->residency = v;
        } else if (a == QLatin1String("--offload")) {
            p->offload = v;
        } else if (a == QLatin1String("--margin")) {
            bool ok = false;
            const double m = v.toDouble(&ok);
            if (!ok) {
                return QStringLiteral("--margin takes a percentage, not \"%1\"").arg(v);
            }
            p->marginPct = m;
        } else if (a == QLatin1String("--resolution")) {
            const QStringList wh = v.split(QLatin1Char('x'));
            qint64 w = 0;
            qint64 h = 0;
            if (wh.size() != 2 || !parseInt(wh[0], &w) || !parseInt(wh[1], &h) || w < 64 || h < 64 || w > 16384 || h > 16384) {
                return QStringLiteral("--resolution takes WxH with 64 to 16384 pixels per side, not \"%1\"").arg(v);
            }
            p->width = w;
            p->height = h;
        } else {
            return QStringLiteral("unknown option %1").arg(a);
        }
    }
    if (key->isEmpty()) {
        return QStringLiteral("estimate needs a KEY (a registry key, alias or short name, a local model path, or a Hub repo id)");
    }
    return {};
}

bool looksLikePath(const QString &key)
{
    return key.startsWith(QLatin1Char('/')) || key.startsWith(QLatin1Char('.')) || key.startsWith(QLatin1Char('~'))
           || key.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) || key.endsWith(QLatin1String(".safetensors"))
           || key.endsWith(QLatin1String(".json")) || key.count(QLatin1Char('/')) > 1;
}

// A local file or folder (LocalModel), or a Hub repo refreshed on the fly into a temporary cache: nothing is
// added to the project or to the refresh cache.
Result<LoadedModel> modelOutsideRegistry(CommandContext &ctx, const QString &key, const AdHocChoice &adHoc,
                                         const QString &notInRegistry)
{
    if (QFileInfo::exists(key) || looksLikePath(key)) {
        if (!adHoc.files.isEmpty() || !adHoc.quant.isEmpty()) {
            return Result<LoadedModel>::failure(QStringLiteral("--file and --quant are for Hub repos; give the path of the weights instead"));
        }
        auto local = LocalModel::load(key);
        return local ? Result<LoadedModel>(LoadedModel{local->entry, local->facts}) : Result<LoadedModel>::failure(local.error());
    }
    if (key.count(QLatin1Char('/')) != 1) {
        return Result<LoadedModel>::failure(notInRegistry);
    }
    const HubConfig config = cliHubConfig(ctx, QStringLiteral("estimate"));
    if (config.offline) {
        return Result<LoadedModel>::failure(QStringLiteral("%1 is not in the registry, and estimating a Hub repo outside it "
                                                           "needs the network (offline mode is on)").arg(key));
    }
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        return Result<LoadedModel>::failure(QStringLiteral("cannot create a temporary folder: %1").arg(scratch.errorString()));
    }
    ctx.err << key << " is not in the registry: reading its listing and weight headers from " << config.endpoint.toString()
            << " (nothing is added)\n";
    NewEntryChoice choice;
    choice.repo = key;
    choice.files = adHoc.files;
    choice.quant = adHoc.quant;
    return cliLoadModel(ctx, config, scratch.path(), [&](HubModelLoader &l, auto done) { l.load(choice, false, done); });
}

} // namespace

int cmdEstimate(CommandContext &ctx, const QStringList &args)
{
    QString key;
    EstimateParams params;
    bool json = false;
    AdHocChoice adHoc;
    const QString perr = parseEstimateFlags(args, &key, &params, &json, &adHoc);
    if (!perr.isEmpty()) {
        ctx.err << "memspec estimate: " << perr << "\n";
        return 2;
    }
    auto valid = Estimator::validate(params);
    if (!valid) {
        ctx.err << "memspec estimate: " << valid.error() << "\n";
        return 2;
    }
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec: " << ws.error() << "\n";
        return 1;
    }
    auto entry = ws->entry(key);
    std::optional<LoadedModel> outside;   // a local path or a Hub repo that is not in the registry
    if (!entry) {
        auto m = modelOutsideRegistry(ctx, key, adHoc, entry.error());
        if (!m) {
            ctx.err << "memspec estimate: " << m.error() << "\n";
            return 1;
        }
        outside = m.value();
        entry = outside->entry;
    } else if (!adHoc.files.isEmpty() || !adHoc.quant.isEmpty()) {
        ctx.err << "memspec estimate: --file and --quant pick the weights of a repo outside the registry; " << entry->key
                << " is in it (change its weights with memspec edit)\n";
        return 2;
    }
    // The model's own limits (a context above its maximum positions), as the studio refuses them.
    auto fits = outside ? Estimator::validateFor(outside->entry, &outside->facts, params)
                        : Estimator::validateFor(entry.value(), ws->facts().find(entry->key), params);
    if (!fits) {
        ctx.err << "memspec estimate: " << fits.error() << "\n";
        return 2;
    }
    const Estimate est = outside ? Estimator::estimate(outside->entry, &outside->facts, params) : ws->estimate(entry.value(), params);
    if (json) {
        ctx.out << QJsonDocument(est.toJson()).toJson(QJsonDocument::Indented);
        return 0;
    }
    ctx.out << entry->name << " (" << entry->key << ") — runtime " << est.parameters.runtime << ", device "
            << est.parameters.device << "\n";
    for (const EstimateLine &l : est.lines) {
        ctx.out << QStringLiteral("  %1 %2  %3\n").arg(l.id, -17).arg(formatMib(l.bytes), 12).arg(l.derivation);
    }
    ctx.out << QStringLiteral("  %1 %2\n").arg(QStringLiteral("total"), -17).arg(formatMib(est.totalBytes), 12);
    ctx.out << "  est_memory_allocation_mb = " << est.estMib << " (MiB, rounded up to a multiple of 100)\n";
    ctx.out << "  basis: " << est.basis << "\n";
    ctx.out << "  rule of thumb (cross-check only): " << est.ruleOfThumb << "\n";
    for (const QString &n : est.notes) {
        ctx.out << "  note: " << n << "\n";
    }
    return 0;
}

} // namespace memspec
