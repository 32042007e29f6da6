// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/commitproject.h"
#include "app/review/workspace.h"

namespace memspec {

namespace {

// Signs off the model's current value (the override when given) with the fingerprint of its inputs, and saves the
// project atomically. Without --project the default project (Workspace::defaultProjectPath) is used, and said so.
int runApprove(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString key = args.positionalArguments().constFirst();
    const QString reviewer = args.value(QStringLiteral("reviewer"));
    const QString overrideText = args.value(QStringLiteral("override"));
    const QString reason = args.value(QStringLiteral("reason"));
    if (reviewer.trimmed().isEmpty()) {
        ctx.err << "memspec approve: --reviewer NAME is required (a sign-off names its reviewer)\n";
        return 2;
    }
    qint64 overrideMib = 0;
    if (!overrideText.isEmpty() || !reason.isEmpty()) {
        bool ok = false;
        overrideMib = overrideText.toLongLong(&ok);
        if (!ok || overrideMib <= 0) {
            ctx.err << "memspec approve: --override takes a positive whole number of MiB, not \"" << overrideText
                    << "\"\n";
            return 2;
        }
        if (reason.trimmed().isEmpty()) {
            ctx.err << "memspec approve: --override needs --reason TEXT (an override must say why)\n";
            return 2;
        }
    }
    if (ctx.global.projectFile.isEmpty()) {
        ctx.err << "memspec approve: no --project given; using the default project " << Workspace::defaultProjectPath()
                << "\n";
    }
    auto ws = openWorkspace(ctx, QStringLiteral("approve"));
    const auto signOff = [&](Workspace &w) -> Result<Project> {
        const QDateTime when = Workspace::now();
        if (overrideMib > 0) {
            // The override first, so that the sign-off's fingerprint covers it.
            auto p = w.withOverride(key, overrideMib, reason, reviewer, when);
            auto set = p ? w.setProject(p.value()) : Result<Done>::failure(p.error());
            if (!set) {
                return Result<Project>::failure(set.error());
            }
        }
        return w.withSignOff(key, reviewer, when);
    };
    if (!ws || !commitProject(ctx, QStringLiteral("approve"), *ws, signOff)) {
        return 1;
    }
    const ModelReview r = ws->review(key).value();
    ctx.out << "approved " << r.entry.key << " at " << r.signOff->approvedMib << " MiB by " << r.signOff->reviewer
            << " (" << r.signOff->fingerprint << ")\n";
    return 0;
}

} // namespace

Command approveCommand()
{
    return Command{
        QStringLiteral("approve"),
        QStringLiteral("sign off the model's value with a fingerprint of its inputs"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        {QCommandLineOption(QStringLiteral("reviewer"), QStringLiteral("who signs off (required)"),
                            QStringLiteral("NAME")),
         QCommandLineOption(QStringLiteral("override"),
                            QStringLiteral("approve this figure instead of the estimate (needs --reason)"),
                            QStringLiteral("MIB")),
         QCommandLineOption(QStringLiteral("reason"), QStringLiteral("why the override"), QStringLiteral("TEXT"))},
        &runApprove,
    };
}

} // namespace memspec
