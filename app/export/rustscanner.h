// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace memspec {

// One field of a struct initializer, as byte offsets into the source (half-open ranges).
struct RustField
{
    QByteArray name;
    qsizetype nameStart = 0;
    qsizetype valueStart = 0; // first byte of the expression
    qsizetype valueEnd = 0;   // one past its last byte (comments and spaces before the comma excluded)
    qsizetype commaEnd = -1;  // one past the comma that ends the field; -1 when it is the last field without one
};

// A `static NAME: CandleModelInfo = CandleModelInfo { … };` found in a Rust file.
struct RustStatic
{
    QString file;             // as given to the scanner (relative path in reports)
    QByteArray name;          // STELLA_MODEL_INFO
    int line = 0;             // 1-based line of the `static` keyword
    qsizetype openBrace = 0;  // offset of `{`
    qsizetype closeBrace = 0; // offset of the matching `}`
    QList<RustField> fields;
    std::optional<QString> registryKey; // the string literal value of `registry_key`, when it is one

    const RustField *field(const char *fieldName) const;
};

// A comment-, string- and brace-aware scanner for the subset of Rust the exporter edits: it finds every
// `static`/`const` item whose type is `CandleModelInfo` (any path) initialised with a struct expression, and the
// top-level fields of that expression. Everything else (functions, other structs, strings and comments that
// mention CandleModelInfo) is skipped token by token, so no text inside a literal or comment is ever matched.
class RustScanner final
{
public:
    static Result<QList<RustStatic>> scan(const QByteArray &source, const QString &file);

    // Parses an integer literal expression (`7200`, `7_200`, `7200usize`); nullopt when it is anything else.
    static std::optional<qint64> integerValue(const QByteArray &expr);
};

} // namespace memspec
