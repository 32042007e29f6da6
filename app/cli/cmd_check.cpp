// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/export/exportinput.h"
#include "app/export/rustcheck.h"

namespace memspec {

// check --source-tree DIR [--allow-unapproved]: exit 0 only when every registry model has a static it can read and
// every matched static holds the approved value.
// --allow-unapproved compares against the current (unsigned) values instead, for trees patched before sign-off.
int cmdCheck(CommandContext &ctx, const QStringList &args)
{
    QString tree;
    bool allowUnapproved = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--source-tree") && i + 1 < args.size()) {
            tree = args.at(++i);
        } else if (a == QLatin1String("--allow-unapproved")) {
            allowUnapproved = true;
        } else {
            ctx.err << "memspec check: unexpected argument \"" << a << "\"\n";
            return 2;
        }
    }
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

} // namespace memspec
