// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/export/exportinput.h"
#include "app/export/rustpatcher.h"

namespace memspec {

// apply-rust --source-tree DIR [--dry-run] [--allow-unapproved]
// Writes nothing when any matched model has no signed-off value (unless --allow-unapproved), so a tree is never
// left half approved and half not.
int cmdApplyRust(CommandContext &ctx, const QStringList &args)
{
    QString tree;
    bool dryRun = false;
    bool allowUnapproved = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--source-tree") && i + 1 < args.size()) {
            tree = args.at(++i);
        } else if (a == QLatin1String("--dry-run")) {
            dryRun = true;
        } else if (a == QLatin1String("--allow-unapproved")) {
            allowUnapproved = true;
        } else {
            ctx.err << "memspec apply-rust: unexpected argument \"" << a << "\"\n";
            return 2;
        }
    }
    if (tree.isEmpty()) {
        ctx.err << "memspec apply-rust: --source-tree DIR is required\n";
        return 2;
    }
    auto input = ExportInput::load(ctx.global);
    if (!input) {
        ctx.err << "memspec: " << input.error() << "\n";
        return 1;
    }
    auto plan = RustPatcher::plan(tree, input->reviews, allowUnapproved);
    if (!plan) {
        ctx.err << "memspec apply-rust: " << plan.error() << "\n";
        return 1;
    }
    for (const QString &line : plan->reportLines()) {
        ctx.err << "memspec apply-rust: " << line << "\n";
    }
    const bool refused = !plan->refusedModels().isEmpty();
    if (refused) {
        // The core's refusal says "sign it off first"; the flag that overrides it is the CLI's own word.
        ctx.err << "memspec apply-rust: approve each refused model, or pass --allow-unapproved to write its current value\n";
    }
    if (dryRun) {
        ctx.out << QString::fromUtf8(plan->unifiedDiff());
        return refused ? 1 : 0;
    }
    if (refused) {
        ctx.err << "memspec apply-rust: nothing written: " << plan->refusedModels().size()
                << " matched model(s) have no signed-off value\n";
        return 1;
    }
    auto done = RustPatcher::apply(plan.value());
    if (!done) {
        ctx.err << "memspec apply-rust: " << done.error() << "\n";
        return 1;
    }
    for (const RustFileEdit &e : plan->edits) {
        ctx.out << "updated " << e.relPath << "\n";
    }
    ctx.out << plan->matches.size() << " static(s) matched, " << plan->edits.size() << " file(s) changed\n";
    return 0;
}

} // namespace memspec
