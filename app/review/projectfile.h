// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/project.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QLockFile;

namespace memspec {

// A project on disk: atomic saves (AtomicFile, keeping the file's mode), refusal to overwrite a file someone else
// changed since we read or wrote it, a lock (QLockFile "<file>.lock") so two writers cannot share a project, and a
// recovery file for unsaved work (under AppLocalDataLocation/recovery unless a folder is given).
class ProjectFile final
{
public:
    explicit ProjectFile(const QString &path, QString recoveryDir = {});
    ~ProjectFile();
    ProjectFile(const ProjectFile &) = delete;
    ProjectFile &operator=(const ProjectFile &) = delete;

    const QString &path() const { return m_path; }

    // Takes the lock. Fails naming the holder's pid and host when another process holds it, and refuses a lock path
    // that is not a regular file (a FIFO, a directory). Stale locks of dead processes are taken over at once; a lock
    // that names no process (empty, garbage, pid 0) once it has stayed so for kUnreadableLockGraceMs (this call
    // waits at most that long), with lockNotice() saying so.
    Result<Done> lock();
    // What lock() had to do that the user should hear about (a stale unreadable lock replaced); empty otherwise.
    const QString &lockNotice() const { return m_lockNotice; }
    static constexpr int kUnreadableLockGraceMs = 5000;
    void unlock();
    bool isLocked() const;

    // Reads the project (a regular file of at most 32 MiB: a FIFO, a device or a huge file is refused without blocking
    // or reading it); a missing file is a new, empty project. Remembers the bytes to detect outside changes.
    Result<Project> load();
    // Parses without touching any state (used by tests and `status` on a read-only file).
    static Result<Project> read(const QString &path);

    enum class SaveMode { RefuseExternalChange, Overwrite };
    // Atomic: the file holds the old or the new bytes, never a mix. By default refuses when the file changed on
    // disk since load()/save() ("never silently clobber"). On success removes the recovery file.
    Result<Done> save(const Project &project, SaveMode mode = SaveMode::RefuseExternalChange);
    // True when the file's bytes differ from what this object last read or wrote (including created/deleted).
    bool changedOnDisk() const;

    QString recoveryPath() const;
    bool hasRecovery() const;
    Result<Done> writeRecovery(const Project &project);
    Result<Project> loadRecovery() const;
    void discardRecovery();

private:
    QString m_path;
    QString m_recoveryDir;
    bool m_known = false;   // load() or save() ran
    bool m_existed = false; // the file existed at that time
    QByteArray m_hash;      // sha256 of its bytes then
    std::unique_ptr<QLockFile> m_lock;
    QString m_lockNotice;
};

} // namespace memspec
