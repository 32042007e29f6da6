// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clioptions.h"
#include "app/export/exportinput.h"
#include "app/export/rustpatcher.h"

namespace memspec {

namespace {

// apply-rust --source-tree DIR [--dry-run] [--allow-unapproved]
// Writes nothing when any matched model has no signed-off value (unless --allow-unapproved), so a tree is never
// left half approved and half not.
int runApplyRust(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString tree = args.value(QStringLiteral("source-tree"));
    const bool dryRun = args.isSet(QStringLiteral("dry-run"));
    const bool allowUnapproved = args.isSet(QStringLiteral("allow-unapproved"));
    if (tree.isEmpty()) {
        ctx.err << "memspec apply-rust: --source-tree DIR is required\n";
        return 2;
    }
    auto input = loadExportInput(ctx.global);
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
        ctx.err << "memspec apply-rust: approve each refused model, or pass --allow-unapproved to write its current "
                   "value\n";
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

} // namespace

Command applyRustCommand()
{
    return Command{
        QStringLiteral("apply-rust"),
        QStringLiteral("write est_memory_allocation_mb (and max_input_tokens where the approved prompt limit differs) "
                       "into the CandleModelInfo statics"),
        {},
        {cliopt::sourceTree(QStringLiteral("the service's source tree (required)")),
         QCommandLineOption(QStringLiteral("dry-run"), QStringLiteral("print the unified diff; write nothing")),
         cliopt::allowUnapproved(QStringLiteral("write current values of models nobody signed off"))},
        &runApplyRust,
    };
}

} // namespace memspec
