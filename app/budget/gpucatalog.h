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
// Unit: the catalog copies the Hugging Face hardware list, whose sizes are nominal marketing gigabytes. MemSpec
// reads them as printed, in decimal units (DESIGN §3: "read in the unit printed"): 80 GB = 80 × 10⁹ B = 76,293 MiB
// (74.5 GiB), rounded down to whole MiB. Physical HBM/GDDR is sized in GiB and drivers report a little less than
// that, so this reading is a lower bound on what the device offers; a measured figure goes in as a custom capacity.
struct GpuModel
{
    QString vendor;     // NVIDIA | AMD | Intel | Apple
    QString name;       // "H100", "Jetson AGX Orin 64GB"
    QString kind;       // gpu | unified (Apple) | shared (AMD integrated)
    int memoryGb = 0;   // nominal, decimal GB

    QString label() const;            // "H100 80GB": name plus the memory option unless the name already says it
    qint64 bytes() const { return qint64(memoryGb) * 1000 * 1000 * 1000; }
    qint64 mib() const;               // floor(bytes / 1024²)
    double gib() const;               // bytes / 1024³
};

class GpuCatalog final
{
public:
    // The catalog compiled into the core (:/memspec/gpus.json).
    static Result<GpuCatalog> bundled();
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
