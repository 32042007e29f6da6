// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

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

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace memspec
