// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec add / remove / edit: registry edits recorded in the project (registry_upsert / registry_remove in the
// audit trail), written under the project lock like every writing command.
#include "app/cli/clicommands.h"
#include "app/cli/clihub.h"
#include "app/cli/clioptions.h"
#include "app/cli/commitproject.h"
#include "app/review/workspace.h"

#include <optional>

namespace memspec {

namespace {

struct RegistryArgs
{
    QString key; // positional: REPO for add, KEY for remove/edit
    QStringList files;
    QString quant;
    QString name;
    QString shortName;
    QString registryKey;
    std::optional<Capability> capability;
    qint64 context = 0;
    QString who;
    int given = 0; // options that change something
};

// The options of add and edit, each declared once.
QCommandLineOption fileOption()
{
    return cliopt::file(
        QStringLiteral("a weight file of the repo (repeat for shards; default: the repo's own choice)"));
}
QCommandLineOption quantOption()
{
    return cliopt::quant(QStringLiteral("pick the repo's GGUF file of this quantization (Q4_K_M, ...)"));
}
QCommandLineOption capabilityOption()
{
    return QCommandLineOption(QStringLiteral("capability"),
                              QStringLiteral("text_embedding, text_to_text, image_embedding, vision or text_to_image"),
                              QStringLiteral("C"));
}
QCommandLineOption nameOption()
{
    return QCommandLineOption(QStringLiteral("name"), QStringLiteral("the display name"), QStringLiteral("N"));
}
QCommandLineOption shortOption()
{
    return QCommandLineOption(QStringLiteral("short"), QStringLiteral("the short name"), QStringLiteral("S"));
}
QCommandLineOption contextOption()
{
    return QCommandLineOption(QStringLiteral("context"), QStringLiteral("the serving context in tokens"),
                              QStringLiteral("N"));
}

// Reads what was given; an error message naming the bad option otherwise.
QString readArgs(const QCommandLineParser &args, RegistryArgs *out)
{
    auto text = [&](const char *name, QString *target) {
        if (args.optionNames().contains(QLatin1String(name))) {
            *target = args.value(QLatin1String(name));
            ++out->given;
        }
    };
    out->key = args.positionalArguments().constFirst();
    out->who = cliopt::whoValue(args);
    text("quant", &out->quant);
    text("name", &out->name);
    text("short", &out->shortName);
    text("key", &out->registryKey);
    if (args.optionNames().contains(QStringLiteral("file"))) {
        out->files = args.values(QStringLiteral("file"));
        ++out->given;
    }
    if (args.optionNames().contains(QStringLiteral("capability"))) {
        ++out->given;
        const QString v = args.value(QStringLiteral("capability"));
        Capability c;
        if (!capabilityFromId(v, &c)) {
            return QStringLiteral("--capability takes text_embedding, text_to_text, image_embedding, vision or "
                                  "text_to_image, not \"%1\"")
                .arg(v);
        }
        out->capability = c;
    }
    if (args.optionNames().contains(QStringLiteral("context"))) {
        ++out->given;
        const QString error = cliopt::wholeNumber(args, QStringLiteral("context"), 1, qint64(1) << 24, &out->context);
        if (!error.isEmpty()) {
            return error;
        }
    }
    if (!out->files.isEmpty() && !out->quant.isEmpty()) {
        return QStringLiteral("give --file or --quant, not both");
    }
    return {};
}

// What a saved add, remove or edit did: the model's estimate, and where it was recorded.
int printRecorded(CommandContext &ctx, const Workspace &ws, const QString &key, const QString &verb)
{
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

int runAdd(CommandContext &ctx, const QCommandLineParser &args)
{
    RegistryArgs a;
    const QString perr = readArgs(args, &a);
    if (!perr.isEmpty()) {
        ctx.err << "memspec add: " << perr << "\n";
        return 2;
    }
    auto ws = openWorkspace(ctx, QStringLiteral("add"));
    QString added;
    const auto add = [&](Workspace &w) -> Result<Project> {
        for (const QString &k : {a.key, a.registryKey}) {
            if (const RegistryEntry *e = k.isEmpty() ? nullptr : w.registry().find(k)) {
                return Result<Project>::failure(
                    QStringLiteral(
                        "%1 is already in the registry as %2 (change it with memspec edit, or remove it first)")
                        .arg(k, e->key));
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
            return Result<Project>::failure(loaded.error() + QStringLiteral("\nnothing was added"));
        }
        w.setFacts(loaded->facts);
        added = loaded->entry.key;
        return w.withRegistryEntry(loaded->entry, a.who);
    };
    if (!ws || !commitProject(ctx, QStringLiteral("add"), *ws, add)) {
        return 1;
    }
    return printRecorded(ctx, *ws, added, QStringLiteral("added"));
}

int runRemove(CommandContext &ctx, const QCommandLineParser &args)
{
    RegistryArgs a;
    const QString perr = readArgs(args, &a);
    if (!perr.isEmpty()) {
        ctx.err << "memspec remove: " << perr << "\n";
        return 2;
    }
    auto ws = openWorkspace(ctx, QStringLiteral("remove"));
    QString removed;
    const auto remove = [&](Workspace &w) -> Result<Project> {
        auto entry = w.entry(a.key);
        if (!entry) {
            return Result<Project>::failure(entry.error());
        }
        removed = entry->key;
        return w.withoutRegistryEntry(removed, a.who);
    };
    if (!ws || !commitProject(ctx, QStringLiteral("remove"), *ws, remove)) {
        return 1;
    }
    return printRecorded(ctx, *ws, removed, QStringLiteral("removed"));
}

// --file / --quant pick other weights of the model's repo (listed from the hub, headers refreshed).
int runEdit(CommandContext &ctx, const QCommandLineParser &args)
{
    RegistryArgs a;
    const QString perr = readArgs(args, &a);
    if (!perr.isEmpty() || a.given == 0) {
        ctx.err << "memspec edit: "
                << (perr.isEmpty() ? QStringLiteral("nothing to change (see memspec edit --help)") : perr) << "\n";
        return 2;
    }
    auto ws = openWorkspace(ctx, QStringLiteral("edit"));
    RegistryEntry e;
    const auto edit = [&](Workspace &w) -> Result<Project> {
        auto found = w.entry(a.key);
        if (!found) {
            return Result<Project>::failure(found.error());
        }
        e = found.value();
        if (!a.files.isEmpty() || !a.quant.isEmpty()) {
            const HubConfig config = cliHubConfig(ctx, QStringLiteral("edit"));
            auto loaded = cliLoadModel(ctx, config, config.cacheDir, [&](HubModelLoader &l, auto done) {
                l.changeWeights(e, a.files, a.quant, done);
            });
            if (!loaded) {
                return Result<Project>::failure(loaded.error() + QStringLiteral("\nnothing was changed"));
            }
            e = loaded->entry;
            w.setFacts(loaded->facts);
        }
        if (!a.name.isEmpty()) {
            e.name = a.name;
        }
        if (!a.shortName.isEmpty()) {
            e.shortName = a.shortName;
        }
        if (a.capability) {
            e = RegistryEdit::withCapability(e, *a.capability);
        }
        if (a.context > 0) {
            e.serving.insert(QStringLiteral("context"), a.context);
        }
        return w.withRegistryEntry(e, a.who);
    };
    if (!ws || !commitProject(ctx, QStringLiteral("edit"), *ws, edit)) {
        return 1;
    }
    return printRecorded(ctx, *ws, e.key, QStringLiteral("edited"));
}

} // namespace

Command addCommand()
{
    return Command{
        QStringLiteral("add"),
        QStringLiteral("add a Hub repo to the registry: list its weight files, pick them, refresh its headers, record "
                       "it in the project"),
        {{QStringLiteral("REPO"), QStringLiteral("the Hub repo id (org/name)")}},
        {fileOption(), quantOption(), capabilityOption(), nameOption(), shortOption(),
         QCommandLineOption(QStringLiteral("key"), QStringLiteral("the registry key (default: the repo id)"),
                            QStringLiteral("K")),
         contextOption(), cliopt::who()},
        &runAdd,
    };
}

Command removeCommand()
{
    return Command{QStringLiteral("remove"),
                   QStringLiteral("remove a model from the project's registry"),
                   {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
                   {cliopt::who()},
                   &runRemove};
}

Command editCommand()
{
    return Command{
        QStringLiteral("edit"),
        QStringLiteral("change a registry model (--file/--quant: other weights of its repo)"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name")}},
        {nameOption(), shortOption(), capabilityOption(), contextOption(), fileOption(), quantOption(), cliopt::who()},
        &runEdit,
    };
}

} // namespace memspec
