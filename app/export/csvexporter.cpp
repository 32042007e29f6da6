// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "csvexporter.h"

#include "app/export/exporttext.h"

#include <QFileDevice>

namespace memspec {

QByteArray CsvExporter::field(const QString &value)
{
    QByteArray v = value.toUtf8();
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r') || v.startsWith(' ') ||
        v.endsWith(' ')) {
        v.replace('"', "\"\"");
        return '"' + v + '"';
    }
    return v;
}

QByteArray CsvExporter::render(const QList<ModelReview> &reviews)
{
    QByteArray out = "registry_key,name,capability,status,est_memory_allocation_mb,unit,prompt_limit,line,bytes,"
                     "derivation,sources\r\n";
    auto row = [&](const ModelReview &r, const QString &line, qint64 bytes, const QString &derivation,
                   const QString &sources) {
        const QStringList cells{r.entry.key,
                                r.entry.name,
                                capabilityId(r.entry.capability),
                                reviewStatusId(r.status),
                                QString::number(r.effectiveMib()),
                                QStringLiteral("MiB"),
                                QString::number(exporttext::promptLimitTokens(r)),
                                line,
                                QString::number(bytes),
                                derivation,
                                sources};
        QByteArrayList fields;
        for (const QString &c : cells) {
            fields << field(c);
        }
        out += fields.join(',') + "\r\n";
    };
    for (const ModelReview &r : reviews) {
        for (const EstimateLine &l : r.estimate.lines) {
            row(r, l.id, l.bytes, l.derivation, l.sources.join(QStringLiteral("; ")));
        }
        row(r, QStringLiteral("total"), r.estimate.totalBytes,
            QStringLiteral("sum of the lines; rounded up: %1 MiB").arg(r.estimate.estMib), r.estimate.basis);
    }
    return out;
}

Result<Done> CsvExporter::write(QIODevice *device, const QList<ModelReview> &reviews)
{
    auto *file = qobject_cast<QFileDevice *>(device);
    return exporttext::writeAll(device, render(reviews),
                                file ? file->fileName() : QStringLiteral("memory_breakdown.csv"));
}

} // namespace memspec
