// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "clicommands.h"

namespace memspec {

bool GlobalOptions::take(QStringList &args, GlobalOptions *out, QString *error)
{
    QStringList rest;
    bool seenCommand = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (seenCommand) {
            rest << a;
            continue;
        }
        auto value = [&](QString *target) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("option %1 needs a value").arg(a);
                return false;
            }
            *target = args.at(++i);
            return true;
        };
        if (a == QLatin1String("--project")) {
            if (!value(&out->projectFile)) {
                return false;
            }
        } else if (a == QLatin1String("--endpoint")) {
            if (!value(&out->endpoint)) {
                return false;
            }
        } else if (a == QLatin1String("--cache-dir")) {
            if (!value(&out->cacheDir)) {
                return false;
            }
        } else if (a == QLatin1String("--offline")) {
            out->offline = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("unknown global option %1").arg(a);
            return false;
        } else {
            seenCommand = true;
            rest << a;
        }
    }
    args = rest;
    return true;
}

CommandFn findCommand(const QString &name)
{
    struct Entry
    {
        const char *name;
        CommandFn fn;
    };
    static const Entry commands[] = {
        {"list", &cmdList},
        {"estimate", &cmdEstimate},
        {"refresh", &cmdRefresh},
        {"status", &cmdStatus},
        {"approve", &cmdApprove},
        {"revoke", &cmdRevoke},
        {"budget", &cmdBudget},
        {"export", &cmdExport},
        {"apply-rust", &cmdApplyRust},
        {"check", &cmdCheck},
        {"accuracy", &cmdAccuracy},
        {"set", &cmdSet},
        {"curve", &cmdCurve},
        {"fit", &cmdFit},
        {"add", &cmdAdd},
        {"remove", &cmdRemove},
        {"edit", &cmdEdit},
    };
    for (const Entry &e : commands) {
        if (name == QLatin1String(e.name)) {
            return e.fn;
        }
    }
    return nullptr;
}

} // namespace memspec
