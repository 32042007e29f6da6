// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Parsing and help generated from a command's declaration (clicommands.h).
#include "app/cli/clicommands.h"

namespace memspec {

namespace {

constexpr int kWidth = 118;   // help lines end before this column
constexpr int kMaxLabel = 30; // a longer label puts its description on the next line

QString label(const QCommandLineOption &o)
{
    QStringList names;
    for (const QString &n : o.names()) {
        names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    }
    QString s = names.join(QStringLiteral(", "));
    if (!o.valueName().isEmpty()) {
        s += QLatin1Char(' ') + o.valueName();
    }
    return s;
}

// Two columns: labels indented by two, descriptions word-wrapped beside them.
QString rows(const QList<std::pair<QString, QString>> &items)
{
    int column = 0;
    for (const auto &[left, right] : items) {
        if (left.size() <= kMaxLabel) {
            column = qMax(column, int(left.size()));
        }
    }
    column += 4; // two of indent, two of gap
    QString out;
    for (const auto &[left, right] : items) {
        QString line = QStringLiteral("  ") + left;
        if (line.size() + 2 > column) {
            out += line + QLatin1Char('\n');
            line.clear();
        }
        for (const QString &word : right.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (line.size() > column && line.size() + 1 + word.size() > kWidth) {
                out += line + QLatin1Char('\n');
                line.clear();
            }
            if (line.size() < column) {
                line = line.leftJustified(column);
            } else {
                line += QLatin1Char(' ');
            }
            line += word;
        }
        out += line + QLatin1Char('\n');
    }
    return out;
}

// Word-wrapped to kWidth.
QString paragraph(const QString &text)
{
    QString out;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > kWidth) {
            out += line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    return out + line + QLatin1Char('\n');
}

QString argumentSyntax(const CommandArgument &a)
{
    switch (a.kind) {
    case CommandArgument::Required:
        return a.name;
    case CommandArgument::Optional:
        return QStringLiteral("[%1]").arg(a.name);
    case CommandArgument::Repeated:
        return QStringLiteral("[%1...]").arg(a.name);
    }
    return a.name;
}

} // namespace

QString Command::synopsis() const
{
    QStringList parts;
    for (const CommandArgument &a : arguments) {
        parts << argumentSyntax(a);
    }
    if (!options.isEmpty()) {
        parts << QStringLiteral("[options]");
    }
    return parts.join(QLatin1Char(' '));
}

QString Command::helpText() const
{
    QString out =
        QStringLiteral("Usage: memspec [global options] %1 %2\n\n").arg(name, synopsis()) + paragraph(description);
    if (!arguments.isEmpty()) {
        QList<std::pair<QString, QString>> items;
        for (const CommandArgument &a : arguments) {
            items.append({a.name, a.description});
        }
        out += QStringLiteral("\nArguments:\n") + rows(items);
    }
    QList<std::pair<QString, QString>> items;
    for (const QCommandLineOption &o : options) {
        items.append({label(o), o.description()});
    }
    items.append({label(helpOption()), helpOption().description()});
    out += QStringLiteral("\nOptions:\n") + rows(items);
    if (!details.isEmpty()) {
        out += QLatin1Char('\n') + details;
        if (!details.endsWith(QLatin1Char('\n'))) {
            out += QLatin1Char('\n');
        }
    }
    QStringList global;
    for (const QCommandLineOption &o : GlobalOptions::options()) {
        global << label(o);
    }
    out += QLatin1Char('\n') + paragraph(QStringLiteral("Global options (before %1; see memspec --help): %2")
                                             .arg(name, global.join(QStringLiteral(", "))));
    return out;
}

bool Command::parse(const QStringList &args, QCommandLineParser *parser, QString *error) const
{
    parser->setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser->addOptions(options);
    parser->addOption(helpOption());
    if (!parser->parse(QStringList{QStringLiteral("memspec ") + name} + args)) {
        const QStringList unknown = parser->unknownOptionNames();
        *error = unknown.isEmpty() ? parser->errorText()
                                   : QStringLiteral("unknown option %1%2 (see memspec %3 --help)")
                                         .arg(unknown.first().size() == 1 ? QStringLiteral("-") : QStringLiteral("--"),
                                              unknown.first(), name);
        return false;
    }
    if (parser->isSet(QStringLiteral("help"))) {
        return true;
    }
    const QStringList given = parser->positionalArguments();
    int required = 0;
    bool unlimited = false;
    for (const CommandArgument &a : arguments) {
        required += a.kind == CommandArgument::Required ? 1 : 0;
        unlimited = unlimited || a.kind == CommandArgument::Repeated;
    }
    if (given.size() < required) {
        *error = QStringLiteral("missing %1 (%2)")
                     .arg(arguments.at(given.size()).name, arguments.at(given.size()).description);
        return false;
    }
    if (!unlimited && given.size() > arguments.size()) {
        *error =
            QStringLiteral("unexpected argument \"%1\" (see memspec %2 --help)").arg(given.at(arguments.size()), name);
        return false;
    }
    return true;
}

QString usageText()
{
    QString out = QStringLiteral("Usage: memspec [global options] COMMAND [ARGS]\n\nCommands:\n");
    QList<std::pair<QString, QString>> items;
    for (const Command &c : commands()) {
        if (!c.hidden) {
            items.append({QString(c.name + QLatin1Char(' ') + c.synopsis()).trimmed(), c.description});
        }
    }
    out += rows(items);
    items.clear();
    for (const QCommandLineOption &o : GlobalOptions::options() + topLevelOptions()) {
        items.append({label(o), o.description()});
    }
    out += QStringLiteral("\nGlobal options:\n") + rows(items);
    out += QStringLiteral("\n`memspec COMMAND --help` lists the command's arguments and options.\n");
    return out;
}

} // namespace memspec
