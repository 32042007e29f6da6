// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "projectfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace memspec {

namespace {

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

Result<Done> writeAtomically(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Result<Done>::failure(QStringLiteral("%1: cannot create folder %2").arg(path, info.absolutePath()));
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(path, out.errorString()));
    }
    if (out.write(bytes) != bytes.size()) {
        out.cancelWriting();
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(path, out.errorString()));
    }
    if (!out.commit()) {
        return Result<Done>::failure(QStringLiteral("%1: cannot save: %2").arg(path, out.errorString()));
    }
    return Done{};
}

} // namespace

ProjectFile::ProjectFile(QString path, QString recoveryDir)
    : m_path(QFileInfo(path).absoluteFilePath()), m_recoveryDir(std::move(recoveryDir))
{
    if (m_recoveryDir.isEmpty()) {
        m_recoveryDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery");
    }
}

ProjectFile::~ProjectFile() = default;

Result<Done> ProjectFile::lock()
{
    if (isLocked()) {
        return Done{};
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    auto lock = std::make_unique<QLockFile>(m_path + QStringLiteral(".lock"));
    lock->setStaleLockTime(0);   // a lock is stale only when its process is gone, however long it was held
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return Done{};
    }
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString app;
        lock->getLockInfo(&pid, &host, &app);
        return Result<Done>::failure(QStringLiteral("%1 is open for writing in another process (%2, pid %3 on %4); close it there first")
                                         .arg(m_path, app.isEmpty() ? QStringLiteral("unknown program") : app)
                                         .arg(pid)
                                         .arg(host));
    }
    return Result<Done>::failure(QStringLiteral("%1.lock: cannot create the lock file").arg(m_path));
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
    QFile f(path);
    if (!f.exists()) {
        return Project{};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return Result<Project>::failure(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    }
    return Project::fromJson(f.readAll(), path);
}

Result<Project> ProjectFile::load()
{
    QFile f(m_path);
    if (!f.exists()) {
        m_known = true;
        m_existed = false;
        m_hash.clear();
        return Project{};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return Result<Project>::failure(QStringLiteral("%1: cannot read: %2").arg(m_path, f.errorString()));
    }
    const QByteArray bytes = f.readAll();
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
    QFile f(m_path);
    if (!m_known) {
        return f.exists();
    }
    if (!f.exists()) {
        return m_existed;
    }
    if (!m_existed || !f.open(QIODevice::ReadOnly)) {
        return true;
    }
    return sha256(f.readAll()) != m_hash;
}

Result<Done> ProjectFile::save(const Project &project, SaveMode mode)
{
    if (mode == SaveMode::RefuseExternalChange && changedOnDisk()) {
        return Result<Done>::failure(QStringLiteral("%1 was changed by another program since it was opened; not overwriting it "
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
    return m_recoveryDir + QLatin1Char('/') + QFileInfo(m_path).completeBaseName() + QLatin1Char('-') + QString::fromLatin1(id)
           + QStringLiteral(".recovery.json");
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
