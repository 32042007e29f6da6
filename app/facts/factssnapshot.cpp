// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "factssnapshot.h"

#include "app/facts/factsjson.h"
#include "app/registry/registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace memspec {

const FileFact *ModelFacts::file(const QString &path) const
{
    for (const FileFact &f : files) {
        if (f.path == path) {
            return &f;
        }
    }
    return nullptr;
}

const WeightHeaderFact *ModelFacts::header(const QString &repo, const QString &path) const
{
    for (const WeightHeaderFact &h : headers) {
        if (h.path == path && h.repo.compare(repo, Qt::CaseInsensitive) == 0) {
            return &h;
        }
    }
    return nullptr;
}

QString FactsSnapshot::fileNameFor(const QString &key)
{
    QString name = key;
    name.replace(QLatin1Char('/'), QLatin1String("__"));
    return name + QStringLiteral(".json");
}

Result<ModelFacts> FactsSnapshot::parse(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return Result<ModelFacts>::failure(
            QStringLiteral("%1: broken JSON at byte %2: %3").arg(origin).arg(perr.offset).arg(perr.errorString()));
    }
    // The snapshot is the same document a refresh caches, without headers or card; one reader serves both.
    auto facts = FactsJson::fromJson(doc.object(), origin);
    if (!facts) {
        return facts;
    }
    ModelFacts f = std::move(facts).value();
    // The snapshot file by its place in this repository (its factsFile names the research file it was built from,
    // which is not in the repository).
    f.origin = QStringLiteral("bundled snapshot (resources/snapshot/%1)").arg(QFileInfo(origin).fileName());
    return f;
}

Result<FactsSnapshot> FactsSnapshot::load(const Registry &registry, const QString &dir)
{
    FactsSnapshot snap;
    for (const RegistryEntry &e : registry.entries()) {
        const QString path = QDir(dir).filePath(fileNameFor(e.key));
        QFile file(path);
        if (!file.exists()) {
            continue; // a model added by the user has no bundled facts until it is refreshed
        }
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<FactsSnapshot>::failure(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        }
        auto facts = parse(file.readAll(), path);
        if (!facts) {
            return Result<FactsSnapshot>::failure(facts.error());
        }
        snap.insert(facts.value());
    }
    return snap;
}

const ModelFacts *FactsSnapshot::find(const QString &key) const
{
    auto it = m_facts.constFind(key.toLower());
    return it == m_facts.constEnd() ? nullptr : &it.value();
}

} // namespace memspec
