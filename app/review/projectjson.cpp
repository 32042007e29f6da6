// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "projectjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

void ProjectJsonReader::fail(const QString &path, const QString &what)
{
    if (error.isEmpty()) {
        error = QStringLiteral("%1: field \"%2\" %3").arg(origin, path, what);
    }
}

QString ProjectJsonReader::str(const QJsonObject &o, const QString &path, const char *field, bool required)
{
    const QJsonValue v = o.value(QLatin1String(field));
    const QString where =
        path.isEmpty() ? QString(QLatin1String(field)) : QString(path + QLatin1Char('.') + QLatin1String(field));
    if (v.isUndefined() || v.isNull()) {
        if (required) {
            fail(where, QStringLiteral("is missing"));
        }
        return {};
    }
    if (!v.isString()) {
        fail(where, QStringLiteral("must be a string"));
        return {};
    }
    if (required && v.toString().trimmed().isEmpty()) {
        fail(where, QStringLiteral("is empty"));
    }
    return v.toString();
}

qint64 ProjectJsonReader::integer(const QJsonObject &o, const QString &path, const char *field, qint64 min, qint64 max)
{
    const QJsonValue v = o.value(QLatin1String(field));
    const QString where = path + QLatin1Char('.') + QLatin1String(field);
    if (v.isUndefined()) {
        fail(where, QStringLiteral("is missing"));
        return 0;
    }
    const double d = v.toDouble(-1e300);
    if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
        fail(where, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
        return 0;
    }
    return qint64(d);
}

QDateTime ProjectJsonReader::time(const QJsonObject &o, const QString &path, const char *field)
{
    const QString s = str(o, path, field, true);
    if (!error.isEmpty()) {
        return {};
    }
    QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid()) {
        fail(path + QLatin1Char('.') + QLatin1String(field),
             QStringLiteral("must be an ISO 8601 time, not \"%1\"").arg(s));
    }
    return t.toUTC();
}

QJsonObject ProjectJsonReader::object(const QJsonObject &o, const QString &path, const char *field, bool required)
{
    const QJsonValue v = o.value(QLatin1String(field));
    const QString where =
        path.isEmpty() ? QString(QLatin1String(field)) : QString(path + QLatin1Char('.') + QLatin1String(field));
    if (v.isUndefined() && !required) {
        return {};
    }
    if (!v.isObject()) {
        fail(where, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("must be an object"));
        return {};
    }
    return v.toObject();
}

std::optional<Override> ProjectJsonReader::override(const QJsonValue &v, const QString &path)
{
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    Override ov;
    ov.mib = integer(o, path, "mib", 1, qint64(1) << 40);
    ov.reason = str(o, path, "reason", true);
    ov.who = str(o, path, "who", true);
    ov.when = time(o, path, "when");
    return ov;
}

std::optional<SignOff> ProjectJsonReader::signOff(const QJsonValue &v, const QString &path, const char *mibField)
{
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    SignOff s;
    s.reviewer = str(o, path, "reviewer", true);
    s.when = time(o, path, "when");
    s.approvedMib = integer(o, path, mibField, 0, qint64(1) << 40);
    s.fingerprint = str(o, path, "fingerprint", true);
    s.inputs = object(o, path, "inputs", true);
    return s;
}

ModelRecord ProjectJsonReader::record(const QJsonValue &v, const QString &path)
{
    ModelRecord r;
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return r;
    }
    const QJsonObject o = v.toObject();
    const QJsonObject params = object(o, path, "parameters", false);
    if (error.isEmpty()) {
        auto p = EstimateParams::fromJson(params);
        if (!p) {
            fail(path + QStringLiteral(".parameters"), QStringLiteral("is invalid: %1").arg(p.error()));
        } else {
            r.parameters = p.value();
        }
    }
    r.override = override(o.value(QLatin1String("override")), path + QStringLiteral(".override"));
    r.signOff = signOff(o.value(QLatin1String("sign_off")), path + QStringLiteral(".sign_off"), "approved_mib");
    return r;
}

QList<AuditEvent> ProjectJsonReader::audit(const QJsonValue &v)
{
    QList<AuditEvent> out;
    if (v.isUndefined()) {
        return out;
    }
    if (!v.isArray()) {
        fail(QStringLiteral("audit"), QStringLiteral("must be an array"));
        return out;
    }
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size() && error.isEmpty(); ++i) {
        const QString path = QStringLiteral("audit[%1]").arg(i);
        if (!a.at(i).isObject()) {
            fail(path, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject o = a.at(i).toObject();
        AuditEvent e;
        e.seq = integer(o, path, "seq", 1, qint64(1) << 50);
        e.when = time(o, path, "when");
        e.who = str(o, path, "who", false);
        e.action = str(o, path, "action", true);
        e.model = str(o, path, "model", false);
        e.detail = object(o, path, "detail", false);
        out << e;
    }
    return out;
}

void ProjectJsonReader::registry(const QJsonValue &v, Project *p)
{
    if (v.isUndefined()) {
        return; // bundled, unedited
    }
    if (!v.isObject()) {
        fail(QStringLiteral("registry"), QStringLiteral("must be an object"));
        return;
    }
    const QJsonObject o = v.toObject();
    p->registryBase = str(o, QStringLiteral("registry"), "base", true);
    if (error.isEmpty() && p->registryBase != QLatin1String("bundled") && p->registryBase != QLatin1String("none")) {
        fail(QStringLiteral("registry.base"),
             QStringLiteral("must be \"bundled\" or \"none\", not \"%1\"").arg(p->registryBase));
    }
    const QJsonValue remove = o.value(QLatin1String("remove"));
    if (!remove.isUndefined()) {
        if (!remove.isArray()) {
            fail(QStringLiteral("registry.remove"), QStringLiteral("must be an array of registry keys"));
        }
        for (const QJsonValue &k : remove.toArray()) {
            if (!k.isString()) {
                fail(QStringLiteral("registry.remove"), QStringLiteral("must be an array of registry keys"));
                break;
            }
            p->remove << k.toString();
        }
    }
    const QJsonValue upsert = o.value(QLatin1String("upsert"));
    if (upsert.isUndefined() || !error.isEmpty()) {
        return;
    }
    if (!upsert.isArray()) {
        fail(QStringLiteral("registry.upsert"), QStringLiteral("must be an array of registry entries"));
        return;
    }
    // Reuse the registry's own validation, so a bad entry is reported exactly as in a registry file.
    const QJsonObject wrapped{{QStringLiteral("schema"), 1}, {QStringLiteral("models"), upsert}};
    auto reg = Registry::fromJson(QJsonDocument(wrapped).toJson(QJsonDocument::Compact),
                                  origin + QStringLiteral(": registry.upsert"));
    if (!reg) {
        if (error.isEmpty()) {
            error = reg.error();
        }
        return;
    }
    p->upsert = reg->entries();
}

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject overrideToJson(const Override &o)
{
    return {{QStringLiteral("mib"), o.mib},
            {QStringLiteral("reason"), o.reason},
            {QStringLiteral("who"), o.who},
            {QStringLiteral("when"), isoTime(o.when)}};
}

QJsonObject signOffToJson(const SignOff &s)
{
    return {{QStringLiteral("reviewer"), s.reviewer},
            {QStringLiteral("when"), isoTime(s.when)},
            {QStringLiteral("approved_mib"), s.approvedMib},
            {QStringLiteral("fingerprint"), s.fingerprint},
            {QStringLiteral("inputs"), s.inputs}};
}

QJsonObject auditToJson(const AuditEvent &e)
{
    QJsonObject o{{QStringLiteral("seq"), e.seq},
                  {QStringLiteral("when"), isoTime(e.when)},
                  {QStringLiteral("action"), e.action}};
    if (!e.who.isEmpty()) {
        o.insert(QStringLiteral("who"), e.who);
    }
    if (!e.model.isEmpty()) {
        o.insert(QStringLiteral("model"), e.model);
    }
    if (!e.detail.isEmpty()) {
        o.insert(QStringLiteral("detail"), e.detail);
    }
    return o;
}

QJsonObject migrateV1(const QJsonObject &v1, ProjectJsonReader &reader)
{
    QJsonObject models;
    auto section = [&](const char *name) { return reader.object(v1, QString(), name, false); };
    const QJsonObject params = section("parameters");
    const QJsonObject overrides = section("overrides");
    const QJsonObject approvals = section("approvals");
    if (!reader.error.isEmpty()) {
        return {};
    }
    auto model = [&](const QString &key) { return models.value(key).toObject(); };
    for (auto it = params.begin(); it != params.end(); ++it) {
        QJsonObject m = model(it.key());
        m.insert(QStringLiteral("parameters"), it.value());
        models.insert(it.key(), m);
    }
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        QJsonObject m = model(it.key());
        m.insert(QStringLiteral("override"), it.value());
        models.insert(it.key(), m);
    }
    for (auto it = approvals.begin(); it != approvals.end(); ++it) {
        // v1 called the approved value "mib"; v2 calls it "approved_mib".
        const QString path = QStringLiteral("approvals.") + it.key();
        if (!it.value().isObject()) {
            reader.fail(path, QStringLiteral("must be an object"));
            return {};
        }
        QJsonObject a = it.value().toObject();
        if (a.contains(QLatin1String("mib"))) {
            a.insert(QStringLiteral("approved_mib"), a.take(QLatin1String("mib")));
        }
        QJsonObject m = model(it.key());
        m.insert(QStringLiteral("sign_off"), a);
        models.insert(it.key(), m);
    }
    return {{QStringLiteral("format"), QStringLiteral("memspec-project")},
            {QStringLiteral("schema_version"), Project::kSchemaVersion},
            {QStringLiteral("registry"), QJsonObject{{QStringLiteral("base"), QStringLiteral("bundled")}}},
            {QStringLiteral("models"), models}};
}

} // namespace memspec
