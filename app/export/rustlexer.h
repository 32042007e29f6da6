// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

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

// The value of a string literal token as the Rust reference defines it: `"…"` with every escape (`\n \r \t \\ \0
// \' \"`, `\x00`–`\x7F`, `\u{…}` of 1–6 hex digits naming a Unicode scalar value, and the line continuation `\`
// + newline, which also drops the whitespace that follows), and raw strings `r"…"`, `r#"…"#` verbatim. CRLF counts
// as LF, as rustc reads it. nullopt for byte and C strings (not `&str`) and for a literal rustc would reject (an
// unknown escape, `\x80`, a surrogate, a lone CR).
std::optional<QString> stringValue(const QByteArray &literal);

// Tokenises `source`; an unterminated string, char or block comment is an error naming file:line.
Result<QList<Token>> tokenize(const QByteArray &source, const QString &file);

} // namespace memspec::rustlex
