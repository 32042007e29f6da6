// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "units.h"

#include <QLocale>

namespace memspec {

qint64 ceilMib(qint64 bytes)
{
    if (bytes <= 0) {
        return 0;
    }
    return (bytes + MiB - 1) / MiB;
}

qint64 roundUpMib100(qint64 bytes)
{
    const qint64 mib = ceilMib(bytes);
    return ((mib + 99) / 100) * 100;
}

QString groupDigits(qint64 value)
{
    QString digits = QString::number(value < 0 ? -value : value);
    for (int i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, QLatin1Char(','));
    }
    return value < 0 ? QLatin1Char('-') + digits : digits;
}

QString formatMib(qint64 bytes)
{
    const double mib = double(bytes) / double(MiB);
    if (mib >= 100 || mib == qint64(mib)) {
        return groupDigits(qRound64(mib)) + QStringLiteral(" MiB");
    }
    return QString::number(mib, 'f', 1) + QStringLiteral(" MiB");
}

QString formatBytes(qint64 bytes)
{
    if (bytes < KiB) {
        return QString::number(bytes) + QStringLiteral(" B");
    }
    if (bytes < MiB) {
        return QString::number(double(bytes) / double(KiB), 'f', 1) + QStringLiteral(" KiB");
    }
    if (bytes < 10 * GiB) {
        return formatMib(bytes);
    }
    return QString::number(double(bytes) / double(GiB), 'f', 2) + QStringLiteral(" GiB");
}

} // namespace memspec
