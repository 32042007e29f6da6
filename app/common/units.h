// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

namespace memspec {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 GiB = 1024 * MiB;

// est_memory_allocation_mb: the pool divides bytes by 1024², so the unit is MiB; rounded up to a multiple of 100.
qint64 roundUpMib100(qint64 bytes);
// Ceiling of bytes / MiB.
qint64 ceilMib(qint64 bytes);

// "896 MiB", "12.5 GiB", "3.2 MB": human formatting used by derivations and exports.
QString formatBytes(qint64 bytes);
QString formatMib(qint64 bytes);
// 1234567 -> "1,234,567"
QString groupDigits(qint64 value);

} // namespace memspec
