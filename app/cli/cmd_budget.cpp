// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/budget/budgetcalculator.h"
#include "app/budget/gpucatalog.h"
#include "app/cli/clicommands.h"
#include "app/common/units.h"
#include "app/review/workspace.h"

#include <QJsonDocument>

#include <algorithm>

namespace memspec {

namespace {

const char *const kBudgetUsage =
    "Usage: memspec budget --gpu NAME|--capacity-mib N [--count N] [--models KEY,...] [--reserve-mib N] [--json]\n"
    "       memspec budget --list-gpus\n"
    "\n"
    "Checks whether a set of models (default: every registry model) fits a target under the worker pool's rule.\n"
    "  --gpu NAME         a GPU of the catalog (\"H100 80GB\", \"RTX 4090\"), or \"host\" for this machine's RAM\n"
    "  --capacity-mib N   a custom capacity per device, in MiB (e.g. what nvidia-smi reports)\n"
    "  --count N          N identical devices (default 1); the rule is applied to their sum\n"
    "  --models KEY,...   the co-load set, in the order the pool starts it\n"
    "  --reserve-mib N    the pool's reserve (default 2048)\n"
    "  --json             one JSON object: target, capacity_mib, limit_mib, models[] (mib, max_workers, ...),\n"
    "                     co_load_mib, headroom_mib, fits, cold_start_ok, drop_first, verdict\n"
    "                     (fits | cold_start_fails | does_not_fit) and verdict_text\n"
    "\n";

struct BudgetArgs
{
    QString gpu;
    qint64 capacityMib = -1;
    qint64 count = 1;
    qint64 reserveMib = BudgetCalculator::kDefaultReserveMib;
    QStringList models;
    bool json = false;
    bool listGpus = false;
    bool help = false;
};

QString parseBudgetArgs(const QStringList &args, BudgetArgs *b)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            b->json = true;
            continue;
        }
        if (a == QLatin1String("--list-gpus")) {
            b->listGpus = true;
            continue;
        }
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            b->help = true;
            continue;
        }
        if (!a.startsWith(QLatin1String("--"))) {
            return QStringLiteral("unexpected argument \"%1\"").arg(a);
        }
        if (i + 1 >= args.size()) {
            return QStringLiteral("option %1 needs a value").arg(a);
        }
        const QString v = args.at(++i);
        auto number = [&](qint64 *out, qint64 min, qint64 max) {
            bool ok = false;
            const qint64 n = v.toLongLong(&ok);
            if (!ok || n < min || n > max) {
                return QStringLiteral("%1 takes a whole number from %2 to %3, not \"%4\"").arg(a).arg(min).arg(max).arg(v);
            }
            *out = n;
            return QString();
        };
        QString err;
        if (a == QLatin1String("--gpu")) {
            b->gpu = v;
        } else if (a == QLatin1String("--capacity-mib")) {
            err = number(&b->capacityMib, 1, BudgetTarget::kMaxDeviceMib);
        } else if (a == QLatin1String("--count")) {
            err = number(&b->count, 1, BudgetTarget::kMaxCount);
        } else if (a == QLatin1String("--reserve-mib")) {
            err = number(&b->reserveMib, 0, BudgetTarget::kMaxDeviceMib);
        } else if (a == QLatin1String("--models")) {
            for (const QString &k : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                b->models << k.trimmed();
            }
            if (b->models.isEmpty()) {
                err = QStringLiteral("--models needs at least one KEY");
            }
        } else {
            err = QStringLiteral("unknown option %1").arg(a);
        }
        if (!err.isEmpty()) {
            return err;
        }
    }
    if (b->help || b->listGpus) {
        return {};
    }
    if (b->gpu.isEmpty() == (b->capacityMib < 0)) {
        return QStringLiteral("give exactly one of --gpu NAME or --capacity-mib N");
    }
    return {};
}

void printText(QTextStream &out, const BudgetResult &r)
{
    out << "Target: " << r.target.describe() << "\n";
    out << "Pool rule: floor(0.80 x " << groupDigits(r.capacityMib) << ") - " << groupDigits(r.reserveMib)
        << " = " << groupDigits(r.limitMib) << " MiB\n\n";
    out << QStringLiteral("  %1 %2 %3 %4  %5\n")
               .arg(QStringLiteral("model"), -44)
               .arg(QStringLiteral("MiB"), 9)
               .arg(QStringLiteral("workers"), 8)
               .arg(QStringLiteral("cold"), 5)
               .arg(QStringLiteral("verdict"));
    for (const BudgetModelResult &m : r.models) {
        out << QStringLiteral("  %1 %2 %3 %4  %5\n")
                   .arg(m.item.key, -44)
                   .arg(groupDigits(m.item.mib), 9)
                   .arg(m.maxWorkers, 8)
                   .arg(m.coldStartWorkers, 5)
                   .arg(m.verdict);
    }
    out << "\n" << r.verdictText() << "\n";
}

} // namespace

int cmdBudget(CommandContext &ctx, const QStringList &args)
{
    BudgetArgs b;
    const QString perr = parseBudgetArgs(args, &b);
    if (!perr.isEmpty()) {
        ctx.err << "memspec budget: " << perr << "\n";
        return 2;
    }
    if (b.help) {
        ctx.out << kBudgetUsage << BudgetCalculator::rulesText();
        return 0;
    }
    if (b.listGpus) {
        auto catalog = GpuCatalog::bundled();
        if (!catalog) {
            ctx.err << "memspec budget: " << catalog.error() << "\n";
            return 1;
        }
        ctx.out << "# source: " << catalog->source() << "\n# capacity: the MiB the driver reports where known (reported), "
                   "else the nominal GB read as 10^9 B (nominal)\n";
        for (const GpuModel &g : catalog->gpus()) {
            ctx.out << QStringLiteral("%1 %2 %3 MiB = %4 GiB  %5\n")
                           .arg(g.vendor, -7)
                           .arg(g.label(), -34)
                           .arg(groupDigits(g.mib()), 9)
                           .arg(g.gib(), 6, 'f', 1)
                           .arg(g.reported() ? QStringLiteral("reported: ") + g.reportedSource
                                             : QStringLiteral("nominal: %1 GB = %1e9 B").arg(g.memoryGb));
        }
        return 0;
    }
    auto target = BudgetTarget::fromOptions(b.gpu, b.capacityMib, int(b.count));
    if (!target) {
        ctx.err << "memspec budget: " << target.error() << "\n";
        return 1;
    }
    // The project's parameters and overrides decide each model's figure, as for status and export.
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec budget: " << ws.error() << "\n";
        return 1;
    }
    QList<BudgetItem> set;
    if (b.models.isEmpty()) {
        for (const ModelReview &r : ws->reviews()) {
            set << BudgetItem::fromReview(r);
        }
    } else {
        for (const QString &key : b.models) {
            auto review = ws->review(key);
            if (!review) {
                ctx.err << "memspec budget: " << review.error() << "\n";
                return 1;
            }
            if (std::any_of(set.cbegin(), set.cend(), [&](const BudgetItem &i) { return i.key == review->entry.key; })) {
                ctx.err << "memspec budget: " << key << " is listed twice in --models\n";
                return 2;
            }
            set << BudgetItem::fromReview(review.value());
        }
    }
    const BudgetResult r = BudgetCalculator::compute(target.value(), set, b.reserveMib);
    if (b.json) {
        ctx.out << QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented);
    } else {
        printText(ctx.out, r);
    }
    return 0;
}

} // namespace memspec
