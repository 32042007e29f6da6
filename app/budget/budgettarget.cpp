// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgettarget.h"

#include "app/common/units.h"

#include <QFile>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace memspec {

QString BudgetTarget::kindId() const
{
    switch (kind) {
    case Kind::Gpu:
        return QStringLiteral("gpu");
    case Kind::Custom:
        return QStringLiteral("custom");
    case Kind::HostRam:
        return QStringLiteral("host_ram");
    }
    return {};
}

QString BudgetTarget::describe() const
{
    const QString prefix = count > 1 ? QStringLiteral("%1 × ").arg(count) : QString();
    const QString each = count > 1 ? QStringLiteral(" each") : QString();
    const QString gib = QString::number(double(deviceMib) / 1024.0, 'f', 1);
    if (kind == Kind::Gpu && !capacitySource.isEmpty()) {
        return QStringLiteral("%1%2 (%3 MiB as the driver reports = %4 GiB%5)")
            .arg(prefix, label, groupDigits(deviceMib), gib, each);
    }
    if (kind == Kind::Gpu) {
        return QStringLiteral("%1%2 (%3 GB nominal = %4 MiB = %5 GiB%6)")
            .arg(prefix, label)
            .arg(nominalGb)
            .arg(groupDigits(deviceMib), gib, each);
    }
    return QStringLiteral("%1%2 (%3 MiB = %4 GiB%5)").arg(prefix, label, groupDigits(deviceMib), gib, each);
}

QJsonObject BudgetTarget::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kindId()},
                  {QStringLiteral("name"), label},
                  {QStringLiteral("device_mib"), deviceMib},
                  {QStringLiteral("count"), count},
                  {QStringLiteral("description"), describe()}};
    if (kind == Kind::Gpu) {
        o.insert(QStringLiteral("nominal_gb"), nominalGb);
        o.insert(QStringLiteral("nominal_unit"), QStringLiteral("GB = 10^9 B"));
        o.insert(QStringLiteral("capacity_source"),
                 capacitySource.isEmpty()
                     ? QStringLiteral("nominal GB read as 10^9 B (no reported figure in the catalog)")
                     : capacitySource);
    }
    return o;
}

BudgetTarget BudgetTarget::gpu(const GpuModel &gpu, int count)
{
    return BudgetTarget{Kind::Gpu, gpu.label(), gpu.mib(), count, gpu.memoryGb, gpu.reportedSource};
}

BudgetTarget BudgetTarget::custom(qint64 mib, int count)
{
    return BudgetTarget{Kind::Custom, QStringLiteral("custom"), mib, count, 0, QString()};
}

Result<BudgetTarget> BudgetTarget::fromOptions(const QString &gpu, qint64 capacityMib, int count)
{
    if (capacityMib >= 0) {
        return custom(capacityMib, count);
    }
    const QString g = gpu.trimmed().toLower();
    if (g == QLatin1String("host") || g == QLatin1String("host-ram") || g == QLatin1String("host ram")) {
        auto host = hostRam();
        if (host) {
            host.value().count = count;
        }
        return host;
    }
    auto catalog = GpuCatalog::bundled();
    if (!catalog) {
        return Result<BudgetTarget>::failure(catalog.error());
    }
    auto found = catalog->find(gpu);
    if (!found) {
        return Result<BudgetTarget>::failure(found.error() +
                                             QStringLiteral(" (memspec budget --list-gpus lists them)"));
    }
    return BudgetTarget::gpu(found.value(), count);
}

Result<qint64> BudgetTarget::memTotalMibFromMeminfo(const QByteArray &meminfo)
{
    for (const QByteArray &line : meminfo.split('\n')) {
        if (!line.startsWith("MemTotal:")) {
            continue;
        }
        const QList<QByteArray> parts = line.mid(9).simplified().split(' ');
        bool ok = false;
        const qint64 kib = parts.value(0).toLongLong(&ok);
        if (!ok || kib <= 0 || parts.value(1) != "kB") {
            return Result<qint64>::failure(QStringLiteral("/proc/meminfo: unreadable MemTotal line"));
        }
        return kib / 1024;
    }
    return Result<qint64>::failure(QStringLiteral("/proc/meminfo: no MemTotal line"));
}

Result<BudgetTarget> BudgetTarget::hostRam()
{
    qint64 mib = 0;
    QFile f(QStringLiteral("/proc/meminfo"));
    if (f.open(QIODevice::ReadOnly)) {
        const auto parsed = memTotalMibFromMeminfo(f.readAll());
        if (parsed) {
            mib = parsed.value();
        }
    }
#if defined(Q_OS_UNIX) && defined(_SC_PHYS_PAGES)
    if (mib <= 0) {
        const long pages = sysconf(_SC_PHYS_PAGES);
        const long pageSize = sysconf(_SC_PAGE_SIZE);
        if (pages > 0 && pageSize > 0) {
            mib = qint64(pages) * qint64(pageSize) / MiB;
        }
    }
#endif
    if (mib <= 0) {
        return Result<BudgetTarget>::failure(QStringLiteral("cannot read this machine's total RAM"));
    }
    return BudgetTarget{Kind::HostRam, QStringLiteral("host RAM"), mib, 1, 0, QString()};
}

} // namespace memspec
