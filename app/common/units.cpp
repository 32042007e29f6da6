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
        return groupDigits(qint64(mib + 0.5)) + QStringLiteral(" MiB");
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

double bytesPerElement(const QString &dtypeIn)
{
    const QString d = dtypeIn.toUpper();
    struct Entry
    {
        const char *name;
        double bytes;
    };
    // Block quants: bytes per block / elements per block (ggml type table, reference/hub-and-formats.md §7.3).
    static const Entry table[] = {
        {"F64", 8},           {"I64", 8},          {"F32", 4},          {"I32", 4},          {"U32", 4},
        {"F16", 2},           {"BF16", 2},         {"I16", 2},          {"U16", 2},          {"F8_E4M3", 1},
        {"F8_E5M2", 1},       {"F8_E4M3FN", 1},    {"F8_E8M0", 1},      {"I8", 1},           {"U8", 1},
        {"BOOL", 1},          {"Q4_0", 18.0 / 32}, {"Q4_1", 20.0 / 32}, {"Q5_0", 22.0 / 32}, {"Q5_1", 24.0 / 32},
        {"Q8_0", 34.0 / 32},  {"Q8_1", 36.0 / 32}, {"Q2_K", 84.0 / 256}, {"Q3_K", 110.0 / 256},
        {"Q4_K", 144.0 / 256}, {"Q5_K", 176.0 / 256}, {"Q6_K", 210.0 / 256}, {"Q8_K", 292.0 / 256},
    };
    for (const auto &e : table) {
        if (d == QLatin1String(e.name)) {
            return e.bytes;
        }
    }
    if (d == QLatin1String("FLOAT32")) {
        return 4;
    }
    if (d == QLatin1String("FLOAT16")) {
        return 2;
    }
    if (d == QLatin1String("BFLOAT16")) {
        return 2;
    }
    return -1;
}

} // namespace memspec
