// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "project.h"

#include "app/review/projectjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

namespace {
QJsonArray entriesToJson(const QList<RegistryEntry> &entries)
{
    Registry r;
    for (const RegistryEntry &e : entries) {
        r = r.withEntry(e);
    }
    return QJsonDocument::fromJson(r.toJson()).object().value(QLatin1String("models")).toArray();
}
} // namespace

Result<Project> Project::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        return Result<Project>::failure(
            QStringLiteral("%1: not a project file: broken JSON at byte %2: %3 (the file may be truncated)")
                .arg(origin)
                .arg(perr.offset)
                .arg(perr.errorString()));
    }
    if (!doc.isObject()) {
        return Result<Project>::failure(
            QStringLiteral("%1: not a project file: the top level must be a JSON object").arg(origin));
    }
    QJsonObject root = doc.object();
    const QJsonValue version = root.value(QLatin1String("schema_version"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt())) {
        return Result<Project>::failure(
            QStringLiteral("%1: not a project file: field \"schema_version\" must be a whole number").arg(origin));
    }
    const int v = version.toInt();
    ProjectJsonReader reader{origin, {}};
    bool migrated = false;
    if (v == 1) {
        root = migrateV1(root, reader);
        migrated = true;
    } else if (v > kSchemaVersion) {
        return Result<Project>::failure(
            QStringLiteral("%1: schema_version %2 is newer than this build of MemSpec reads (up to %3); "
                           "open it with a newer MemSpec")
                .arg(origin)
                .arg(v)
                .arg(kSchemaVersion));
    } else if (v != kSchemaVersion) {
        return Result<Project>::failure(QStringLiteral("%1: unknown schema_version %2 (this build reads 1 to %3)")
                                            .arg(origin)
                                            .arg(v)
                                            .arg(kSchemaVersion));
    }
    if (!reader.error.isEmpty()) {
        return Result<Project>::failure(reader.error);
    }
    const QString format = root.value(QLatin1String("format")).toString();
    if (format != QLatin1String("memspec-project")) {
        return Result<Project>::failure(QStringLiteral("%1: field \"format\" must be \"memspec-project\"").arg(origin));
    }
    Project p;
    reader.registry(root.value(QLatin1String("registry")), &p);
    const QJsonObject models = reader.object(root, QString(), "models", false);
    for (auto it = models.begin(); it != models.end() && reader.error.isEmpty(); ++it) {
        if (!it.key().contains(QLatin1Char('/'))) {
            reader.fail(QStringLiteral("models.") + it.key(), QStringLiteral("is not a registry key \"org/name\""));
            break;
        }
        p.models.insert(it.key(), reader.record(it.value(), QStringLiteral("models.") + it.key()));
    }
    p.audit = reader.audit(root.value(QLatin1String("audit")));
    if (!reader.error.isEmpty()) {
        return Result<Project>::failure(reader.error);
    }
    for (int i = 0; i < p.audit.size(); ++i) {
        if (p.audit.at(i).seq != i + 1) {
            return Result<Project>::failure(
                QStringLiteral("%1: field \"audit[%2].seq\" must be %3: the audit trail is append-only")
                    .arg(origin)
                    .arg(i)
                    .arg(i + 1));
        }
    }
    if (migrated) {
        QDateTime now = QDateTime::currentDateTimeUtc();
        now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
        p.log(now, QString(), QStringLiteral("migrate"), QString(),
              {{QStringLiteral("from"), v}, {QStringLiteral("to"), kSchemaVersion}});
    }
    return p;
}

QByteArray Project::toJson() const
{
    QJsonObject registry{{QStringLiteral("base"), registryBase}};
    if (!upsert.isEmpty()) {
        registry.insert(QStringLiteral("upsert"), entriesToJson(upsert));
    }
    if (!remove.isEmpty()) {
        registry.insert(QStringLiteral("remove"), QJsonArray::fromStringList(remove));
    }
    QJsonObject modelsJson;
    for (auto it = models.begin(); it != models.end(); ++it) {
        const ModelRecord &r = it.value();
        if (r.isEmpty()) {
            continue;
        }
        QJsonObject m;
        if (!r.parameters.toJson().isEmpty()) {
            m.insert(QStringLiteral("parameters"), r.parameters.toJson());
        }
        if (r.override) {
            m.insert(QStringLiteral("override"), overrideToJson(*r.override));
        }
        if (r.signOff) {
            m.insert(QStringLiteral("sign_off"), signOffToJson(*r.signOff));
        }
        modelsJson.insert(it.key(), m);
    }
    QJsonArray auditJson;
    for (const AuditEvent &e : audit) {
        auditJson.append(auditToJson(e));
    }
    // QJsonObject keeps keys sorted, so the same project always serialises to the same bytes.
    const QJsonObject root{{QStringLiteral("format"), QStringLiteral("memspec-project")},
                           {QStringLiteral("schema_version"), kSchemaVersion},
                           {QStringLiteral("registry"), registry},
                           {QStringLiteral("models"), modelsJson},
                           {QStringLiteral("audit"), auditJson}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Registry Project::registry(const Registry &bundled) const
{
    Registry r = registryBase == QLatin1String("none") ? Registry{} : bundled;
    for (const QString &key : remove) {
        r = r.withoutEntry(key);
    }
    for (const RegistryEntry &e : upsert) {
        r = r.withEntry(e);
    }
    return r;
}

void Project::log(const QDateTime &when, const QString &who, const QString &action, const QString &model,
                  const QJsonObject &detail)
{
    audit << AuditEvent{qint64(audit.size()) + 1, when.toUTC(), who, action, model, detail};
}

bool Project::sameState(const Project &other) const
{
    return withAudit({}).toJson() == other.withAudit({}).toJson();
}

Project Project::withAudit(const QList<AuditEvent> &history) const
{
    Project p = *this;
    p.audit = history;
    return p;
}

} // namespace memspec
