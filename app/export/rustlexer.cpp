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
                while (i < n &&
                       (isIdentChar(m_s.at(i)) || (m_s.at(i) == '.' && at(i + 1) >= '0' && at(i + 1) <= '9'))) {
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
                    i += 1; // raw identifier r#name
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
                const bool two = (c == ':' && d == ':') || (c == '.' && d == '.') || (c == '-' && d == '>') ||
                                 (c == '=' && d == '>');
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
        return Result<QList<Token>>::failure(QStringLiteral("%1:%2: %3 (byte offset %4)")
                                                 .arg(m_file)
                                                 .arg(lineOf(m_s, pos))
                                                 .arg(QLatin1String(what))
                                                 .arg(pos));
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

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// `\u{…}` starting at body[i] == '{'; appends the scalar and leaves i on the closing brace.
bool unicodeEscape(const QByteArray &body, qsizetype *i, QString *out)
{
    qsizetype p = *i + 1;
    if (p >= body.size() || hexDigit(body.at(p)) < 0) {
        return false; // `\u{}` and `\u{_1}` are errors
    }
    char32_t value = 0;
    int digits = 0;
    for (; p < body.size() && body.at(p) != '}'; ++p) {
        if (body.at(p) == '_') {
            continue;
        }
        const int d = hexDigit(body.at(p));
        if (d < 0 || ++digits > 6) {
            return false;
        }
        value = value * 16 + char32_t(d);
    }
    if (p >= body.size() || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return false;
    }
    *out += QString::fromUcs4(&value, 1);
    *i = p;
    return true;
}

} // namespace

std::optional<QString> stringValue(const QByteArray &literal)
{
    QByteArray lit = literal;
    lit.replace("\r\n", "\n");
    if (lit.startsWith('r')) {
        const qsizetype q = lit.indexOf('"');
        const qsizetype hashes = q - 1;
        if (q < 1 || lit.size() < q + 2 + hashes) {
            return std::nullopt;
        }
        const QByteArray body = lit.mid(q + 1, lit.size() - q - 2 - hashes);
        if (body.contains('\r')) {
            return std::nullopt;
        }
        return QString::fromUtf8(body);
    }
    if (!lit.startsWith('"') || !lit.endsWith('"') || lit.size() < 2) {
        return std::nullopt; // b"…", c"…", br"…": not a &str
    }
    const QByteArray body = lit.mid(1, lit.size() - 2);
    QString out;
    QByteArray run; // plain bytes waiting to be decoded as UTF-8 together
    auto flush = [&]() {
        out += QString::fromUtf8(run);
        run.clear();
    };
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (c == '\r') {
            return std::nullopt;
        }
        if (c != '\\') {
            run += c;
            continue;
        }
        flush();
        if (++i >= body.size()) {
            return std::nullopt;
        }
        switch (body.at(i)) {
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case '\\':
            out += QLatin1Char('\\');
            break;
        case '0':
            out += QChar(u'\0');
            break;
        case '\'':
            out += QLatin1Char('\'');
            break;
        case '"':
            out += QLatin1Char('"');
            break;
        case 'x': {
            const int hi = i + 2 < body.size() ? hexDigit(body.at(i + 1)) : -1;
            const int lo = hi >= 0 ? hexDigit(body.at(i + 2)) : -1;
            if (hi < 0 || hi > 7 || lo < 0) {
                return std::nullopt; // \x80 and above are not ASCII: an error in a &str
            }
            out += QChar(char16_t(hi * 16 + lo));
            i += 2;
            break;
        }
        case 'u':
            if (++i >= body.size() || body.at(i) != '{' || !unicodeEscape(body, &i, &out)) {
                return std::nullopt;
            }
            break;
        case '\n':
            // Line continuation: the newline and the whitespace after it are not part of the value.
            while (i + 1 < body.size() && (body.at(i + 1) == ' ' || body.at(i + 1) == '\t' || body.at(i + 1) == '\n' ||
                                           body.at(i + 1) == '\r')) {
                ++i;
            }
            break;
        default:
            return std::nullopt;
        }
    }
    flush();
    return out;
}

Result<QList<Token>> tokenize(const QByteArray &source, const QString &file)
{
    return Lexer(source, file).run();
}

} // namespace memspec::rustlex
