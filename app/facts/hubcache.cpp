// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubcache.h"

#include "app/common/regularfile.h"
#include "app/facts/factslog.h"
#include "app/facts/factssnapshot.h"
#include "app/facts/factsjson.h"
#include "app/registry/registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace memspec {

Q_LOGGING_CATEGORY(lcFacts, "memspec.facts")

namespace {

bool safeRelative(const QString &path)
{
    return !path.isEmpty() && !path.startsWith(QLatin1Char('/')) && !path.contains(QLatin1Char('\\')) &&
           !path.split(QLatin1Char('/')).contains(QStringLiteral("..")) && !path.contains(QLatin1Char(':'));
}

QString repoFolder(const QString &repo)
{
    QString r = repo;
    return r.replace(QLatin1Char('/'), QLatin1String("--"));
}

bool isCommit(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{40}$"));
    return re.match(s).hasMatch();
}

} // namespace

QString HubCache::defaultDir()
{
    // One folder for the CLI and the studio (their application names differ): ~/.cache/MemSpec/memspec/hub on Linux.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("MemSpec/memspec/hub"));
}

QString HubCache::factsPath(const QString &key) const
{
    return m_dir + QStringLiteral("/facts/") + FactsSnapshot::fileNameFor(key);
}

Result<HubCache::Entry> HubCache::load(const QString &key) const
{
    const QString path = factsPath(key);
    bool missing = false;
    auto bytes = readRegularFile(path, kMaxTextFileBytes, &missing);   // a FIFO or /dev/zero planted in the cache is refused
    if (!bytes) {
        return Result<Entry>::failure(missing ? QStringLiteral("%1: not in the refresh cache").arg(key) : bytes.error());
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return Result<Entry>::failure(QStringLiteral("%1: broken JSON at byte %2").arg(path).arg(err.offset));
    }
    auto facts = FactsJson::fromJson(doc.object().value(QLatin1String("facts")).toObject(), path);
    if (!facts) {
        return Result<Entry>::failure(facts.error());
    }
    Entry e{facts.value(), {}};
    const QJsonObject commits = doc.object().value(QLatin1String("commits")).toObject();
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        e.commits.insert(it.key().toLower(), it.value().toString());
    }
    return e;
}

Result<Done> HubCache::store(const ModelFacts &facts, const QHash<QString, QString> &commits) const
{
    const QString path = factsPath(facts.key);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return Result<Done>::failure(QStringLiteral("%1: cannot create the cache folder").arg(path));
    }
    QJsonObject c;
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        c.insert(it.key(), it.value());
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    }
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("commits"), c}, {QStringLiteral("facts"), FactsJson::toJson(facts)}})
                .toJson(QJsonDocument::Compact));
    if (!f.commit()) {
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    }
    return Done{};
}

QByteArray HubCache::textFile(const QString &repo, const QString &commit, const QString &path) const
{
    if (!safeRelative(path) || !isCommit(commit)) {
        return {};
    }
    auto bytes = readRegularFile(m_dir + QStringLiteral("/repos/") + repoFolder(repo) + QLatin1Char('/') + commit + QLatin1Char('/') + path);
    return bytes ? bytes.value() : QByteArray();
}

void HubCache::storeTextFile(const QString &repo, const QString &commit, const QString &path, const QByteArray &bytes) const
{
    if (!safeRelative(path) || !isCommit(commit)) {
        qCWarning(lcFacts).noquote() << "not cached:" << repo << path << "at" << commit << "(not a plain relative path and commit)";
        return;   // a hostile path never leaves the cache folder
    }
    const QString full = m_dir + QStringLiteral("/repos/") + repoFolder(repo) + QLatin1Char('/') + commit + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(full).absolutePath());
    QSaveFile f(full);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        qCWarning(lcFacts).noquote() << "not cached:" << full << "-" << f.errorString();
    }
}

int HubCache::overlay(const Registry &registry, FactsSnapshot *facts) const
{
    int n = 0;
    for (const RegistryEntry &e : registry.entries()) {
        auto entry = load(e.key);
        if (entry) {
            facts->insert(entry->facts);
            ++n;
        } else if (QFileInfo(factsPath(e.key)).exists() || QFileInfo(factsPath(e.key)).isSymLink()) {
            qCWarning(lcFacts).noquote() << "skipped refresh cache file:" << entry.error();
        }
    }
    return n;
}

QString HfCache::commitFor(const QString &repo, const QString &revision) const
{
    if (isCommit(revision)) {
        return revision;
    }
    if (!safeRelative(revision)) {
        return {};
    }
    auto ref = readRegularFile(m_dir + QStringLiteral("/models--") + repoFolder(repo) + QStringLiteral("/refs/") + revision, 4096);
    if (!ref) {
        return {};
    }
    const QString c = QString::fromLatin1(ref.value()).trimmed();
    return isCommit(c) ? c : QString();
}

QString HfCache::localPath(const QString &repo, const QString &revision, const QString &path) const
{
    if (m_dir.isEmpty() || !safeRelative(path)) {
        return {};
    }
    const QString commit = commitFor(repo, revision);
    if (commit.isEmpty()) {
        return {};
    }
    const QString p = m_dir + QStringLiteral("/models--") + repoFolder(repo) + QStringLiteral("/snapshots/") + commit +
                      QLatin1Char('/') + path;
    const QFileInfo fi(p);
    return fi.exists() && fi.isFile() ? fi.canonicalFilePath() : QString();
}

} // namespace memspec
