// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

// One memory option of one GPU from the bundled catalog (resources/gpus.json).
//
// Capacity: what the driver reports for the device, in MiB (`reportedMib`, nvidia-smi memory.total: H100 80GB =
// 81,559 MiB), with its source, where the catalog knows it. The nominal marketing size ("80 GB", copied from the
// Hugging Face hardware list) is a label; a device without a reported figure falls back to it read as printed, in
// decimal units (DESIGN §3): 80 GB = 80 × 10⁹ B = 76,293 MiB, rounded down, a lower bound. A measured figure for
// another board goes in as a custom capacity.
struct GpuModel
{
    QString vendor;        // NVIDIA | AMD | Intel | Apple
    QString name;          // "H100", "Jetson AGX Orin 64GB"
    QString kind;          // gpu | unified (Apple) | shared (AMD integrated)
    int memoryGb = 0;      // nominal, decimal GB: the label
    qint64 reportedMib = 0;   // what the driver reports, MiB; 0 when the catalog does not know it
    QString reportedSource;   // "nvidia-smi memory.total on H100 80GB HBM3 (SXM5 and PCIe)"

    QString label() const;            // "H100 80GB": name plus the memory option unless the name already says it
    qint64 nominalBytes() const { return qint64(memoryGb) * 1000 * 1000 * 1000; }
    qint64 nominalMib() const;        // floor(nominal bytes / 1024²)
    bool reported() const { return reportedMib > 0; }
    qint64 mib() const { return reported() ? reportedMib : nominalMib(); }   // the capacity budget and fit use
    double gib() const;               // mib() / 1024
};

class GpuCatalog final
{
public:
    // The catalog compiled into the core (:/memspec/gpus.json).
    static Result<GpuCatalog> bundled();
    // A gpus.json file; a failure is also logged (memspec.budget), since the studio's views fall back to no catalog.
    static Result<GpuCatalog> fromFile(const QString &path);
    // Parses the gpus.json format; `origin` names the input in error messages.
    static Result<GpuCatalog> fromJson(const QByteArray &json, const QString &origin);

    const QList<GpuModel> &gpus() const { return m_gpus; }
    const QString &source() const { return m_source; }

    // Finds a GPU by label, ignoring case, spaces and punctuation ("h100-80gb" finds "H100 80GB"). A bare name
    // ("H100") matches when it has exactly one memory option. The error lists close matches.
    Result<GpuModel> find(const QString &name) const;
    // Up to `max` labels closest to `name` (substring matches first, then by edit distance).
    QStringList closeMatches(const QString &name, int max = 5) const;

private:
    QList<GpuModel> m_gpus;
    QString m_source;
};

} // namespace memspec
