// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/budget/budgetcalculator.h"
#include "app/budget/gpucatalog.h"
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/common/units.h"
#include "app/review/workspace.h"

#include <QJsonDocument>

#include <algorithm>

namespace memspec {

namespace {

struct BudgetArgs
{
    QString gpu;
    qint64 capacityMib = -1;
    qint64 count = 1;
    qint64 reserveMib = BudgetCalculator::kDefaultReserveMib;
    QStringList models;
};

QString readBudgetArgs(const QCommandLineParser &args, BudgetArgs *b)
{
    b->gpu = args.value(QStringLiteral("gpu"));
    for (const QString &error :
         {cliopt::wholeNumber(args, QStringLiteral("capacity-mib"), 1, BudgetTarget::kMaxDeviceMib, &b->capacityMib),
          cliopt::wholeNumber(args, QStringLiteral("count"), 1, BudgetTarget::kMaxCount, &b->count),
          cliopt::wholeNumber(args, QStringLiteral("reserve-mib"), 0, BudgetTarget::kMaxDeviceMib, &b->reserveMib)}) {
        if (!error.isEmpty()) {
            return error;
        }
    }
    if (args.isSet(QStringLiteral("models"))) {
        b->models = cliopt::keyList(args, QStringLiteral("models"));
        if (b->models.isEmpty()) {
            return QStringLiteral("--models needs at least one KEY");
        }
    }
    if (b->gpu.isEmpty() == (b->capacityMib < 0)) {
        return QStringLiteral("give exactly one of --gpu NAME or --capacity-mib N");
    }
    return {};
}

void printText(QTextStream &out, const BudgetResult &r)
{
    out << "Target: " << r.target.describe() << "\n";
    out << "Pool rule: floor(0.80 x " << groupDigits(r.capacityMib) << ") - " << groupDigits(r.reserveMib) << " = "
        << groupDigits(r.limitMib) << " MiB\n\n";
    out << QStringLiteral("  %1 %2 %3 %4 %5  %6\n")
               .arg(QStringLiteral("model"), -44)
               .arg(QStringLiteral("prompt"), 8)
               .arg(QStringLiteral("MiB"), 9)
               .arg(QStringLiteral("workers"), 8)
               .arg(QStringLiteral("cold"), 5)
               .arg(QStringLiteral("verdict"));
    for (const BudgetModelResult &m : r.models) {
        out << QStringLiteral("  %1 %2 %3 %4 %5  %6\n")
                   .arg(m.item.key, -44)
                   .arg(groupDigits(m.item.promptLimit) + (m.item.promptFixed ? QStringLiteral("*") : QString()), 8)
                   .arg(groupDigits(m.item.mib), 9)
                   .arg(r.fits ? QString::number(m.maxWorkers) : QStringLiteral("-"),
                        8) // no room in a set that does not fit
                   .arg(m.coldStartWorkers, 5)
                   .arg(m.verdict);
    }
    out << "\n" << r.verdictText() << "\n";
    out << "prompt: the prompt limit (tokens) each figure holds for; * fixed by the model\n";
}

int runBudget(CommandContext &ctx, const QCommandLineParser &args)
{
    BudgetArgs b;
    if (args.isSet(QStringLiteral("list-gpus"))) {
        auto catalog = GpuCatalog::bundled();
        if (!catalog) {
            ctx.err << "memspec budget: " << catalog.error() << "\n";
            return 1;
        }
        ctx.out << "# source: " << catalog->source()
                << "\n# capacity: the MiB the driver reports where known (reported), "
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
    const QString perr = readBudgetArgs(args, &b);
    if (!perr.isEmpty()) {
        ctx.err << "memspec budget: " << perr << "\n";
        return 2;
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
            if (std::any_of(set.cbegin(), set.cend(),
                            [&](const BudgetItem &i) { return i.key == review->entry.key; })) {
                ctx.err << "memspec budget: " << key << " is listed twice in --models\n";
                return 2;
            }
            set << BudgetItem::fromReview(review.value());
        }
    }
    const BudgetResult r = BudgetCalculator::compute(target.value(), set, b.reserveMib);
    if (args.isSet(QStringLiteral("json"))) {
        ctx.out << QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented);
    } else {
        printText(ctx.out, r);
    }
    return 0;
}

} // namespace

Command budgetCommand()
{
    Command c{
        QStringLiteral("budget"),
        QStringLiteral("does a co-load set fit, and how many workers of each the pool admits (memspec budget --help "
                       "states the rules)"),
        {},
        cliopt::targetOptions() +
            QList<QCommandLineOption>{
                QCommandLineOption(QStringLiteral("models"),
                                   QStringLiteral("the co-load set, in the order the pool starts it (default: every "
                                                  "registry model)"),
                                   QStringLiteral("KEY,...")),
                cliopt::json(QStringLiteral("one JSON object: target, capacity_mib, limit_mib, models[] (mib, "
                                            "max_workers, ...), co_load_mib, headroom_mib, fits, cold_start_ok, "
                                            "drop_first, verdict (fits | cold_start_fails | does_not_fit) and "
                                            "verdict_text")),
                QCommandLineOption(QStringLiteral("list-gpus"),
                                   QStringLiteral("list the GPU catalog with each card's capacity and its source"))},
        &runBudget,
    };
    c.details = QStringLiteral("Checks whether a set of models fits a target under the worker pool's rule.\n\n") +
                BudgetCalculator::rulesText();
    return c;
}

} // namespace memspec
