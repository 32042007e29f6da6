// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace memspec::rustlex {

// The tokens RustScanner needs: comments and whitespace are dropped, literals (strings of every kind, chars,
// numbers) are single tokens, so nothing inside them is ever seen as code. Offsets index the UTF-8 bytes.
enum class Tok { Ident, Punct, Str, Char, Number, Lifetime };

struct Token
{
    Tok kind;
    qsizetype start;
    qsizetype end;
};

// 1-based line of a byte offset.
int lineOf(const QByteArray &s, qsizetype pos);

// Tokenises `source`; an unterminated string, char or block comment is an error naming file:line.
Result<QList<Token>> tokenize(const QByteArray &source, const QString &file);

} // namespace memspec::rustlex
