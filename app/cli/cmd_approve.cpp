// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/review/workspace.h"

namespace memspec {

// memspec approve KEY --reviewer NAME [--override MIB --reason TEXT]
// Signs off the model's current value (the override when given) with the fingerprint of its inputs, and saves the
// project atomically. Without --project the default project (Workspace::defaultProjectPath) is used, and said so.
int cmdApprove(CommandContext &ctx, const QStringList &args)
{
    QString key;
    QString reviewer;
    QString overrideText;
    QString reason;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        QString *target = a == QLatin1String("--reviewer") ? &reviewer
                          : a == QLatin1String("--override") ? &overrideText
                          : a == QLatin1String("--reason")   ? &reason
                                                             : nullptr;
        if (target) {
            if (i + 1 >= args.size()) {
                ctx.err << "memspec approve: option " << a << " needs a value\n";
                return 2;
            }
            *target = args.at(++i);
        } else if (a.startsWith(QLatin1String("--"))) {
            ctx.err << "memspec approve: unknown option " << a << "\n";
            return 2;
        } else if (!key.isEmpty()) {
            ctx.err << "memspec approve: only one KEY may be given\n";
            return 2;
        } else {
            key = a;
        }
    }
    if (key.isEmpty() || reviewer.trimmed().isEmpty()) {
        ctx.err << "memspec approve: usage: approve KEY --reviewer NAME [--override MIB --reason TEXT]\n";
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

} // namespace memspec
