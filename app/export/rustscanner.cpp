// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustscanner.h"

namespace memspec {

namespace {

enum class Tok { Ident, Punct, Str, Char, Number, Lifetime };

struct Token
{
    Tok kind;
    qsizetype start;
    qsizetype end;
};

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
}
bool isIdentChar(char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}

int lineOf(const QByteArray &s, qsizetype pos)
{
    return int(s.left(pos).count('\n')) + 1;
}

class Lexer
{
public:
    Lexer(const QByteArray &s, const QString &file) : m_s(s), m_file(file) {}

    Result<QList<Token>> run()
    {
        QList<Token> out;
        const qsizetype n = m_s.size();
        qsizetype i = 0;
        while (i < n) {
            const char c = m_s.at(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
                ++i;
            } else if (c == '/' && at(i + 1) == '/') {
                while (i < n && m_s.at(i) != '\n') {
                    ++i;
                }
            } else if (c == '/' && at(i + 1) == '*') {
                const qsizetype start = i;
                int depth = 0;
                do {
                    if (m_s.at(i) == '/' && at(i + 1) == '*') {
                        ++depth;
                        i += 2;
                    } else if (m_s.at(i) == '*' && at(i + 1) == '/') {
                        --depth;
                        i += 2;
                    } else {
                        ++i;
                    }
                } while (depth > 0 && i < n);
                if (depth > 0) {
                    return fail(start, "unterminated block comment");
                }
            } else if (c == '"') {
                const qsizetype start = i;
                if (!skipQuoted(&i, '"')) {
                    return fail(start, "unterminated string literal");
                }
                out << Token{Tok::Str, start, i};
            } else if (c == '\'') {
                const qsizetype start = i;
                Tok kind = Tok::Lifetime;
                if (!skipCharOrLifetime(&i, &kind)) {
                    return fail(start, "unterminated character literal");
                }
                out << Token{kind, start, i};
            } else if (c >= '0' && c <= '9') {
                const qsizetype start = i;
                while (i < n && (isIdentChar(m_s.at(i)) || (m_s.at(i) == '.' && at(i + 1) >= '0' && at(i + 1) <= '9'))) {
                    ++i;
                }
                out << Token{Tok::Number, start, i};
            } else if (isIdentStart(c)) {
                const qsizetype start = i;
                while (i < n && isIdentChar(m_s.at(i))) {
                    ++i;
                }
                const QByteArray word = m_s.mid(start, i - start);
                const bool rawPrefix = word == "r" || word == "br" || word == "cr";
                if (rawPrefix && (at(i) == '"' || (at(i) == '#' && (at(i + 1) == '"' || at(i + 1) == '#')))) {
                    if (!skipRaw(&i)) {
                        return fail(start, "unterminated raw string literal");
                    }
                    out << Token{Tok::Str, start, i};
                } else if ((word == "b" || word == "c") && at(i) == '"') {
                    if (!skipQuoted(&i, '"')) {
                        return fail(start, "unterminated string literal");
                    }
                    out << Token{Tok::Str, start, i};
                } else if (word == "b" && at(i) == '\'') {
                    if (!skipQuoted(&i, '\'')) {
                        return fail(start, "unterminated byte literal");
                    }
                    out << Token{Tok::Char, start, i};
                } else if (word == "r" && at(i) == '#' && isIdentStart(at(i + 1))) {
                    i += 1;   // raw identifier r#name
                    while (i < n && isIdentChar(m_s.at(i))) {
                        ++i;
                    }
                    out << Token{Tok::Ident, start, i};
                } else {
                    out << Token{Tok::Ident, start, i};
                }
            } else {
                const qsizetype start = i;
                const char d = at(i + 1);
                const bool two = (c == ':' && d == ':') || (c == '.' && d == '.') || (c == '-' && d == '>') || (c == '=' && d == '>');
                i += two ? 2 : 1;
                out << Token{Tok::Punct, start, i};
            }
        }
        return out;
    }

private:
    char at(qsizetype i) const { return i < m_s.size() ? m_s.at(i) : '\0'; }

    Result<QList<Token>> fail(qsizetype pos, const char *what) const
    {
        return Result<QList<Token>>::failure(
            QStringLiteral("%1:%2: %3 (byte offset %4)").arg(m_file).arg(lineOf(m_s, pos)).arg(QLatin1String(what)).arg(pos));
    }

    // *i at the opening quote; leaves *i one past the closing quote.
    bool skipQuoted(qsizetype *i, char quote) const
    {
        qsizetype p = *i + 1;
        while (p < m_s.size()) {
            const char c = m_s.at(p);
            if (c == '\\') {
                p += 2;
            } else if (c == quote) {
                *i = p + 1;
                return true;
            } else {
                ++p;
            }
        }
        return false;
    }

    // *i just after r/br/cr, at `#…"` or `"`.
    bool skipRaw(qsizetype *i) const
    {
        qsizetype p = *i;
        int hashes = 0;
        while (at(p) == '#') {
            ++hashes;
            ++p;
        }
        if (at(p) != '"') {
            return false;
        }
        const QByteArray close = QByteArray(1, '"') + QByteArray(hashes, '#');
        const qsizetype end = m_s.indexOf(close, p + 1);
        if (end < 0) {
            return false;
        }
        *i = end + close.size();
        return true;
    }

    bool skipCharOrLifetime(qsizetype *i, Tok *kind) const
    {
        const qsizetype p = *i + 1;
        if (at(p) == '\\') {
            *kind = Tok::Char;
            return skipQuoted(i, '\'');
        }
        // One code point (UTF-8 may take several bytes) followed by a quote is a char literal; else a lifetime.
        qsizetype q = p;
        if (q < m_s.size()) {
            ++q;
            while (q < m_s.size() && (static_cast<unsigned char>(m_s.at(q)) & 0xC0) == 0x80) {
                ++q;
            }
        }
        if (at(q) == '\'') {
            *kind = Tok::Char;
            *i = q + 1;
            return true;
        }
        *kind = Tok::Lifetime;
        q = p;
        while (q < m_s.size() && isIdentChar(m_s.at(q))) {
            ++q;
        }
        *i = q;
        return true;
    }

    const QByteArray &m_s;
    const QString &m_file;
};

QString unescapeStringLiteral(const QByteArray &lit)
{
    if (lit.startsWith('r')) {
        const qsizetype q = lit.indexOf('"');
        const qsizetype hashes = q - 1;
        return QString::fromUtf8(lit.mid(q + 1, lit.size() - q - 2 - hashes));
    }
    if (!lit.startsWith('"')) {
        return {};   // byte/C strings are not registry keys
    }
    QByteArray out;
    for (qsizetype i = 1; i + 1 < lit.size(); ++i) {
        char c = lit.at(i);
        if (c == '\\' && i + 2 < lit.size()) {
            const char e = lit.at(++i);
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
        }
        out += c;
    }
    return QString::fromUtf8(out);
}

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
    auto lexed = Lexer(s, file).run();
    if (!lexed) {
        return Result<QList<RustStatic>>::failure(lexed.error());
    }
    const QList<Token> &t = lexed.value();
    auto text = [&](qsizetype k) { return s.mid(t.at(k).start, t.at(k).end - t.at(k).start); };
    auto isPunct = [&](qsizetype k, const char *p) { return k < t.size() && t.at(k).kind == Tok::Punct && text(k) == p; };
    auto isWord = [&](qsizetype k, const char *w) { return k < t.size() && t.at(k).kind == Tok::Ident && text(k) == w; };
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
                        ++angle;   // turbofish: commas inside are not field separators
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
                continue;   // `..Default::default()` adds no field of its own
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
            if (f.name == "registry_key" && q - exprFirst >= 1 && t.at(exprFirst).kind == Tok::Str
                && (isPunct(exprFirst + 1, ",") || isPunct(exprFirst + 1, "}"))) {
                st.registryKey = unescapeStringLiteral(text(exprFirst));
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
