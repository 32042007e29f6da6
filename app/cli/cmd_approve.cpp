// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
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
            ctx.err << "memspec approve: --override takes a positive whole number of MiB, not \"" << overrideText << "\"\n";
            return 2;
        }
        if (reason.trimmed().isEmpty()) {
            ctx.err << "memspec approve: --override needs --reason TEXT (an override must say why)\n";
            return 2;
        }
    }
    if (ctx.global.projectFile.isEmpty()) {
        ctx.err << "memspec approve: no --project given; using the default project " << Workspace::defaultProjectPath() << "\n";
    }
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec approve: " << ws.error() << "\n";
        return 1;
    }
    auto locked = ws->projectFile()->lock();
    if (!ws->projectFile()->lockNotice().isEmpty()) {
        ctx.err << "memspec approve: " << ws->projectFile()->lockNotice() << "\n";
    }
    if (!locked) {
        ctx.err << "memspec approve: " << locked.error() << "\n";
        return 1;
    }
    const QDateTime when = Workspace::now();
    if (overrideMib > 0) {
        auto p = ws->withOverride(key, overrideMib, reason, reviewer, when);
        if (!p || !ws.value().setProject(p.value())) {
            ctx.err << "memspec approve: " << (p ? QStringLiteral("invalid project") : p.error()) << "\n";
            return 1;
        }
    }
    auto p = ws->withSignOff(key, reviewer, when);
    if (!p) {
        ctx.err << "memspec approve: " << p.error() << "\n";
        return 1;
    }
    if (auto set = ws.value().setProject(p.value()); !set) {
        ctx.err << "memspec approve: " << set.error() << "\n";
        return 1;
    }
    auto saved = ws.value().save();
    if (!saved) {
        ctx.err << "memspec approve: " << saved.error() << "\n";
        return 1;
    }
    const ModelReview r = ws->review(key).value();
    ctx.out << "approved " << r.entry.key << " at " << r.signOff->approvedMib << " MiB by " << r.signOff->reviewer << " ("
            << r.signOff->fingerprint << ")\n";
    return 0;
}

} // namespace

Command approveCommand()
{
    return Command{
        QStringLiteral("approve"),
        QStringLiteral("sign off the model's value with a fingerprint of its inputs"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        {QCommandLineOption(QStringLiteral("reviewer"), QStringLiteral("who signs off (required)"), QStringLiteral("NAME")),
         QCommandLineOption(QStringLiteral("override"),
                            QStringLiteral("approve this figure instead of the estimate (needs --reason)"),
                            QStringLiteral("MIB")),
         QCommandLineOption(QStringLiteral("reason"), QStringLiteral("why the override"), QStringLiteral("TEXT"))},
        &runApprove,
    };
}

} // namespace memspec
