// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "cli.h"

#include "app/cli/clicommands.h"

#include <QCommandLineParser>

namespace memspec {

namespace {
const char *const kUsage =
    "Usage: memspec [global options] COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  refresh [--http2-prior-knowledge] [--deadline SECONDS] [KEY...]\n"
    "                                    fetch card, configs, file sizes and weight headers from the hub (all\n"
    "                                    models when no KEY); progress on stderr, exit 1 when any model failed;\n"
    "                                    each request must end within --deadline (MEMSPEC_HUB_DEADLINE, 30 s)\n"
    "  list [--json]                     the registry's models with their estimates\n"
    "  estimate KEY|PATH|REPO [options] [--json]\n"
    "                                    the per-worker breakdown of one model: a registry model, a local .gguf,\n"
    "                                    .safetensors, model.safetensors.index.json or repo folder, or a Hub repo\n"
    "                                    outside the registry (--file NAME | --quant Q; nothing is added)\n"
    "  status [--json]                   each model: estimate, override, approval, stale reasons\n"
    "  approve KEY --reviewer NAME [--override MIB --reason TEXT]\n"
    "                                    sign off the model's value with a fingerprint of its inputs\n"
    "  set KEY [--context N] [--batch N] [--ubatch N] [--runtime R] [--device D] [--kv-type T]\n"
    "      [--compute-dtype T] [--flash-attn on|off] [--margin PCT] [--resolution WxH] [--residency R]\n"
    "      [--offload O] [--default] [--who NAME]\n"
    "                                    record serving parameters in the project (--default clears them)\n"
    "  add REPO [--file NAME | --quant Q] [--capability C] [--name N] [--short S] [--key K] [--context N]\n"
    "      [--who NAME]                  add a Hub repo to the registry: list its weight files, pick them,\n"
    "                                    refresh its headers, record it in the project\n"
    "  remove KEY [--who NAME]           remove a model from the project's registry\n"
    "  edit KEY [--name N] [--short S] [--capability C] [--context N] [--file NAME | --quant Q] [--who NAME]\n"
    "                                    change a registry model (--file/--quant: other weights of its repo)\n"
    "  budget --gpu NAME|--capacity-mib N [--count N] [--models KEY,...] [--reserve-mib N] [--json]\n"
    "                                    does a co-load set fit, and how many workers of each the pool admits\n"
    "                                    (memspec budget --help states the rules)\n"
    "  curve KEY [--source-tree DIR] [--json]\n"
    "                                    memory per worker over the prompt limit (512 ... max_input_tokens)\n"
    "  fit --gpu NAME|--capacity-mib N [--count N] [--workers N] [--models KEY,...] [--co-load KEY,...]\n"
    "      [--reserve-mib N] [--source-tree DIR] [--json] [--apply --reason TEXT [--who NAME]]\n"
    "                                    the largest prompt limit (a multiple of 256) at which N workers pass\n"
    "                                    the pool rule; --apply records it in the project (audit: fit_envelope)\n"
    "  export --out DIR [--only docs|specs|rust|cpp|json|csv]...\n"
    "                                    model docs, MEMORY_SPECS.md, Rust snippet, C++ header, JSON, CSV\n"
    "  apply-rust --source-tree DIR [--dry-run] [--allow-unapproved]\n"
    "                                    write est_memory_allocation_mb (and max_input_tokens where the approved\n"
    "                                    prompt limit differs) into the CandleModelInfo statics\n"
    "  check --source-tree DIR [--allow-unapproved]\n"
    "                                    exit 0 only when every matched static holds the approved value\n"
    "\n"
    "Global options: --project FILE  --offline  --endpoint URL  --cache-dir DIR\n"
    "  --project FILE: the review project (docs/project-file.md). Without it every command uses the default\n"
    "  project $XDG_DATA_HOME/MemSpec/memspec/default-project.json (created by the first approve or set).\n"
    "Other: --version, --help\n";
// The usage lines of one command: its entry in kUsage and the indented lines that continue it, then the global
// options.
QString commandUsage(const QString &command)
{
    const QStringList lines = QString::fromUtf8(kUsage).split(QLatin1Char('\n'));
    QStringList out{QStringLiteral("Usage: memspec [global options] %1 ...").arg(command)};
    bool in = false;
    bool global = false;
    for (const QString &line : lines) {
        const bool entry = line.startsWith(QLatin1String("  ")) && line.size() > 2 && line.at(2).isLetter();
        if (line.startsWith(QLatin1String("Global options:"))) {
            global = true;
            out << QString();
        } else if (global && !line.startsWith(QLatin1String("  "))) {
            global = false;
        }
        if (entry && !global) {
            in = line.mid(2).section(QLatin1Char(' '), 0, 0) == command;
        } else if (!line.startsWith(QLatin1String("    "))) {
            in = false;
        }
        if (in || global) {
            out << line;
        }
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

int Cli::run(const QStringList &arguments)
{
    QStringList args = arguments.mid(1);   // drop the program name
    if (args.isEmpty()) {
        m_err << kUsage;
        return 2;
    }
    if (args.first() == QLatin1String("--version")) {
        m_out << "memspec " << MEMSPEC_VERSION << "\n";
        return 0;
    }
    if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        m_out << kUsage;
        return 0;
    }
    GlobalOptions global;
    QString error;
    if (!GlobalOptions::take(args, &global, &error)) {
        m_err << "memspec: " << error << "\n";
        return 2;
    }
    if (args.isEmpty()) {
        m_err << "memspec: no command given\n" << kUsage;
        return 2;
    }
    const QString command = args.takeFirst();
    CommandContext ctx{global, m_out, m_err, m_keychain};
    const CommandFn fn = findCommand(command);
    if (!fn) {
        m_err << "memspec: unknown command \"" << command << "\" (see memspec --help)\n";
        return 2;
    }
    // `memspec COMMAND --help`: that command's lines of the usage (budget explains its rules itself).
    if (command != QLatin1String("budget") &&
        (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h")))) {
        m_out << commandUsage(command);
        return 0;
    }
    return fn(ctx, args);
}

} // namespace memspec
