// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/commitproject.h"
#include "app/review/workspace.h"

namespace memspec {

namespace {

// Withdraws the model's sign-off (approved or stale) under the project lock, as approve and set do; the audit trail
// records a `revoke` event with the reason. A model with no sign-off is refused, naming the key.
int runRevoke(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString key = args.positionalArguments().constFirst();
    const QString reason = args.value(QStringLiteral("reason"));
    const QString who = args.isSet(QStringLiteral("who")) ? args.value(QStringLiteral("who"))
                                                          : qEnvironmentVariable("USER", QStringLiteral("unknown"));
    if (reason.trimmed().isEmpty()) {
        ctx.err << "memspec revoke: --reason TEXT is required (revoking a sign-off must say why)\n";
        return 2;
    }
    auto ws = openWorkspace(ctx, QStringLiteral("revoke"));
    if (!ws || !commitProject(ctx, QStringLiteral("revoke"), *ws,
                              [&](Workspace &w) { return w.withoutSignOff(key, reason, who); })) {
        return 1;
    }
    const ModelReview r = ws->review(key).value();
    ctx.out << "revoked the sign-off of " << r.entry.key << " (" << reviewStatusId(r.status) << ", " << r.effectiveMib()
            << " MiB); reason: " << reason << "\n";
    return 0;
}

} // namespace

Command revokeCommand()
{
    return Command{
        QStringLiteral("revoke"),
        QStringLiteral("withdraw the model's sign-off (recorded in the audit trail)"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        {QCommandLineOption(QStringLiteral("reason"), QStringLiteral("why the sign-off is withdrawn (required)"),
                            QStringLiteral("TEXT")),
         QCommandLineOption(QStringLiteral("who"), QStringLiteral("who revokes (default: $USER)"),
                            QStringLiteral("NAME"))},
        &runRevoke,
    };
}

} // namespace memspec
