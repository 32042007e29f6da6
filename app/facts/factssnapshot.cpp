// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "factssnapshot.h"

#include "app/registry/registry.h"

#include <QDir>
#include <QFile>
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
    const QJsonObject o = doc.object();
    ModelFacts f;
    f.key = o.value(QLatin1String("key")).toString();
    if (f.key.isEmpty()) {
        return Result<ModelFacts>::failure(QStringLiteral("%1: field \"key\" is missing").arg(origin));
    }
    f.origin = QStringLiteral("bundled snapshot (%1)").arg(o.value(QLatin1String("factsFile")).toString(origin));
    f.revision = o.value(QLatin1String("revision")).toString();
    const QJsonValue gated = o.value(QLatin1String("gated"));
    if (gated.isBool()) {
        f.gated = gated.toBool();
    }
    f.storedDtype = o.value(QLatin1String("storedDtype")).toString();
    f.config = o.value(QLatin1String("config")).toObject();
    f.configSource = o.value(QLatin1String("configSource")).toString();
    f.components = o.value(QLatin1String("components")).toObject();
    f.gguf = o.value(QLatin1String("gguf")).toObject();
    f.cardStatements = o.value(QLatin1String("cardStatements")).toArray();
    for (const QJsonValue &s : o.value(QLatin1String("sources")).toArray()) {
        if (s.isString()) {
            f.sources << s.toString();
        }
    }
    int i = 0;
    for (const QJsonValue &v : o.value(QLatin1String("files")).toArray()) {
        const QJsonObject fo = v.toObject();
        FileFact ff;
        ff.path = fo.value(QLatin1String("path")).toString();
        if (ff.path.isEmpty()) {
            return Result<ModelFacts>::failure(QStringLiteral("%1: files[%2]: field \"path\" is missing").arg(origin).arg(i));
        }
        const QJsonValue size = fo.value(QLatin1String("size"));
        if (size.isDouble()) {
            if (size.toDouble() < 0) {
                return Result<ModelFacts>::failure(QStringLiteral("%1: files[%2] (%3): negative size").arg(origin).arg(i).arg(ff.path));
            }
            ff.size = qint64(size.toDouble());
        }
        ff.exact = fo.value(QLatin1String("exact")).toBool();
        ff.source = fo.value(QLatin1String("source")).toString();
        f.files << ff;
        ++i;
    }
    return f;
}

Result<FactsSnapshot> FactsSnapshot::load(const Registry &registry, const QString &dir)
{
    FactsSnapshot snap;
    for (const RegistryEntry &e : registry.entries()) {
        const QString path = QDir(dir).filePath(fileNameFor(e.key));
        QFile file(path);
        if (!file.exists()) {
            continue;   // a model added by the user has no bundled facts until it is refreshed
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
