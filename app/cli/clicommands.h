// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace memspec {

struct GlobalOptions
{
    QString projectFile;
    bool offline = false;
    QString endpoint;
    QString cacheDir;

    // Removes the global options from args (anywhere before the command); false with an error on a bad one.
    static bool take(QStringList &args, GlobalOptions *out, QString *error);
};

// Where a hub token comes from when neither HF_TOKEN nor the Hugging Face token file gives one: the OS keychain in
// the `memspec` program (app/main.cpp), nothing in-process. Returns the token, or empty with *error set when the
// keychain failed (empty error: no token stored).
using TokenSource = std::function<QString(QString *error)>;

struct CommandContext
{
    const GlobalOptions &global;
    QTextStream &out;
    QTextStream &err;
    const TokenSource &keychainToken;
};

using CommandFn = int (*)(CommandContext &ctx, const QStringList &args);

// Each command lives in its own file (cmd_*.cpp) and registers here.
CommandFn findCommand(const QString &name);

int cmdList(CommandContext &ctx, const QStringList &args);
int cmdEstimate(CommandContext &ctx, const QStringList &args);
int cmdRefresh(CommandContext &ctx, const QStringList &args);
int cmdStatus(CommandContext &ctx, const QStringList &args);
int cmdApprove(CommandContext &ctx, const QStringList &args);
int cmdRevoke(CommandContext &ctx, const QStringList &args);
int cmdBudget(CommandContext &ctx, const QStringList &args);
int cmdExport(CommandContext &ctx, const QStringList &args);
int cmdApplyRust(CommandContext &ctx, const QStringList &args);
int cmdCheck(CommandContext &ctx, const QStringList &args);
int cmdAccuracy(CommandContext &ctx, const QStringList &args);   // hidden: regenerates docs/accuracy.md
int cmdSet(CommandContext &ctx, const QStringList &args);
int cmdCurve(CommandContext &ctx, const QStringList &args);
int cmdFit(CommandContext &ctx, const QStringList &args);
int cmdAdd(CommandContext &ctx, const QStringList &args);      // cmd_registry.cpp
int cmdRemove(CommandContext &ctx, const QStringList &args);
int cmdEdit(CommandContext &ctx, const QStringList &args);

} // namespace memspec
