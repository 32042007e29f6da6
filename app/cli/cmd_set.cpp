// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/review/workspace.h"

#include <QJsonObject>

namespace memspec {

namespace {
// Flags of `set` and the parameter field each one writes (see EstimateParams::toJson).
struct Flag
{
    const char *flag;
    const char *field;
    enum { Text, Int, Number, OnOff } type;
};
constexpr Flag kFlags[] = {
    {"--runtime", "runtime", Flag::Text},       {"--device", "device", Flag::Text},
    {"--context", "context", Flag::Int},        {"--batch", "batch", Flag::Int},
    {"--kv-type", "kv_type", Flag::Text},       {"--compute-dtype", "compute_dtype", Flag::Text},
    {"--flash-attn", "flash_attention", Flag::OnOff}, {"--margin", "margin_pct", Flag::Number},
    {"--residency", "residency", Flag::Text},   {"--offload", "offload", Flag::Text},
    {"--width", "width", Flag::Int},            {"--height", "height", Flag::Int},
    {"--ubatch", "ubatch", Flag::Int},
};

QString applyFlag(const Flag &f, const QString &v, QJsonObject *params)
{
    bool ok = true;
    switch (f.type) {
    case Flag::Text:
        params->insert(QLatin1String(f.field), v);
        break;
    case Flag::Int:
        params->insert(QLatin1String(f.field), v.toLongLong(&ok));
        break;
    case Flag::Number:
        params->insert(QLatin1String(f.field), v.toDouble(&ok));
        break;
    case Flag::OnOff:
        ok = v == QLatin1String("on") || v == QLatin1String("off");
        params->insert(QLatin1String(f.field), v == QLatin1String("on"));
        break;
    }
    return ok ? QString() : QStringLiteral("%1 does not take \"%2\"").arg(QLatin1String(f.flag), v);
}
} // namespace

// memspec --project FILE set KEY [--context N] [--batch N] [--ubatch N] [--runtime R] [--device D] [--kv-type T]
//         [--compute-dtype T] [--flash-attn on|off] [--margin PCT] [--resolution WxH] [--residency R]
//         [--offload O] [--default] [--who NAME]
// Records the model's serving parameters in the project (on top of those already set; --default clears them
// first), so the estimate, the status and stale detection follow.
int cmdSet(CommandContext &ctx, const QStringList &args)
{
    QString key;
    QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    bool reset = false;
    QJsonObject changes;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--default")) {
            reset = true;
            continue;
        }
        if (!a.startsWith(QLatin1String("--"))) {
            if (!key.isEmpty()) {
                ctx.err << "memspec set: only one KEY may be given\n";
                return 2;
            }
            key = a;
            continue;
        }
        if (i + 1 >= args.size()) {
            ctx.err << "memspec set: option " << a << " needs a value\n";
            return 2;
        }
        const QString v = args.at(++i);
        QString error;
        if (a == QLatin1String("--who")) {
            who = v;
        } else if (a == QLatin1String("--resolution")) {
            const QStringList wh = v.split(QLatin1Char('x'));
            if (wh.size() != 2) {
                error = QStringLiteral("--resolution takes WxH, not \"%1\"").arg(v);
            } else {
                error = applyFlag(kFlags[10], wh[0], &changes);
                if (error.isEmpty()) {
                    error = applyFlag(kFlags[11], wh[1], &changes);
                }
            }
        } else {
            const Flag *flag = nullptr;
            for (const Flag &f : kFlags) {
                if (a == QLatin1String(f.flag)) {
                    flag = &f;
                }
            }
            error = flag ? applyFlag(*flag, v, &changes) : QStringLiteral("unknown option %1").arg(a);
        }
        if (!error.isEmpty()) {
            ctx.err << "memspec set: " << error << "\n";
            return 2;
        }
    }
    if (key.isEmpty() || (changes.isEmpty() && !reset)) {
        ctx.err << "memspec set: usage: set KEY [--context N] [--batch N] ... [--default] (see memspec --help)\n";
        return 2;
    }
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec set: " << ws.error() << "\n";
        return 1;
    }
    auto entry = ws->entry(key);
    if (!entry) {
        ctx.err << "memspec set: " << entry.error() << "\n";
        return 1;
    }
    QJsonObject merged = reset ? QJsonObject{} : ws->parameters(entry->key).toJson();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        merged.insert(it.key(), it.value());
    }
    auto params = EstimateParams::fromJson(merged);
    if (!params) {
        ctx.err << "memspec set: " << params.error() << "\n";
        return 2;
    }
    auto locked = ws->projectFile()->lock();
    auto p = locked ? ws->withParameters(entry->key, params.value(), who) : Result<Project>::failure(locked.error());
    if (!p) {
        ctx.err << "memspec set: " << p.error() << "\n";
        return 1;
    }
    if (auto set = ws.value().setProject(p.value()); !set) {
        ctx.err << "memspec set: " << set.error() << "\n";
        return 1;
    }
    auto saved = ws.value().save();
    if (!saved) {
        ctx.err << "memspec set: " << saved.error() << "\n";
        return 1;
    }
    const ModelReview r = ws->review(entry->key).value();
    ctx.out << entry->key << ": " << reviewStatusId(r.status) << ", estimate " << r.estimate.estMib << " MiB\n";
    for (const QString &reason : r.statusReasons) {
        ctx.out << "  " << reason << "\n";
    }
    return 0;
}

} // namespace memspec
