// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace memspec {

// A unified diff (`diff -u` style, 3 lines of context) between two versions of one text file. Line endings are kept
// as they are in the file (a CRLF file shows `\r` before each `\n`), so `patch` reproduces the bytes exactly.
class UnifiedDiff final
{
public:
    // Empty when before == after.
    static QByteArray make(const QString &path, const QByteArray &before, const QByteArray &after, int context = 3);
};

} // namespace memspec
