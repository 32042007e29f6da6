// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/estimate/estimateparams.h"
#include "app/registry/registry.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace memspec {

// One entry of the append-only audit trail.
struct AuditEvent
{
    qint64 seq = 0;        // 1, 2, 3, ... in file order
    QDateTime when;
    QString who;
    QString action;        // set_parameters | set_override | clear_override | fit_envelope | sign_off | revoke |
                           // registry_upsert | registry_remove | registry_replace | undo | redo | restore_recovery |
                           // migrate (docs/project-file.md)
    QString model;         // registry key, empty for project-wide events
    QJsonObject detail;    // before/after values, reason, ...
};

// What the project records about one model. Parameters hold only what the reviewer set (unset = default).
struct ModelRecord
{
    EstimateParams parameters;
    std::optional<Override> override;
    std::optional<SignOff> signOff;
    bool isEmpty() const { return parameters.toJson().isEmpty() && !override && !signOff; }
};

// The review record shared by the studio and the CLI (docs/project-file.md). Immutable-style value: the
// operations in Workspace return a new Project; the undo commands swap whole Projects.
struct Project
{
    static constexpr int kSchemaVersion = 2;

    // Registry in use: "bundled" (the bundled registry plus the edits below) or "none" (only `upsert`: a full
    // custom registry).
    QString registryBase = QStringLiteral("bundled");
    QList<RegistryEntry> upsert;   // added or edited entries, in order
    QStringList remove;            // keys removed from the base
    QMap<QString, ModelRecord> models;   // by registry key
    QList<AuditEvent> audit;

    // Parses any supported schema version (older ones are migrated). Errors name the origin and the field.
    static Result<Project> fromJson(const QByteArray &json, const QString &origin);
    // Stable output: object keys sorted, arrays in order, Qt's four-space indent, trailing newline.
    QByteArray toJson() const;

    // The registry this project uses, given the bundled one.
    Registry registry(const Registry &bundled) const;
    ModelRecord record(const QString &key) const { return models.value(key); }

    // Appends an audit event with the next sequence number.
    void log(const QDateTime &when, const QString &who, const QString &action, const QString &model,
             const QJsonObject &detail = {});
    // Everything but the audit trail equals `other`'s (undo/redo compare states, never history).
    bool sameState(const Project &other) const;
    // This project's state with `history` as its audit trail.
    Project withAudit(const QList<AuditEvent> &history) const;
};

} // namespace memspec
