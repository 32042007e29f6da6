// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "jsonexporter.h"

#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/export/exporttext.h"

#include <QFileDevice>
#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

QJsonObject JsonExporter::modelJson(const ModelReview &r)
{
    const Estimate &e = r.estimate;
    QJsonArray lines;
    for (const EstimateLine &l : e.lines) {
        lines.append(QJsonObject{{QStringLiteral("id"), l.id},
                                 {QStringLiteral("bytes"), l.bytes},
                                 {QStringLiteral("mib"), double(l.bytes) / double(MiB)},
                                 {QStringLiteral("derivation"), l.derivation},
                                 {QStringLiteral("sources"), QJsonArray::fromStringList(l.sources)}});
    }
    QJsonValue override;
    if (r.override) {
        override = QJsonObject{{QStringLiteral("mib"), r.override->mib},
                               {QStringLiteral("reason"), r.override->reason},
                               {QStringLiteral("who"), r.override->who},
                               {QStringLiteral("when"), r.override->when.toUTC().toString(Qt::ISODate)}};
    }
    QJsonValue signOff;
    if (r.signOff) {
        signOff = QJsonObject{{QStringLiteral("reviewer"), r.signOff->reviewer},
                              {QStringLiteral("when"), r.signOff->when.toUTC().toString(Qt::ISODate)},
                              {QStringLiteral("approved_mib"), r.signOff->approvedMib},
                              {QStringLiteral("fingerprint"), r.signOff->fingerprint}};
    }
    return QJsonObject{
        {QStringLiteral("registry_key"), r.entry.key},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(r.entry.aliases)},
        {QStringLiteral("name"), r.entry.name},
        {QStringLiteral("capability"), capabilityId(r.entry.capability)},
        {QStringLiteral("provider"), r.entry.provider},
        {QStringLiteral("quantization"), r.entry.quantization},
        {QStringLiteral("source_file"), r.entry.sourceFile},
        {QStringLiteral("doc_path"), r.entry.docPath()},
        {QStringLiteral("est_memory_allocation_mb"), r.effectiveMib()},
        {QStringLiteral("estimated_mib"), e.estMib},
        {QStringLiteral("prompt_limit"), exporttext::promptLimitTokens(r)},
        {QStringLiteral("host_ram_only"), exporttext::hostRamOnly(r.effectiveMib())},
        {QStringLiteral("envelope"), Envelope::of(r.entry, e).toJson()},
        {QStringLiteral("status"), reviewStatusId(r.status)},
        {QStringLiteral("status_label"), exporttext::statusLabel(r)},
        {QStringLiteral("status_reasons"), QJsonArray::fromStringList(r.statusReasons)},
        {QStringLiteral("approved"), r.approved()},
        {QStringLiteral("override"), override},
        {QStringLiteral("sign_off"), signOff},
        {QStringLiteral("estimate"),
         QJsonObject{{QStringLiteral("estimator_version"), e.estimatorVersion},
                     {QStringLiteral("runtime"), e.parameters.runtime},
                     {QStringLiteral("device"), e.parameters.device},
                     {QStringLiteral("parameters"), e.parameters.toJson()},
                     {QStringLiteral("basis"), e.basis},
                     {QStringLiteral("lines"), lines},
                     {QStringLiteral("total_bytes"), e.totalBytes},
                     {QStringLiteral("notes"), QJsonArray::fromStringList(e.notes)},
                     {QStringLiteral("rule_of_thumb"), QJsonObject{{QStringLiteral("bytes"), e.ruleOfThumbBytes},
                                                                   {QStringLiteral("derivation"), e.ruleOfThumb}}}}},
    };
}

QJsonObject JsonExporter::toJson(const QList<ModelReview> &reviews)
{
    QJsonArray models;
    qint64 total = 0;
    QJsonObject byCap;
    for (const ModelReview &r : reviews) {
        models.append(modelJson(r));
        total += r.effectiveMib();
        const QString cap = capabilityId(r.entry.capability);
        byCap.insert(cap, byCap.value(cap).toInteger() + r.effectiveMib());
    }
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("memspec-export/1")},
                       {QStringLiteral("unit"), QStringLiteral("MiB")},
                       {QStringLiteral("generator"), QStringLiteral("memspec " MEMSPEC_VERSION)},
                       {QStringLiteral("models"), models},
                       {QStringLiteral("totals"),
                        QJsonObject{{QStringLiteral("all_mib"), total}, {QStringLiteral("by_capability_mib"), byCap}}}};
}

Result<Done> JsonExporter::write(QIODevice *device, const QList<ModelReview> &reviews)
{
    auto *file = qobject_cast<QFileDevice *>(device);
    return exporttext::writeAll(device, QJsonDocument(toJson(reviews)).toJson(QJsonDocument::Indented),
                                file ? file->fileName() : QStringLiteral("memory_specs.json"));
}

} // namespace memspec
