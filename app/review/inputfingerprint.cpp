// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "inputfingerprint.h"

#include "app/estimate/estimate.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace memspec {

namespace {

QString show(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return QStringLiteral("(default)");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    case QJsonValue::Double:
        return v.toDouble() == double(v.toInteger()) ? QString::number(v.toInteger()) : QString::number(v.toDouble());
    case QJsonValue::String:
        return v.toString().isEmpty() ? QStringLiteral("(unknown)") : v.toString();
    default:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
}

QString parameterLabel(const QString &key)
{
    static const QMap<QString, QString> labels{{QStringLiteral("kv_type"), QStringLiteral("KV type")},
                                               {QStringLiteral("compute_dtype"), QStringLiteral("compute dtype")},
                                               {QStringLiteral("flash_attention"), QStringLiteral("flash attention")},
                                               {QStringLiteral("margin_pct"), QStringLiteral("margin %")}};
    return labels.value(key, key);
}

QMap<QString, QJsonValue> filesByName(const QJsonObject &inputs)
{
    QMap<QString, QJsonValue> out;
    for (const QJsonValue &f : inputs.value(QLatin1String("files")).toArray()) {
        const QJsonObject o = f.toObject();
        out.insert(o.value(QLatin1String("repo")).toString() + QLatin1Char(':') +
                       o.value(QLatin1String("path")).toString(),
                   o.value(QLatin1String("size")));
    }
    return out;
}

} // namespace

QJsonObject InputFingerprint::inputs(const RegistryEntry &entry, const ModelFacts *facts, const Estimate &estimate,
                                     qint64 valueMib)
{
    QJsonArray files;
    for (const WeightComponent &c : entry.components) {
        for (const QString &path : c.files) {
            QJsonValue size = QJsonValue::Null;
            if (facts) {
                if (const WeightHeaderFact *h = facts->header(c.repo, path); h && h->fileSize > 0) {
                    size = h->fileSize;
                } else if (const FileFact *f = facts->file(path); f && f->size) {
                    size = *f->size;
                }
            }
            files.append(QJsonObject{
                {QStringLiteral("repo"), c.repo}, {QStringLiteral("path"), path}, {QStringLiteral("size"), size}});
        }
    }
    QJsonObject params = estimate.parameters.toJson();
    return {{QStringLiteral("model"), entry.key},
            {QStringLiteral("repo_commit"), facts ? facts->revision : QString()},
            {QStringLiteral("files"), files},
            {QStringLiteral("estimator_version"), estimate.estimatorVersion},
            {QStringLiteral("runtime"), estimate.parameters.runtime},
            {QStringLiteral("device"), estimate.parameters.device},
            {QStringLiteral("parameters"), params},
            {QStringLiteral("value_mib"), valueMib}};
}

QString InputFingerprint::hash(const QJsonObject &inputs)
{
    const QByteArray bytes = QJsonDocument(inputs).toJson(QJsonDocument::Compact);
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QStringList InputFingerprint::differences(const QJsonObject &was, const QJsonObject &now)
{
    QStringList out;
    auto field = [&](const char *name, const QString &label) {
        const QJsonValue a = was.value(QLatin1String(name));
        const QJsonValue b = now.value(QLatin1String(name));
        if (a != b) {
            out << QStringLiteral("%1 %2 → %3").arg(label, show(a), show(b));
        }
    };
    field("model", QStringLiteral("model"));
    field("repo_commit", QStringLiteral("repo commit"));

    const QMap<QString, QJsonValue> filesWas = filesByName(was);
    const QMap<QString, QJsonValue> filesNow = filesByName(now);
    for (auto it = filesWas.begin(); it != filesWas.end(); ++it) {
        if (!filesNow.contains(it.key())) {
            out << QStringLiteral("file %1 is no longer loaded").arg(it.key());
        } else if (filesNow.value(it.key()) != it.value()) {
            out << QStringLiteral("file %1 changed size %2 → %3 bytes")
                       .arg(it.key(), show(it.value()), show(filesNow.value(it.key())));
        }
    }
    for (auto it = filesNow.begin(); it != filesNow.end(); ++it) {
        if (!filesWas.contains(it.key())) {
            out << QStringLiteral("file %1 was added").arg(it.key());
        }
    }

    field("estimator_version", QStringLiteral("estimator"));
    field("runtime", QStringLiteral("runtime"));
    field("device", QStringLiteral("device"));

    const QJsonObject pWas = was.value(QLatin1String("parameters")).toObject();
    const QJsonObject pNow = now.value(QLatin1String("parameters")).toObject();
    QStringList keys = pWas.keys() + pNow.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &k : keys) {
        if (k == QLatin1String("runtime") || k == QLatin1String("device")) {
            continue; // reported above
        }
        if (pWas.value(k) != pNow.value(k)) {
            out << QStringLiteral("%1 changed %2 → %3")
                       .arg(parameterLabel(k), show(pWas.value(k)), show(pNow.value(k)));
        }
    }
    if (was.value(QLatin1String("value_mib")) != now.value(QLatin1String("value_mib"))) {
        out << QStringLiteral("value changed %1 → %2 MiB")
                   .arg(show(was.value(QLatin1String("value_mib"))), show(now.value(QLatin1String("value_mib"))));
    }
    // Anything else the fingerprint covers (a newer schema of inputs) still makes the sign-off stale.
    if (out.isEmpty() && was != now) {
        out << QStringLiteral("the recorded inputs differ from the current ones");
    }
    return out;
}

} // namespace memspec
