// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QString>

namespace memspec {

// The largest project file, `.rs` file or cache file the tools read (a real one is a few hundred KiB).
inline constexpr qint64 kMaxTextFileBytes = 32LL * 1024 * 1024;

// Reads a whole file that must be a regular file: FIFOs, sockets and devices (also behind a symlink, e.g. one to
// /dev/zero) are refused without blocking, because the file is opened non-blocking and checked with fstat on the
// opened descriptor before the first read. Files larger than maxBytes are refused (also when one grows while it is
// read). Errors name the path. `missing` (optional) is set when the file does not exist, so callers can treat an
// absent file as empty without a second, racy existence check.
Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes = kMaxTextFileBytes, bool *missing = nullptr);

// What sits at `path` without following a final symlink: true when nothing, or a regular file, is there.
// `what` (optional) receives "a FIFO", "a directory", "a symbolic link", … for messages.
bool isAbsentOrRegular(const QString &path, QString *what = nullptr);

} // namespace memspec
