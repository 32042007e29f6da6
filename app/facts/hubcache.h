// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"

#include <QHash>
#include <QString>

namespace memspec {

class FactsSnapshot;
class Registry;

// Our refresh cache: per registry model the refreshed ModelFacts and the commit of every repo it came from, so a
// later refresh revalidates by commit and skips unchanged models. Files are written atomically (QSaveFile), so a
// failed or cancelled refresh never leaves a half-written entry and the previous good one stays.
//   <dir>/facts/<org>__<name>.json   {"commits": {"<repo>": "<sha>"}, "facts": {...}}
//   <dir>/repos/<org>--<name>/<sha>/<path>   downloaded text files (cards, configs) by repo and commit
class HubCache final
{
public:
    explicit HubCache(QString dir) : m_dir(std::move(dir)) {}
    // Where the refresh cache lives unless --cache-dir or the settings name another: ~/.cache/MemSpec/memspec/hub
    // on Linux, for the CLI and the studio alike.
    static QString defaultDir();
    const QString &dir() const { return m_dir; }

    struct Entry
    {
        ModelFacts facts;
        QHash<QString, QString> commits;   // repo (lower case) -> sha
    };

    Result<Entry> load(const QString &key) const;   // failure when absent or unreadable
    Result<Done> store(const ModelFacts &facts, const QHash<QString, QString> &commits) const;

    QByteArray textFile(const QString &repo, const QString &commit, const QString &path) const;   // empty if absent
    void storeTextFile(const QString &repo, const QString &commit, const QString &path, const QByteArray &bytes) const;

    QString factsPath(const QString &key) const;

    // Overlays every cached model onto a snapshot (what `memspec estimate` uses after a refresh). Returns how many.
    int overlay(const Registry &registry, FactsSnapshot *facts) const;

private:
    QString m_dir;
};

// An existing Hugging Face cache (HF_HUB_CACHE), read-only: <dir>/models--org--name/{refs,snapshots}/…
class HfCache final
{
public:
    explicit HfCache(QString dir) : m_dir(std::move(dir)) {}
    // The local file for repo/revision/path when the cache holds it (revision: branch, tag or 40-hex commit).
    QString localPath(const QString &repo, const QString &revision, const QString &path) const;
    QString commitFor(const QString &repo, const QString &revision) const;

private:
    QString m_dir;
};

} // namespace memspec
