// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustscanner.h"

#include "app/export/rustlexer.h"

namespace memspec {

namespace {

using rustlex::lineOf;
using rustlex::Tok;
using rustlex::Token;

} // namespace

const RustField *RustStatic::field(const char *fieldName) const
{
    for (const RustField &f : fields) {
        if (f.name == fieldName) {
            return &f;
        }
    }
    return nullptr;
}

std::optional<qint64> RustScanner::integerValue(const QByteArray &exprIn)
{
    QByteArray expr = exprIn.trimmed();
    for (const char *suffix : {"usize", "u64", "u32", "i64", "i32"}) {
        if (expr.endsWith(suffix)) {
            expr.chop(qsizetype(qstrlen(suffix)));
            break;
        }
    }
    expr.replace('_', QByteArray());
    if (expr.isEmpty()) {
        return std::nullopt;
    }
    for (char c : expr) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    bool ok = false;
    const qint64 v = expr.toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

Result<QList<RustStatic>> RustScanner::scan(const QByteArray &s, const QString &file)
{
    auto lexed = rustlex::tokenize(s, file);
    if (!lexed) {
        return Result<QList<RustStatic>>::failure(lexed.error());
    }
    const QList<Token> &t = lexed.value();
    auto text = [&](qsizetype k) { return s.mid(t.at(k).start, t.at(k).end - t.at(k).start); };
    auto isPunct = [&](qsizetype k, const char *p) {
        return k < t.size() && t.at(k).kind == Tok::Punct && text(k) == p;
    };
    auto isWord = [&](qsizetype k, const char *w) {
        return k < t.size() && t.at(k).kind == Tok::Ident && text(k) == w;
    };
    // A path `a::b::CandleModelInfo` starting at k: returns the index after it when it ends in CandleModelInfo.
    auto candlePath = [&](qsizetype k) -> qsizetype {
        if (isPunct(k, "::")) {
            ++k;
        }
        while (k < t.size() && t.at(k).kind == Tok::Ident) {
            if (isPunct(k + 1, "::")) {
                k += 2;
                continue;
            }
            return text(k) == "CandleModelInfo" ? k + 1 : -1;
        }
        return -1;
    };

    QList<RustStatic> out;
    for (qsizetype k = 0; k < t.size(); ++k) {
        if (!(isWord(k, "static") || isWord(k, "const"))) {
            continue;
        }
        qsizetype p = k + 1;
        if (isWord(p, "mut")) {
            ++p;
        }
        if (p + 1 >= t.size() || t.at(p).kind != Tok::Ident || !isPunct(p + 1, ":")) {
            continue;
        }
        const QByteArray name = text(p);
        const qsizetype afterType = candlePath(p + 2);
        if (afterType < 0 || !isPunct(afterType, "=")) {
            continue;
        }
        const qsizetype afterInit = candlePath(afterType + 1);
        if (afterInit < 0 || !isPunct(afterInit, "{")) {
            continue;
        }
        RustStatic st;
        st.file = file;
        st.name = name;
        st.line = lineOf(s, t.at(k).start);
        st.openBrace = t.at(afterInit).start;
        auto broken = [&](const char *why, qsizetype at) {
            return Result<QList<RustStatic>>::failure(QStringLiteral("%1:%2: static %3: %4")
                                                          .arg(file)
                                                          .arg(lineOf(s, at))
                                                          .arg(QString::fromUtf8(name), QLatin1String(why)));
        };
        qsizetype q = afterInit + 1;
        bool closed = false;
        while (q < t.size()) {
            if (isPunct(q, "}")) {
                closed = true;
                break;
            }
            const bool base = isPunct(q, "..");
            RustField f;
            if (!base) {
                if (t.at(q).kind != Tok::Ident) {
                    return broken("expected a field name", t.at(q).start);
                }
                f.name = text(q);
                f.nameStart = t.at(q).start;
                ++q;
                if (isPunct(q, ":")) {
                    ++q;
                }
            } else {
                ++q;
            }
            // The expression runs to a comma or the closing brace at depth 0.
            int depth = 0;
            int angle = 0;
            const qsizetype exprFirst = q;
            while (q < t.size()) {
                if (t.at(q).kind == Tok::Punct) {
                    const QByteArray pu = text(q);
                    if (depth == 0 && angle == 0 && (pu == "," || pu == "}")) {
                        break;
                    }
                    if (pu == "(" || pu == "[" || pu == "{") {
                        ++depth;
                    } else if (pu == ")" || pu == "]" || pu == "}") {
                        --depth;
                    } else if (pu == "<" && q > 0 && isPunct(q - 1, "::")) {
                        ++angle; // turbofish: commas inside are not field separators
                    } else if (pu == ">" && angle > 0) {
                        --angle;
                    }
                }
                ++q;
            }
            if (q >= t.size()) {
                break;
            }
            if (base) {
                continue; // `..Default::default()` adds no field of its own
            }
            if (q == exprFirst) {
                // Shorthand `name,` — the value is the name itself.
                f.valueStart = f.nameStart;
                f.valueEnd = f.nameStart + f.name.size();
            } else {
                f.valueStart = t.at(exprFirst).start;
                f.valueEnd = t.at(q - 1).end;
            }
            if (isPunct(q, ",")) {
                f.commaEnd = t.at(q).end;
                ++q;
            }
            if (f.name == "registry_key" && q - exprFirst >= 1 && t.at(exprFirst).kind == Tok::Str &&
                (isPunct(exprFirst + 1, ",") || isPunct(exprFirst + 1, "}"))) {
                st.registryKey = rustlex::stringValue(text(exprFirst));
            }
            st.fields << f;
        }
        if (!closed) {
            return broken("the initializer's braces never close", t.at(afterInit).start);
        }
        st.closeBrace = t.at(q).start;
        out << st;
        k = q;
    }
    return out;
}

} // namespace memspec
