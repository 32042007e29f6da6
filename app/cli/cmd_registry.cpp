// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec add / remove / edit: registry edits recorded in the project (registry_upsert / registry_remove in the
// audit trail), written under the project lock like every writing command.
#include "app/cli/clicommands.h"
#include "app/cli/clihub.h"
#include "app/review/workspace.h"

#include <optional>

namespace memspec {

namespace {

struct RegistryArgs
{
    QString key;                 // positional: REPO for add, KEY for remove/edit
    QStringList files;
    QString quant;
    QString name;
    QString shortName;
    QString registryKey;
    std::optional<Capability> capability;
    qint64 context = 0;
    QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    int given = 0;               // options that change something
};

// Parses the options `allowed` names; returns an error message or an empty string.
QString parseArgs(const QStringList &args, const QStringList &allowed, RegistryArgs *out)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (!a.startsWith(QLatin1String("--"))) {
            if (!out->key.isEmpty()) {
                return QStringLiteral("only one repo or key may be given (got \"%1\" and \"%2\")").arg(out->key, a);
            }
            out->key = a;
            continue;
        }
        if (!allowed.contains(a)) {
            return QStringLiteral("unknown option %1").arg(a);
        }
        if (i + 1 >= args.size()) {
            return QStringLiteral("option %1 needs a value").arg(a);
        }
        const QString v = args.at(++i);
        if (a == QLatin1String("--who")) {
            out->who = v;
            continue;
        }
        ++out->given;
        if (a == QLatin1String("--file")) {
            out->files << v;
        } else if (a == QLatin1String("--quant")) {
            out->quant = v;
        } else if (a == QLatin1String("--name")) {
            out->name = v;
        } else if (a == QLatin1String("--short")) {
            out->shortName = v;
        } else if (a == QLatin1String("--key")) {
            out->registryKey = v;
        } else if (a == QLatin1String("--capability")) {
            Capability c;
            if (!capabilityFromId(v, &c)) {
                return QStringLiteral("--capability takes text_embedding, text_to_text, image_embedding, vision or "
                                      "text_to_image, not \"%1\"").arg(v);
            }
            out->capability = c;
        } else if (a == QLatin1String("--context")) {
            bool ok = false;
            out->context = v.toLongLong(&ok);
            if (!ok || out->context < 1) {
                return QStringLiteral("--context takes a positive whole number, not \"%1\"").arg(v);
            }
        }
    }
    if (!out->files.isEmpty() && !out->quant.isEmpty()) {
        return QStringLiteral("give --file or --quant, not both");
    }
    return {};
}

// Opens the project and takes its lock; an error message (naming the file or the holder) otherwise.
Result<Workspace> openLocked(CommandContext &ctx)
{
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        return ws;
    }
    auto locked = ws->projectFile()->lock();
    if (!locked) {
        return Result<Workspace>::failure(locked.error());
    }
    return ws;
}

// Installs the new project and saves it atomically; prints the model's estimate.
int commit(CommandContext &ctx, const char *command, Workspace &ws, const Result<Project> &p, const QString &key,
           const QString &verb)
{
    if (!p) {
        ctx.err << "memspec " << command << ": " << p.error() << "\n";
        return 1;
    }
    auto installed = ws.setProject(p.value());
    auto saved = installed ? ws.save() : installed;
    if (!saved) {
        ctx.err << "memspec " << command << ": " << saved.error() << "\n";
        return 1;
    }
    ctx.out << verb << " " << key;
    if (auto r = ws.review(key)) {
        const WeightComponent &c = r->entry.components.first();
        ctx.out << " (" << r->entry.shortName << ", " << capabilityId(r->entry.capability) << ", " << c.files.size()
                << " " << c.format << " file(s), " << r->entry.quantization << "): " << reviewStatusId(r->status)
                << ", estimate " << r->estimate.estMib << " MiB";
    }
    ctx.out << "\nrecorded in " << ws.projectPath() << "\n";
    return 0;
}

} // namespace

// memspec add REPO [--file NAME]... [--quant Q] [--capability C] [--name N] [--short S] [--key K] [--context N]
//                  [--who NAME]
int cmdAdd(CommandContext &ctx, const QStringList &args)
{
    RegistryArgs a;
    const QString perr = parseArgs(args, {QStringLiteral("--file"), QStringLiteral("--quant"), QStringLiteral("--capability"),
                                          QStringLiteral("--name"), QStringLiteral("--short"), QStringLiteral("--key"),
                                          QStringLiteral("--context"), QStringLiteral("--who")}, &a);
    if (!perr.isEmpty() || a.key.isEmpty()) {
        ctx.err << "memspec add: " << (perr.isEmpty() ? QStringLiteral("usage: add REPO [--file NAME | --quant Q] "
                                                                       "[--capability C] [--name N] [--key K]") : perr) << "\n";
        return 2;
    }
    auto ws = openLocked(ctx);
    if (!ws) {
        ctx.err << "memspec add: " << ws.error() << "\n";
        return 1;
    }
    for (const QString &k : {a.key, a.registryKey}) {
        if (const RegistryEntry *e = k.isEmpty() ? nullptr : ws->registry().find(k)) {
            ctx.err << "memspec add: " << k << " is already in the registry as " << e->key
                    << " (change it with memspec edit, or remove it first)\n";
            return 1;
        }
    }
    const HubConfig config = cliHubConfig(ctx, QStringLiteral("add"));
    NewEntryChoice choice;
    choice.repo = a.key;
    choice.key = a.registryKey;
    choice.files = a.files;
    choice.quant = a.quant;
    choice.name = a.name;
    choice.shortName = a.shortName;
    choice.capability = a.capability.value_or(Capability::TextToText);
    choice.context = a.context;
    ctx.err << "adding " << a.key << " from " << config.endpoint.toString() << "\n";
    auto loaded = cliLoadModel(ctx, config, config.cacheDir, [&](HubModelLoader &l, auto done) {
        l.load(choice, a.capability.has_value(), done);
    });
    if (!loaded) {
        ctx.err << "memspec add: " << loaded.error() << "\nnothing was added\n";
        return 1;
    }
    ws.value().setFacts(loaded->facts);
    return commit(ctx, "add", ws.value(), ws->withRegistryEntry(loaded->entry, a.who), loaded->entry.key, QStringLiteral("added"));
}

// memspec remove KEY [--who NAME]
int cmdRemove(CommandContext &ctx, const QStringList &args)
{
    RegistryArgs a;
    const QString perr = parseArgs(args, {QStringLiteral("--who")}, &a);
    if (!perr.isEmpty() || a.key.isEmpty()) {
        ctx.err << "memspec remove: " << (perr.isEmpty() ? QStringLiteral("usage: remove KEY [--who NAME]") : perr) << "\n";
        return 2;
    }
    auto ws = openLocked(ctx);
    if (!ws) {
        ctx.err << "memspec remove: " << ws.error() << "\n";
        return 1;
    }
    auto entry = ws->entry(a.key);
    if (!entry) {
        ctx.err << "memspec remove: " << entry.error() << "\n";
        return 1;
    }
    return commit(ctx, "remove", ws.value(), ws->withoutRegistryEntry(entry->key, a.who), entry->key, QStringLiteral("removed"));
}

// memspec edit KEY [--name N] [--short S] [--capability C] [--context N] [--file NAME]... [--quant Q] [--who NAME]
// --file / --quant pick other weights of the model's repo (listed from the hub, headers refreshed).
int cmdEdit(CommandContext &ctx, const QStringList &args)
{
    RegistryArgs a;
    const QString perr = parseArgs(args, {QStringLiteral("--file"), QStringLiteral("--quant"), QStringLiteral("--capability"),
                                          QStringLiteral("--name"), QStringLiteral("--short"), QStringLiteral("--context"),
                                          QStringLiteral("--who")}, &a);
    if (!perr.isEmpty() || a.key.isEmpty() || a.given == 0) {
        ctx.err << "memspec edit: " << (perr.isEmpty() ? QStringLiteral("usage: edit KEY [--name N] [--short S] [--capability C] "
                                                                       "[--context N] [--file NAME | --quant Q]") : perr) << "\n";
        return 2;
    }
    auto ws = openLocked(ctx);
    if (!ws) {
        ctx.err << "memspec edit: " << ws.error() << "\n";
        return 1;
    }
    auto found = ws->entry(a.key);
    if (!found) {
        ctx.err << "memspec edit: " << found.error() << "\n";
        return 1;
    }
    RegistryEntry e = found.value();
    if (!a.files.isEmpty() || !a.quant.isEmpty()) {
        const HubConfig config = cliHubConfig(ctx, QStringLiteral("edit"));
        auto loaded = cliLoadModel(ctx, config, config.cacheDir, [&](HubModelLoader &l, auto done) {
            l.changeWeights(e, a.files, a.quant, done);
        });
        if (!loaded) {
            ctx.err << "memspec edit: " << loaded.error() << "\nnothing was changed\n";
            return 1;
        }
        e = loaded->entry;
        ws.value().setFacts(loaded->facts);
    }
    if (!a.name.isEmpty()) {
        e.name = a.name;
    }
    if (!a.shortName.isEmpty()) {
        e.shortName = a.shortName;
    }
    if (a.capability && *a.capability != e.capability) {
        e.capability = *a.capability;
        if (e.components.size() == 1) {   // a one-file model takes the capability's usual kind
            e.kind = RegistryEdit::defaultKind(e.capability);
            e.components.first().role = e.kind;
        }
    }
    if (a.context > 0) {
        e.serving.insert(QStringLiteral("context"), a.context);
    }
    return commit(ctx, "edit", ws.value(), ws->withRegistryEntry(e, a.who), e.key, QStringLiteral("edited"));
}

} // namespace memspec
