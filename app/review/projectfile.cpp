// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "projectfile.h"

#include "app/common/atomicfile.h"
#include "app/common/regularfile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QThread>

namespace memspec {

namespace {

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// A lock file QLockFile writes is a pid, an app name and a host name: far below this. A larger one is not ours and
// is not read (QLockFile would read it whole).
constexpr qint64 kMaxLockBytes = 64 * 1024;

Result<Done> writeAtomically(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Result<Done>::failure(QStringLiteral("%1: cannot create folder %2").arg(path, info.absolutePath()));
    }
    return AtomicFile::write(path, bytes); // keeps the file's mode (a 0444 project stays 0444)
}

} // namespace

ProjectFile::ProjectFile(const QString &path, QString recoveryDir)
    : m_path(QFileInfo(path).absoluteFilePath()), m_recoveryDir(std::move(recoveryDir))
{
    if (m_recoveryDir.isEmpty()) {
        m_recoveryDir =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery");
    }
}

ProjectFile::~ProjectFile() = default;

Result<Done> ProjectFile::lock()
{
    m_lockNotice.clear();
    if (isLocked()) {
        return Done{};
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QString lockPath = m_path + QStringLiteral(".lock");
    auto lock = std::make_unique<QLockFile>(lockPath);
    lock->setStaleLockTime(0); // a lock is stale only when its process is gone, however long it was held
    // A lock that names no process (empty, garbage, pid 0: left by a crash between create and write, or by another
    // tool) is watched for this long (measured from its last change): a live writer fills its lock at once.
    QDeadlineTimer watch(kUnreadableLockGraceMs);
    for (int removed = 0;;) {
        QString what;
        if (!isAbsentOrRegular(lockPath, &what)) {
            return Result<Done>::failure(
                QStringLiteral("%1: is %2, not a lock file; remove it to write %3 (nothing was written)")
                    .arg(lockPath, what, m_path));
        }
        const QFileInfo info(lockPath);
        if (!info.exists() || info.size() <= kMaxLockBytes) {
            if (lock->tryLock(0)) {
                m_lock = std::move(lock);
                return Done{};
            }
            if (lock->error() != QLockFile::LockFailedError) {
                return Result<Done>::failure(QStringLiteral("%1: cannot create the lock file").arg(lockPath));
            }
            qint64 pid = 0;
            QString host;
            QString app;
            if (lock->getLockInfo(&pid, &host, &app) && pid > 0) {
                return Result<Done>::failure(
                    QStringLiteral("%1 is open for writing in another process (%2, pid %3 on %4); close it there first")
                        .arg(m_path, app.isEmpty() ? QStringLiteral("unknown program") : app)
                        .arg(pid)
                        .arg(host));
            }
        }
        const qint64 age = QFileInfo(lockPath).lastModified().msecsTo(QDateTime::currentDateTime());
        if (age >= kUnreadableLockGraceMs || watch.hasExpired()) {
            if (removed++ > 2 || (!QFile::remove(lockPath) && QFileInfo::exists(lockPath))) {
                return Result<Done>::failure(
                    QStringLiteral("%1: the lock file names no process and cannot be removed; remove it by hand")
                        .arg(lockPath));
            }
            m_lockNotice =
                QStringLiteral("%1: the lock file named no live process (empty or unreadable for %2 s); treated it as "
                               "stale and replaced it")
                    .arg(lockPath)
                    .arg(kUnreadableLockGraceMs / 1000);
            continue;
        }
        QThread::msleep(100);
    }
}

void ProjectFile::unlock()
{
    m_lock.reset();
}

bool ProjectFile::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

Result<Project> ProjectFile::read(const QString &path)
{
    bool missing = false;
    auto bytes = readRegularFile(path, kMaxTextFileBytes, &missing);
    if (missing) {
        return Project{};
    }
    if (!bytes) {
        return Result<Project>::failure(bytes.error());
    }
    return Project::fromJson(bytes.value(), path);
}

Result<Project> ProjectFile::load()
{
    bool missing = false;
    auto read = readRegularFile(m_path, kMaxTextFileBytes, &missing);
    if (missing) {
        m_known = true;
        m_existed = false;
        m_hash.clear();
        return Project{};
    }
    if (!read) {
        return Result<Project>::failure(read.error());
    }
    const QByteArray bytes = read.value();
    auto project = Project::fromJson(bytes, m_path);
    if (project) {
        m_known = true;
        m_existed = true;
        m_hash = sha256(bytes);
    }
    return project;
}

bool ProjectFile::changedOnDisk() const
{
    bool missing = false;
    auto now = readRegularFile(m_path, kMaxTextFileBytes, &missing);
    if (!m_known) {
        return !missing;
    }
    if (missing) {
        return m_existed;
    }
    if (!m_existed || !now) {
        return true; // created since, or no longer a readable regular file
    }
    return sha256(now.value()) != m_hash;
}

Result<Done> ProjectFile::save(const Project &project, SaveMode mode)
{
    if (mode == SaveMode::RefuseExternalChange && changedOnDisk()) {
        return Result<Done>::failure(
            QStringLiteral("%1 was changed by another program since it was opened; not overwriting it "
                           "(reload it, or save to another file)")
                .arg(m_path));
    }
    const QByteArray bytes = project.toJson();
    auto written = writeAtomically(m_path, bytes);
    if (!written) {
        return written;
    }
    m_known = true;
    m_existed = true;
    m_hash = sha256(bytes);
    discardRecovery();
    return Done{};
}

QString ProjectFile::recoveryPath() const
{
    const QByteArray id = QCryptographicHash::hash(m_path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return m_recoveryDir + QLatin1Char('/') + QFileInfo(m_path).completeBaseName() + QLatin1Char('-') +
           QString::fromLatin1(id) + QStringLiteral(".recovery.json");
}

bool ProjectFile::hasRecovery() const
{
    return QFile::exists(recoveryPath());
}

Result<Done> ProjectFile::writeRecovery(const Project &project)
{
    return writeAtomically(recoveryPath(), project.toJson());
}

Result<Project> ProjectFile::loadRecovery() const
{
    if (!hasRecovery()) {
        return Result<Project>::failure(QStringLiteral("%1: no recovery file for this project").arg(recoveryPath()));
    }
    return read(recoveryPath());
}

void ProjectFile::discardRecovery()
{
    QFile::remove(recoveryPath());
}

} // namespace memspec
