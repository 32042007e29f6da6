// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "docsources.h"

#include "app/export/exporttext.h"

#include <QRegularExpression>

namespace memspec::docsources {

namespace {

const QRegularExpression &urlPattern()
{
    static const QRegularExpression re(QStringLiteral("https?://[^\\s)>\\]'\"]+"));
    return re;
}

bool isOwnUrl(const QString &url, const QStringList &ownRepos)
{
    for (const QString &repo : ownRepos) {
        const QString base = exporttext::huggingFaceUrl(repo);
        if (url.compare(base, Qt::CaseInsensitive) == 0 ||
            url.startsWith(base + QLatin1Char('/'), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// Splits at `sep` outside parentheses.
QStringList splitTopLevel(const QString &text, const QString &sep)
{
    QStringList parts;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')') && depth > 0) {
            --depth;
        } else if (depth == 0 && text.mid(i, sep.size()) == sep) {
            parts << text.mid(start, i - start);
            start = i + sep.size();
            i += sep.size() - 1;
        }
    }
    parts << text.mid(start);
    return parts;
}

// Cleans the inside of each top-level parenthesised group; a group with nothing left goes with the space before it.
QString cleanGroups(const QString &text, const QStringList &ownRepos)
{
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i) != QLatin1Char('(')) {
            out += text.at(i++);
            continue;
        }
        int depth = 0;
        qsizetype j = i;
        for (; j < text.size(); ++j) {
            if (text.at(j) == QLatin1Char('(')) {
                ++depth;
            } else if (text.at(j) == QLatin1Char(')') && --depth == 0) {
                break;
            }
        }
        if (j >= text.size()) { // unbalanced: the rest is one remark
            out += citesWhatTheServiceCannotResolve(text.mid(i), ownRepos) ? QString() : text.mid(i);
            break;
        }
        const QString inner = clean(text.mid(i + 1, j - i - 1), ownRepos);
        if (inner.isEmpty()) {
            while (out.endsWith(QLatin1Char(' '))) {
                out.chop(1);
            }
        } else {
            out += QLatin1Char('(') + inner + QLatin1Char(')');
        }
        i = j + 1;
    }
    return out;
}

} // namespace

const QStringList &unresolvableCitationMarkers()
{
    static const QStringList markers{
        QStringLiteral("verbatim"), QStringLiteral("code index"), QStringLiteral("code-index"),
        QStringLiteral("third-party"), QStringLiteral("third party"), QStringLiteral("catalogue"),
        QStringLiteral("mirror"), QStringLiteral("../shared"), QStringLiteral("shared/facts"),
        QStringLiteral("reference/"), QStringLiteral("/blame/"), QStringLiteral("copied by"),
        QStringLiteral("not read directly"),
        // the studio's own docs: the exported docs live in the service's tree, where these do not
        QStringLiteral("docs/estimator.md")};
    return markers;
}

QStringList ownRepos(const RegistryEntry &entry)
{
    QStringList repos{entry.key};
    repos << entry.aliases;
    for (const WeightComponent &c : entry.components) {
        if (!c.repo.isEmpty() && !repos.contains(c.repo, Qt::CaseInsensitive)) {
            repos << c.repo;
        }
    }
    return repos;
}

bool citesWhatTheServiceCannotResolve(const QString &text, const QStringList &ownRepos)
{
    for (const QString &m : unresolvableCitationMarkers()) {
        if (text.contains(m, Qt::CaseInsensitive)) {
            return true;
        }
    }
    auto it = urlPattern().globalMatch(text);
    while (it.hasNext()) {
        if (!isOwnUrl(it.next().captured(), ownRepos)) {
            return true;
        }
    }
    return false;
}

QString clean(const QString &text, const QStringList &ownRepos)
{
    if (!citesWhatTheServiceCannotResolve(text, ownRepos)) {
        return text;
    }
    QStringList kept;
    for (const QString &clause : splitTopLevel(text, QStringLiteral("; "))) {
        const QString c = cleanGroups(clause, ownRepos).trimmed();
        if (!c.isEmpty() && !citesWhatTheServiceCannotResolve(c, ownRepos)) {
            kept << c;
        }
    }
    return kept.join(QStringLiteral("; "));
}

QStringList clean(const QStringList &items, const QStringList &ownRepos)
{
    QStringList out;
    for (const QString &item : items) {
        const QString c = clean(item, ownRepos);
        if (!c.isEmpty()) {
            out << c;
        }
    }
    return out;
}

QString configSource(const RegistryEntry &entry, const ModelFacts *facts)
{
    if (!facts || facts->config.isEmpty()) {
        return QStringLiteral("not known (no `config.json` in the facts)");
    }
    if (facts->configSource.isEmpty()) {
        return QStringLiteral(
            "the bundled facts snapshot (no `config.json` source recorded; a refresh reads it from the Hub)");
    }
    return QStringLiteral("`config.json` of `%1`: <%2/blob/main/config.json>")
        .arg(entry.key, exporttext::huggingFaceUrl(entry.key));
}

} // namespace memspec::docsources
