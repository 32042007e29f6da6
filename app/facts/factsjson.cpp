// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "factsjson.h"

#include <QJsonArray>

namespace memspec {

namespace {

QJsonArray shapeJson(const QList<qint64> &shape)
{
    QJsonArray a;
    for (qint64 d : shape) {
        a << double(d);
    }
    return a;
}

} // namespace

QJsonObject FactsJson::toJson(const ModelFacts &f)
{
    QJsonArray files;
    for (const FileFact &ff : f.files) {
        QJsonObject o{{QStringLiteral("path"), ff.path},
                      {QStringLiteral("exact"), ff.exact},
                      {QStringLiteral("source"), ff.source}};
        o.insert(QStringLiteral("size"), ff.size ? QJsonValue(double(*ff.size)) : QJsonValue());
        files << o;
    }
    QJsonArray headers;
    for (const WeightHeaderFact &h : f.headers) {
        QJsonArray tensors;
        for (const TensorFact &t : h.tensors) {
            tensors << QJsonArray{t.name, t.dtype, shapeJson(t.shape), double(t.elements), double(t.bytes)};
        }
        headers << QJsonObject{{QStringLiteral("repo"), h.repo},
                               {QStringLiteral("path"), h.path},
                               {QStringLiteral("format"), h.format},
                               {QStringLiteral("fileSize"), double(h.fileSize)},
                               {QStringLiteral("headerBytes"), double(h.headerBytes)},
                               {QStringLiteral("metadata"), h.metadata},
                               {QStringLiteral("tensors"), tensors}};
    }
    QJsonObject o{{QStringLiteral("key"), f.key},
                  {QStringLiteral("origin"), f.origin},
                  {QStringLiteral("revision"), f.revision},
                  {QStringLiteral("storedDtype"), f.storedDtype},
                  {QStringLiteral("config"), f.config},
                  {QStringLiteral("configSource"), f.configSource},
                  {QStringLiteral("components"), f.components},
                  {QStringLiteral("gguf"), f.gguf},
                  {QStringLiteral("files"), files},
                  {QStringLiteral("cardStatements"), f.cardStatements},
                  {QStringLiteral("sources"), QJsonArray::fromStringList(f.sources)},
                  {QStringLiteral("headers"), headers},
                  {QStringLiteral("card"), QString::fromUtf8(f.card)},
                  {QStringLiteral("extraConfigs"), f.extraConfigs}};
    if (f.gated) {
        o.insert(QStringLiteral("gated"), *f.gated);
    }
    return o;
}

Result<ModelFacts> FactsJson::fromJson(const QJsonObject &o, const QString &origin)
{
    ModelFacts f;
    f.key = o.value(QLatin1String("key")).toString();
    if (f.key.isEmpty()) {
        return Result<ModelFacts>::failure(QStringLiteral("%1: field \"key\" is missing").arg(origin));
    }
    f.origin = o.value(QLatin1String("origin")).toString();
    f.revision = o.value(QLatin1String("revision")).toString();
    if (o.value(QLatin1String("gated")).isBool()) {
        f.gated = o.value(QLatin1String("gated")).toBool();
    }
    f.storedDtype = o.value(QLatin1String("storedDtype")).toString();
    f.config = o.value(QLatin1String("config")).toObject();
    f.configSource = o.value(QLatin1String("configSource")).toString();
    f.components = o.value(QLatin1String("components")).toObject();
    f.gguf = o.value(QLatin1String("gguf")).toObject();
    f.cardStatements = o.value(QLatin1String("cardStatements")).toArray();
    for (const QJsonValue &s : o.value(QLatin1String("sources")).toArray()) {
        f.sources << s.toString();
    }
    int index = 0;
    for (const QJsonValue &v : o.value(QLatin1String("files")).toArray()) {
        const QJsonObject fo = v.toObject();
        FileFact ff;
        ff.path = fo.value(QLatin1String("path")).toString();
        if (ff.path.isEmpty()) {
            return Result<ModelFacts>::failure(
                QStringLiteral("%1: files[%2]: field \"path\" is missing").arg(origin).arg(index));
        }
        if (fo.value(QLatin1String("size")).isDouble()) {
            const double size = fo.value(QLatin1String("size")).toDouble();
            if (size < 0) {
                return Result<ModelFacts>::failure(
                    QStringLiteral("%1: files[%2] (%3): negative size").arg(origin).arg(index).arg(ff.path));
            }
            ff.size = qint64(size);
        }
        ++index;
        ff.exact = fo.value(QLatin1String("exact")).toBool();
        ff.source = fo.value(QLatin1String("source")).toString();
        f.files << ff;
    }
    for (const QJsonValue &v : o.value(QLatin1String("headers")).toArray()) {
        const QJsonObject ho = v.toObject();
        WeightHeaderFact h;
        h.repo = ho.value(QLatin1String("repo")).toString();
        h.path = ho.value(QLatin1String("path")).toString();
        h.format = ho.value(QLatin1String("format")).toString();
        h.fileSize = qint64(ho.value(QLatin1String("fileSize")).toDouble());
        h.headerBytes = qint64(ho.value(QLatin1String("headerBytes")).toDouble());
        h.metadata = ho.value(QLatin1String("metadata")).toObject();
        for (const QJsonValue &tv : ho.value(QLatin1String("tensors")).toArray()) {
            const QJsonArray ta = tv.toArray();
            TensorFact t;
            t.name = ta.at(0).toString();
            t.dtype = ta.at(1).toString();
            for (const QJsonValue &d : ta.at(2).toArray()) {
                t.shape << qint64(d.toDouble());
            }
            t.elements = qint64(ta.at(3).toDouble());
            t.bytes = qint64(ta.at(4).toDouble());
            h.tensors << t;
        }
        f.headers << h;
    }
    f.card = o.value(QLatin1String("card")).toString().toUtf8();
    f.extraConfigs = o.value(QLatin1String("extraConfigs")).toObject();
    return f;
}

} // namespace memspec
