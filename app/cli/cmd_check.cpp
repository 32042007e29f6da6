// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/export/exportinput.h"
#include "app/export/rustcheck.h"

namespace memspec {

namespace {

// check --source-tree DIR [--allow-unapproved]: exit 0 only when every registry model has a static it can read and
// every matched static holds the approved value.
// --allow-unapproved compares against the current (unsigned) values instead, for trees patched before sign-off.
int runCheck(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString tree = args.value(QStringLiteral("source-tree"));
    const bool allowUnapproved = args.isSet(QStringLiteral("allow-unapproved"));
    if (tree.isEmpty()) {
        ctx.err << "memspec check: --source-tree DIR is required\n";
        return 2;
    }
    auto input = loadExportInput(ctx.global);
    if (!input) {
        ctx.err << "memspec: " << input.error() << "\n";
        return 1;
    }
    auto report = RustCheck::run(tree, input->reviews, allowUnapproved);
    if (!report) {
        ctx.err << "memspec check: " << report.error() << "\n";
        return 1;
    }
    for (const QString &w : report->warnings) {
        ctx.err << "memspec check: warning: " << w << "\n";
    }
    if (!report->ok()) {
        for (const QString &d : report->differences) {
            ctx.err << "memspec check: " << d << "\n";
        }
        ctx.err << "memspec check: " << report->summary() << "\n";
        return 1;
    }
    ctx.out << "memspec check: " << report->summary() << "\n";
    return 0;
}

} // namespace

Command checkCommand()
{
    return Command{
        QStringLiteral("check"),
        QStringLiteral("exit 0 only when every matched static holds the approved value"),
        {},
        {cliopt::sourceTree(QStringLiteral("the service's source tree (required)")),
         cliopt::allowUnapproved(QStringLiteral("compare with the current values, approved or not"))},
        &runCheck,
    };
}

} // namespace memspec
