// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/budget/gpucatalog.h"
#include "app/common/result.h"

#include <QJsonObject>
#include <QString>

namespace memspec {

// What the models must fit into: `count` identical devices of `deviceMib` each (a catalog GPU, a custom size), or
// this machine's host RAM (what the pool measures today: total RAM from the OS divided by 1024²).
struct BudgetTarget
{
    enum class Kind { Gpu, Custom, HostRam };

    Kind kind = Kind::Custom;
    QString label;          // "H100 80GB", "custom", "host RAM"
    qint64 deviceMib = 0;   // one device, MiB
    int count = 1;          // identical devices; the pool rule is applied to their sum
    int nominalGb = 0;      // catalog GPUs only: the size as the list prints it (decimal GB), a label
    QString capacitySource; // catalog GPUs: where deviceMib comes from ("nvidia-smi memory.total on …"); empty:
                            // the nominal size read as decimal GB

    qint64 capacityMib() const { return deviceMib * count; }
    QString kindId() const; // gpu | custom | host_ram
    // "2 × H100 80GB (81,559 MiB as the driver reports = 79.6 GiB each)", or for a catalog GPU without a
    // reported figure "RTX 4080 (16 GB nominal = 15,258 MiB = 14.9 GiB)"
    QString describe() const;
    QJsonObject toJson() const;

    static BudgetTarget gpu(const GpuModel &gpu, int count = 1);
    static BudgetTarget custom(qint64 mib, int count = 1);
    // What `--gpu NAME` / `--capacity-mib N` with `--count N` name on the command line: a custom capacity when
    // capacityMib ≥ 0, else "host" (this machine's RAM) or a catalog GPU; the error lists close matches.
    static Result<BudgetTarget> fromOptions(const QString &gpu, qint64 capacityMib, int count);
    // Total RAM of this machine (Linux: MemTotal of /proc/meminfo; elsewhere the physical page count).
    static Result<BudgetTarget> hostRam();
    // Parses a /proc/meminfo text; MemTotal is in kB, which the kernel means as KiB.
    static Result<qint64> memTotalMibFromMeminfo(const QByteArray &meminfo);

    static constexpr int kMaxCount = 1024;
    static constexpr qint64 kMaxDeviceMib = qint64(1) << 40; // 1 EiB: beyond any machine, keeps sums in range
};

} // namespace memspec
