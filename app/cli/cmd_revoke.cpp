// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/review/workspace.h"

namespace memspec {

// memspec revoke KEY --reason TEXT [--who NAME]
// Withdraws the model's sign-off (approved or stale) under the project lock, as approve and set do; the audit trail
// records a `revoke` event with the reason. A model with no sign-off is refused, naming the key.
int cmdRevoke(CommandContext &ctx, const QStringList &args)
{
    QString key;
    QString reason;
    QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        QString *target = a == QLatin1String("--reason") ? &reason : a == QLatin1String("--who") ? &who : nullptr;
        if (target) {
            if (i + 1 >= args.size()) {
                ctx.err << "memspec revoke: option " << a << " needs a value\n";
                return 2;
            }
            *target = args.at(++i);
        } else if (a.startsWith(QLatin1String("--")) || !key.isEmpty()) {
            ctx.err << "memspec revoke: unexpected argument " << a << "\n";
            return 2;
        } else {
            key = a;
        }
    }
    if (key.isEmpty() || reason.trimmed().isEmpty()) {
        ctx.err << "memspec revoke: usage: revoke KEY --reason TEXT [--who NAME] (revoking a sign-off must say why)\n";
        return 2;
    }
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec revoke: " << ws.error() << "\n";
        return 1;
    }
    auto locked = ws->projectFile()->lock();
    if (!ws->projectFile()->lockNotice().isEmpty()) {
        ctx.err << "memspec revoke: " << ws->projectFile()->lockNotice() << "\n";
    }
    auto p = locked ? ws->withoutSignOff(key, reason, who) : Result<Project>::failure(locked.error());
    auto done = p ? ws.value().setProject(p.value()) : Result<Done>::failure(p.error());
    if (done) {
        done = ws.value().save();
    }
    if (!done) {
        ctx.err << "memspec revoke: " << done.error() << "\n";
        return 1;
    }
    const ModelReview r = ws->review(key).value();
    ctx.out << "revoked the sign-off of " << r.entry.key << " (" << reviewStatusId(r.status) << ", " << r.effectiveMib()
            << " MiB); reason: " << reason << "\n";
    return 0;
}

} // namespace memspec
