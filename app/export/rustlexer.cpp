// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustlexer.h"

namespace memspec::rustlex {

namespace {

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
}
bool isIdentChar(char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
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

} // namespace

int lineOf(const QByteArray &s, qsizetype pos)
{
    return int(s.left(pos).count('\n')) + 1;
}

Result<QList<Token>> tokenize(const QByteArray &source, const QString &file)
{
    return Lexer(source, file).run();
}

} // namespace memspec::rustlex
