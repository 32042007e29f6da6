// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QString>

namespace memspec {

// Replaces a file atomically: the bytes go to a temporary file in the same folder, are flushed to disk, and the
// temporary file is renamed over the target, so readers see the old or the new bytes, never a mix. Unlike
// QSaveFile, the replaced file keeps its permission bits (a 0444 file stays 0444) and, where allowed, its owner;
// a new file gets 0666 minus the umask. A symlink at the path is replaced through: the file it points to is the
// one written (callers that must not write through links check first). Only regular files are replaced.
//
// Two steps, so several files can be staged before the first one is replaced:
//   AtomicFile f(path); f.stage(bytes); …; f.commit();   (the destructor removes an uncommitted temporary)
class AtomicFile final
{
public:
    explicit AtomicFile(QString path);
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    const QString &path() const { return m_path; }
    Result<Done> stage(const QByteArray &bytes);
    Result<Done> commit();
    void cancel();

    // stage + commit.
    static Result<Done> write(const QString &path, const QByteArray &bytes);

private:
    QString m_path;   // as given
    QString m_target; // the file really replaced (symlinks resolved)
    QString m_temp;   // staged temporary, empty when none
};

} // namespace memspec
