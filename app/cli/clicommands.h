// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/hub/hubconfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace memspec {

struct ExportInput;

struct GlobalOptions
{
    QString projectFile;
    bool offline = false;
    QString endpoint;
    QString cacheDir; // --cache-dir, else the stored setting; empty: HubCache::defaultDir()

    // The options given before the command (--version and --help besides), declared once for parsing and help.
    static QList<QCommandLineOption> options();
    static GlobalOptions fromParser(const QCommandLineParser &parser);
};

// The reviews of the workspace the global options select (what export, apply-rust and check read): the bundled
// registry and facts with the project given by --project, or the default project.
Result<ExportInput> loadExportInput(const GlobalOptions &global);

// Where a hub token comes from when neither HF_TOKEN nor the Hugging Face token file gives one: the OS keychain in
// the `memspec` program (app/main.cpp), nothing in-process. Returns the token, or empty with *error set when the
// keychain failed (empty error: no token stored).
using TokenSource = std::function<QString(QString *error)>;

struct CommandContext
{
    const GlobalOptions &global;
    QTextStream &out;
    QTextStream &err;
    const HubSources &hub; // the global options, the stored settings and the keychain, for HubConfig::resolve
};

// A positional argument as the command's help shows it.
struct CommandArgument
{
    enum Kind { Required, Optional, Repeated };
    QString name; // "KEY"
    QString description;
    Kind kind = Required;
};

// Runs a command on its parsed arguments (options and positionals already checked against its declaration).
using CommandFn = int (*)(CommandContext &ctx, const QCommandLineParser &args);

// One command, declared once next to its function (KeePassXC's Command): its parser, `memspec --help` and
// `memspec NAME --help` are all generated from this (app/cli/command.cpp).
struct Command
{
    QString name;
    QString description; // one line in `memspec --help`
    QList<CommandArgument> arguments;
    QList<QCommandLineOption> options;
    CommandFn run = nullptr;
    QString details;     // more text after the options in `memspec NAME --help`
    bool hidden = false; // developer tooling: not listed in `memspec --help`

    QString synopsis() const; // "KEY [options]"
    QString helpText() const;
    // Parses args (the command name not included) into *parser; false with *error naming the bad option or
    // argument. -h/--help is accepted by every command.
    bool parse(const QStringList &args, QCommandLineParser *parser, QString *error) const;
};

// -h/--help, which every command accepts, and the options only `memspec` itself takes (--version, --help).
QCommandLineOption helpOption();
QList<QCommandLineOption> topLevelOptions();

// Every command, in the order `memspec --help` lists them; nullptr for an unknown name.
const QList<Command> &commands();
const Command *findCommand(const QString &name);
// `memspec --help`, generated from the global options and the commands.
QString usageText();

// Each lives in its own file (cmd_*.cpp) with the options it declares.
Command listCommand();
Command estimateCommand();
Command refreshCommand();
Command statusCommand();
Command approveCommand();
Command revokeCommand();
Command setCommand();
Command addCommand(); // cmd_registry.cpp
Command removeCommand();
Command editCommand();
Command budgetCommand();
Command curveCommand(); // cmd_envelope.cpp
Command fitCommand();
Command exportCommand();
Command applyRustCommand();
Command checkCommand();

} // namespace memspec
