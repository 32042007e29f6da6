// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/project.h"

#include <QJsonObject>
#include <QString>

namespace memspec {

// Field-level JSON readers for the project file. Each records the first error, naming the field's path.
struct ProjectJsonReader
{
    QString origin;
    QString error;

    void fail(const QString &path, const QString &what);
    QString str(const QJsonObject &o, const QString &path, const char *field, bool required);
    qint64 integer(const QJsonObject &o, const QString &path, const char *field, qint64 min, qint64 max);
    QDateTime time(const QJsonObject &o, const QString &path, const char *field);
    QJsonObject object(const QJsonObject &o, const QString &path, const char *field, bool required);

    std::optional<Override> override(const QJsonValue &v, const QString &path);
    std::optional<SignOff> signOff(const QJsonValue &v, const QString &path, const char *mibField);
    ModelRecord record(const QJsonValue &v, const QString &path);
    QList<AuditEvent> audit(const QJsonValue &v);
    void registry(const QJsonValue &v, Project *p);
};

QJsonObject overrideToJson(const Override &o);
QJsonObject signOffToJson(const SignOff &s);
QJsonObject auditToJson(const AuditEvent &e);
QString isoTime(const QDateTime &t);

// Schema 1 (the first release: flat "parameters", "overrides" and "approvals" maps, no registry, no audit) to
// the current schema. Returns the migrated root object or sets reader.error.
QJsonObject migrateV1(const QJsonObject &v1, ProjectJsonReader &reader);

} // namespace memspec
