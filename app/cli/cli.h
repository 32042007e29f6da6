// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/cli/clicommands.h"

#include <QStringList>
#include <QTextStream>

namespace memspec {

// The `memspec` command line (DESIGN §6). Lives in the core library so tests can run it in-process; main() only
// wires stdout/stderr. Returns the process exit code. Errors go to `err`; nothing partial goes to `out`.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}
    int run(const QStringList &arguments);
    // The OS keychain for commands that talk to the hub (main() sets it; tests may inject one).
    void setKeychainTokenSource(TokenSource source) { m_keychain = std::move(source); }
    // The studio's settings the hub configuration falls back to (Settings; empty: the user's own file).
    void setSettingsFile(const QString &path) { m_settingsFile = path; }

private:
    QTextStream &m_out;
    QTextStream &m_err;
    TokenSource m_keychain;
    QString m_settingsFile;
};

} // namespace memspec
