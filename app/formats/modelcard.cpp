// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/modelcard.h"

#include "app/formats/weightheaderparser.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <exception>
#include <yaml-cpp/yaml.h>

namespace memspec {

namespace {

// Position just after the line that starts at `from` (handles \n and \r\n), or -1 at the end.
qsizetype nextLine(const QByteArray &s, qsizetype from)
{
    const qsizetype nl = s.indexOf('\n', from);
    return nl < 0 ? -1 : nl + 1;
}

bool isFenceLine(const QByteArray &s, qsizetype begin, qsizetype end, bool closing)
{
    QByteArray line = s.mid(begin, end - begin).trimmed();
    return line == "---" || (closing && line == "...");
}

// Deepest [ / { nesting outside quoted scalars: a cheap guard run before yaml-cpp sees the text.
int bracketDepth(const QByteArray &s)
{
    int depth = 0;
    int deepest = 0;
    char quote = 0;
    for (char c : s) {
        if (quote) {
            if (c == quote || c == '\n') {
                quote = 0;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

struct YamlToJson
{
    int nodes = 0;
    QString error;

    QJsonValue scalar(const YAML::Node &n)
    {
        const QString s = QString::fromStdString(n.Scalar());
        if (n.Tag() == "!") { // quoted or block scalar: always a string
            return s;
        }
        static const QRegularExpression intRe(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression floatRe(
            QStringLiteral("^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$"));
        if (s.isEmpty() || s == QLatin1String("~") || s.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0) {
            return QJsonValue::Null;
        }
        if (s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0) {
            return true;
        }
        if (s.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0) {
            return false;
        }
        if (intRe.match(s).hasMatch()) {
            bool ok = false;
            const qint64 v = s.toLongLong(&ok);
            if (ok) {
                return v;
            }
        }
        if (floatRe.match(s).hasMatch()) {
            bool ok = false;
            const double d = s.toDouble(&ok);
            if (ok && std::isfinite(d)) {
                return d;
            }
        }
        return s;
    }

    QJsonValue convert(const YAML::Node &n, int depth)
    {
        if (!error.isEmpty()) {
            return {};
        }
        if (++nodes > ModelCard::kMaxNodes) {
            error = QStringLiteral("front matter expands to more than %1 nodes (aliases?)").arg(ModelCard::kMaxNodes);
            return {};
        }
        if (depth > ModelCard::kMaxDepth) {
            error = QStringLiteral("front matter is nested deeper than %1 levels").arg(ModelCard::kMaxDepth);
            return {};
        }
        switch (n.Type()) {
        case YAML::NodeType::Scalar:
            return scalar(n);
        case YAML::NodeType::Sequence: {
            QJsonArray a;
            for (const YAML::Node &item : n) {
                a.append(convert(item, depth + 1));
                if (!error.isEmpty()) {
                    return {};
                }
            }
            return a;
        }
        case YAML::NodeType::Map: {
            QJsonObject o;
            for (const auto &kv : n) {
                if (!kv.first.IsScalar()) {
                    ++nodes; // complex keys are skipped
                    continue;
                }
                o.insert(QString::fromStdString(kv.first.Scalar()), convert(kv.second, depth + 1));
                if (!error.isEmpty()) {
                    return {};
                }
            }
            return o;
        }
        default:
            return QJsonValue::Null;
        }
    }
};

double unitBytes(const QString &unit)
{
    const QString u = unit.toUpper();
    const bool binary = u.contains(QLatin1Char('I'));
    const QChar p = u.at(0);
    const int power = p == QLatin1Char('K') ? 1 : p == QLatin1Char('M') ? 2 : p == QLatin1Char('G') ? 3 : 4;
    return std::pow(binary ? 1024.0 : 1000.0, power);
}

QString canonicalUnit(const QString &u)
{
    QString c = u.toUpper();
    if (c.size() == 3) {
        c[1] = QLatin1Char('i');
    }
    return c;
}

} // namespace

QJsonObject MemoryStatement::toJson() const
{
    return QJsonObject{{QStringLiteral("quote"), quote},
                       {QStringLiteral("context"), context},
                       {QStringLiteral("position"), position},
                       {QStringLiteral("low_bytes"), lowBytes},
                       {QStringLiteral("high_bytes"), highBytes},
                       {QStringLiteral("unit"), unit},
                       {QStringLiteral("approximate"), approximate}};
}

QList<MemoryStatement> ModelCard::findMemoryStatements(const QString &text)
{
    static const QRegularExpression figure(
        QStringLiteral("(?<approx>~\\s*|≈\\s*|\\b(?:about|around|approximately|approx\\.?|roughly)\\s+)?"
                       "(?<![\\w.,])(?<low>\\d{1,3}(?:,\\d{3})+|\\d{1,7}(?:\\.\\d+)?)\\s*(?:(?<lowunit>[MGT]i?B)\\s*)?"
                       "(?:(?:-|–|—|to)\\s*(?<high>\\d{1,3}(?:,\\d{3})+|\\d{1,7}(?:\\.\\d+)?)\\s*)?"
                       "(?<unit>[MGT]i?B)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression memoryWord(QStringLiteral("\\b(v?ram|memory|gpus?|hbm|unified memory)\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    QList<MemoryStatement> out;
    auto it = figure.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString unit = m.captured(u"unit");
        const QString lowUnit = m.captured(u"lowunit");
        // "16GB-24MB" is not a range; "Gb" (bits) is not a memory size.
        if ((!lowUnit.isEmpty() && canonicalUnit(lowUnit) != canonicalUnit(unit)) ||
            unit.at(unit.size() - 1) != QLatin1Char('B')) {
            continue;
        }
        const qsizetype lineStart = text.lastIndexOf(QLatin1Char('\n'), m.capturedStart()) + 1;
        qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), m.capturedEnd());
        lineEnd = lineEnd < 0 ? text.size() : lineEnd;
        const qsizetype from = std::max(lineStart, m.capturedStart() - 100);
        const qsizetype to = std::min(lineEnd, m.capturedEnd() + 100);
        const QString window = text.mid(from, to - from);
        if (!memoryWord.match(window).hasMatch()) {
            continue;
        }
        QString low = m.captured(u"low");
        QString high = m.captured(u"high");
        low.remove(QLatin1Char(','));
        high.remove(QLatin1Char(','));
        MemoryStatement s;
        const qsizetype start = m.capturedStart(u"low");
        s.quote = text.mid(start, m.capturedEnd() - start);
        s.position = start;
        s.unit = canonicalUnit(unit);
        s.approximate = m.hasCaptured(u"approx") && !m.captured(u"approx").isEmpty();
        const double scale = unitBytes(unit);
        s.lowBytes = low.toDouble() * scale;
        s.highBytes = high.isEmpty() ? s.lowBytes : high.toDouble() * scale;
        if (s.highBytes < s.lowBytes) {
            std::swap(s.lowBytes, s.highBytes);
        }
        s.context = window.simplified();
        out.append(s);
    }
    return out;
}

Result<ModelCard> ModelCard::parse(const QByteArray &readme, const QString &fileName)
{
    if (readme.size() > kMaxCardBytes) {
        return Result<ModelCard>::failure(headerError(
            fileName, 0, QStringLiteral("card is %1 bytes (limit %2)").arg(readme.size()).arg(kMaxCardBytes)));
    }
    ModelCard card;
    const qsizetype bom = readme.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    qsizetype bodyStart = bom;
    const qsizetype first = nextLine(readme, bom);
    if (first > 0 && isFenceLine(readme, bom, first, false)) {
        qsizetype line = first;
        qsizetype close = -1;
        qsizetype after = -1;
        while (line >= 0 && line < readme.size()) {
            const qsizetype next = nextLine(readme, line);
            const qsizetype end = next < 0 ? readme.size() : next;
            if (isFenceLine(readme, line, end, true)) {
                close = line;
                after = end;
                break;
            }
            line = next;
        }
        if (close < 0) {
            card.warnings.append(
                headerError(fileName, bom, QStringLiteral("front matter is not closed; read as body")));
        } else {
            card.hasFrontMatter = true;
            bodyStart = after;
            const QByteArray yaml = readme.mid(first, close - first);
            if (yaml.size() > kMaxFrontMatterBytes) {
                card.warnings.append(headerError(fileName, first,
                                                 QStringLiteral("front matter of %1 bytes ignored (limit %2)")
                                                     .arg(yaml.size())
                                                     .arg(kMaxFrontMatterBytes)));
            } else if (bracketDepth(yaml) > kMaxDepth) {
                card.warnings.append(
                    headerError(fileName, first,
                                QStringLiteral("front matter nested deeper than %1 levels ignored").arg(kMaxDepth)));
            } else {
                try {
                    const YAML::Node root = YAML::Load(yaml.toStdString());
                    YamlToJson conv;
                    const QJsonValue v = conv.convert(root, 0);
                    if (!conv.error.isEmpty()) {
                        card.warnings.append(headerError(fileName, first, conv.error + QStringLiteral("; ignored")));
                    } else if (v.isObject()) {
                        card.frontMatter = v.toObject();
                    } else if (!v.isNull()) {
                        card.warnings.append(
                            headerError(fileName, first, QStringLiteral("front matter is not a mapping; ignored")));
                    }
                } catch (const YAML::Exception &e) {
                    const qint64 at = first + (e.mark.pos >= 0 ? e.mark.pos : 0);
                    card.warnings.append(headerError(fileName, at,
                                                     QStringLiteral("front matter is not valid YAML (%1); ignored")
                                                         .arg(QString::fromStdString(e.msg))));
                } catch (const std::exception &e) {
                    card.warnings.append(headerError(fileName, first,
                                                     QStringLiteral("front matter could not be read (%1); ignored")
                                                         .arg(QString::fromUtf8(e.what()))));
                }
            }
        }
    }
    const QString text = QString::fromUtf8(readme.constData() + bom, readme.size() - bom);
    card.bodyPosition = QString::fromUtf8(readme.constData() + bom, bodyStart - bom).size();
    card.body = text.mid(card.bodyPosition);
    card.memoryStatements = findMemoryStatements(text);
    return card;
}

} // namespace memspec
