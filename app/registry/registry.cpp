// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "registry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace memspec {

namespace {

constexpr int kSchema = 1;

struct EntryParser
{
    QString origin;
    int index = 0;
    QString key;
    QString error;

    QString where(const QString &field) const
    {
        const QString who =
            key.isEmpty() ? QStringLiteral("entry %1").arg(index) : QStringLiteral("entry %1 (%2)").arg(index).arg(key);
        return QStringLiteral("%1: %2: field \"%3\"").arg(origin, who, field);
    }

    QString str(const QJsonObject &o, const char *field, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(field));
        if (v.isUndefined() || v.isNull()) {
            if (required && error.isEmpty()) {
                error = where(QLatin1String(field)) + QStringLiteral(" is missing");
            }
            return {};
        }
        if (!v.isString()) {
            if (error.isEmpty()) {
                error = where(QLatin1String(field)) + QStringLiteral(" must be a string");
            }
            return {};
        }
        if (required && v.toString().trimmed().isEmpty() && error.isEmpty()) {
            error = where(QLatin1String(field)) + QStringLiteral(" is empty");
        }
        return v.toString();
    }

    QStringList strList(const QJsonObject &o, const char *field, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(field));
        if (v.isUndefined()) {
            if (required && error.isEmpty()) {
                error = where(QLatin1String(field)) + QStringLiteral(" is missing");
            }
            return {};
        }
        QStringList out;
        if (!v.isArray()) {
            if (error.isEmpty()) {
                error = where(QLatin1String(field)) + QStringLiteral(" must be an array of strings");
            }
            return {};
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString()) {
                if (error.isEmpty()) {
                    error = where(QLatin1String(field)) + QStringLiteral(" must be an array of strings");
                }
                return {};
            }
            out << item.toString();
        }
        return out;
    }

    WeightComponent component(const QJsonValue &value, int ci)
    {
        WeightComponent c;
        const QString field = QStringLiteral("components[%1]").arg(ci);
        if (!value.isObject()) {
            error = where(field) + QStringLiteral(" must be an object");
            return c;
        }
        const QJsonObject o = value.toObject();
        c.id = str(o, "id");
        c.repo = str(o, "repo");
        c.files = strList(o, "files", true);
        c.format = str(o, "format");
        c.role = str(o, "role");
        c.phase = str(o, "phase", false);
        c.index = str(o, "index", false);
        const QJsonObject dtype = o.value(QLatin1String("dtype")).toObject();
        c.dtypeCuda = dtype.value(QLatin1String("cuda")).toString();
        c.dtypeCpu = dtype.value(QLatin1String("cpu")).toString();
        if (error.isEmpty() && c.files.isEmpty()) {
            error = where(field + QStringLiteral(".files")) + QStringLiteral(" is empty");
        }
        if (error.isEmpty() && c.format != QLatin1String("safetensors") && c.format != QLatin1String("gguf")) {
            error = where(field + QStringLiteral(".format")) +
                    QStringLiteral(" must be \"safetensors\" or \"gguf\", not \"%1\"").arg(c.format);
        }
        if (error.isEmpty() && (c.dtypeCuda.isEmpty() || c.dtypeCpu.isEmpty())) {
            error = where(field + QStringLiteral(".dtype")) + QStringLiteral(" needs \"cuda\" and \"cpu\"");
        }
        return c;
    }

    RegistryEntry entry(const QJsonObject &o)
    {
        RegistryEntry e;
        e.key = str(o, "key");
        key = e.key;
        if (!error.isEmpty()) {
            return e;
        }
        if (!e.key.contains(QLatin1Char('/')) || e.key.count(QLatin1Char('/')) != 1) {
            error = where(QStringLiteral("key")) + QStringLiteral(" must be a Hub repo id \"org/name\"");
            return e;
        }
        e.shortName = str(o, "short");
        e.name = str(o, "name");
        const QString cap = str(o, "capability");
        if (error.isEmpty() && !capabilityFromId(cap, &e.capability)) {
            error = where(QStringLiteral("capability")) + QStringLiteral(" has unknown value \"%1\"").arg(cap);
        }
        e.provider = str(o, "provider", false);
        e.aliases = strList(o, "aliases", false);
        e.kind = str(o, "kind");
        e.runtime = str(o, "runtime");
        e.quantization = str(o, "quantization");
        e.docFile = str(o, "doc");
        e.sourceFile = str(o, "source");
        e.serving = o.value(QLatin1String("serving")).toObject();
        const QJsonValue comps = o.value(QLatin1String("components"));
        if (error.isEmpty() && (!comps.isArray() || comps.toArray().isEmpty())) {
            error = where(QStringLiteral("components")) + QStringLiteral(" must be a non-empty array");
        }
        int ci = 0;
        for (const QJsonValue &c : comps.toArray()) {
            if (!error.isEmpty()) {
                break;
            }
            e.components << component(c, ci++);
        }
        if (error.isEmpty() && (e.docFile.contains(QLatin1Char('/')) || e.docFile.contains(QLatin1String("..")))) {
            error = where(QStringLiteral("doc")) + QStringLiteral(" must be a plain file name");
        }
        return e;
    }
};

QJsonObject componentToJson(const WeightComponent &c)
{
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("repo"), c.repo},
                  {QStringLiteral("files"), QJsonArray::fromStringList(c.files)},
                  {QStringLiteral("format"), c.format},
                  {QStringLiteral("dtype"),
                   QJsonObject{{QStringLiteral("cuda"), c.dtypeCuda}, {QStringLiteral("cpu"), c.dtypeCpu}}},
                  {QStringLiteral("role"), c.role}};
    if (!c.phase.isEmpty()) {
        o.insert(QStringLiteral("phase"), c.phase);
    }
    if (!c.index.isEmpty()) {
        o.insert(QStringLiteral("index"), c.index);
    }
    return o;
}

} // namespace

Result<Registry> Registry::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        return Result<Registry>::failure(
            QStringLiteral("%1: broken JSON at byte %2: %3").arg(origin).arg(perr.offset).arg(perr.errorString()));
    }
    if (!doc.isObject()) {
        return Result<Registry>::failure(QStringLiteral("%1: the registry must be a JSON object").arg(origin));
    }
    const QJsonObject root = doc.object();
    const int schema = root.value(QLatin1String("schema")).toInt(-1);
    if (schema != kSchema) {
        return Result<Registry>::failure(QStringLiteral("%1: field \"schema\" must be %2").arg(origin).arg(kSchema));
    }
    const QJsonValue models = root.value(QLatin1String("models"));
    if (!models.isArray()) {
        return Result<Registry>::failure(QStringLiteral("%1: field \"models\" must be an array").arg(origin));
    }
    Registry reg;
    QSet<QString> seen;
    int index = 0;
    for (const QJsonValue &v : models.toArray()) {
        EntryParser p{origin, index, {}, {}};
        if (!v.isObject()) {
            return Result<Registry>::failure(QStringLiteral("%1: entry %2 must be an object").arg(origin).arg(index));
        }
        RegistryEntry e = p.entry(v.toObject());
        if (!p.error.isEmpty()) {
            return Result<Registry>::failure(p.error);
        }
        QStringList names = e.aliases;
        names << e.key << e.shortName;
        for (const QString &n : names) {
            if (seen.contains(n.toLower())) {
                return Result<Registry>::failure(p.where(QStringLiteral("key")) +
                                                 QStringLiteral(": duplicate key or alias \"%1\"").arg(n));
            }
            seen.insert(n.toLower());
        }
        reg.m_entries << e;
        ++index;
    }
    return reg;
}

Result<Registry> Registry::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Result<Registry>::failure(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    }
    return fromJson(f.readAll(), path);
}

Registry Registry::bundled()
{
    auto r = fromFile(QStringLiteral(":/memspec/registry.json"));
    Q_ASSERT_X(r.ok(), "Registry::bundled", qPrintable(r.error()));
    return r.ok() ? r.value() : Registry{};
}

QByteArray Registry::toJson() const
{
    QJsonArray models;
    for (const RegistryEntry &e : m_entries) {
        QJsonArray comps;
        for (const WeightComponent &c : e.components) {
            comps.append(componentToJson(c));
        }
        models.append(QJsonObject{{QStringLiteral("key"), e.key},
                                  {QStringLiteral("short"), e.shortName},
                                  {QStringLiteral("name"), e.name},
                                  {QStringLiteral("capability"), capabilityId(e.capability)},
                                  {QStringLiteral("provider"), e.provider},
                                  {QStringLiteral("aliases"), QJsonArray::fromStringList(e.aliases)},
                                  {QStringLiteral("kind"), e.kind},
                                  {QStringLiteral("runtime"), e.runtime},
                                  {QStringLiteral("components"), comps},
                                  {QStringLiteral("serving"), e.serving},
                                  {QStringLiteral("quantization"), e.quantization},
                                  {QStringLiteral("doc"), e.docFile},
                                  {QStringLiteral("source"), e.sourceFile}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("schema"), kSchema}, {QStringLiteral("models"), models}})
        .toJson(QJsonDocument::Indented);
}

const RegistryEntry *Registry::find(const QString &keyOrAlias) const
{
    for (const RegistryEntry &e : m_entries) {
        if (e.matches(keyOrAlias)) {
            return &e;
        }
    }
    return nullptr;
}

Registry Registry::withEntry(const RegistryEntry &entry) const
{
    Registry r = *this;
    for (RegistryEntry &e : r.m_entries) {
        if (e.key == entry.key) {
            e = entry;
            return r;
        }
    }
    r.m_entries << entry;
    return r;
}

Registry Registry::withoutEntry(const QString &key) const
{
    Registry r = *this;
    r.m_entries.removeIf([&](const RegistryEntry &e) { return e.key == key; });
    return r;
}

} // namespace memspec
