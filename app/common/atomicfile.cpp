// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "atomicfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace memspec {

namespace {

QString sysError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

AtomicFile::AtomicFile(QString path) : m_path(std::move(path)) {}

AtomicFile::~AtomicFile()
{
    cancel();
}

void AtomicFile::cancel()
{
    if (!m_temp.isEmpty()) {
        ::unlink(QFile::encodeName(m_temp).constData());
        m_temp.clear();
    }
}

Result<Done> AtomicFile::stage(const QByteArray &bytes)
{
    cancel();
    const QFileInfo given(m_path);
    m_target = !given.isSymLink()                     ? given.absoluteFilePath()
               : !given.canonicalFilePath().isEmpty() ? given.canonicalFilePath()
                                                      : given.symLinkTarget(); // a dangling link: create its target
    if (m_target.isEmpty()) {
        return Result<Done>::failure(QStringLiteral("%1: cannot resolve the symbolic link").arg(m_path));
    }
    const QByteArray target = QFile::encodeName(m_target);
    struct stat st = {};
    const bool exists = ::stat(target.constData(), &st) == 0;
    if (!exists && errno != ENOENT) {
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(m_path, sysError(errno)));
    }
    if (exists && !S_ISREG(st.st_mode)) {
        return Result<Done>::failure(QStringLiteral("%1: not a regular file; refusing to replace it").arg(m_path));
    }
    const QFileInfo targetInfo(m_target);
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        m_temp = targetInfo.absolutePath() + QStringLiteral("/.") + targetInfo.fileName() +
                 QStringLiteral(".memspec-") +
                 QString::number(QRandomGenerator::global()->generate64() & 0xffffffffffULL, 36);
        // 0600 while an existing file's mode is copied; 0666 (minus the umask) for a new file.
        fd = ::open(QFile::encodeName(m_temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                    exists ? 0600 : 0666);
        if (fd < 0 && errno != EEXIST) {
            break;
        }
    }
    if (fd < 0) {
        const int err = errno;
        m_temp.clear();
        return Result<Done>::failure(
            QStringLiteral("%1: cannot create a temporary file beside it: %2").arg(m_path, sysError(err)));
    }
    bool ok = writeAll(fd, bytes);
    int err = ok ? 0 : errno;
    if (ok && exists) {
        if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
            // Not allowed for another user's file: the group or owner becomes ours, the mode is still kept.
        }
        ok = ::fchmod(fd, st.st_mode & 07777) == 0;
        err = ok ? 0 : errno;
    }
    if (ok) {
        ok = ::fsync(fd) == 0;
        err = ok ? 0 : errno;
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        cancel();
        return Result<Done>::failure(QStringLiteral("%1: cannot write: %2").arg(m_path, sysError(err)));
    }
    return Done{};
}

Result<Done> AtomicFile::commit()
{
    if (m_temp.isEmpty()) {
        return Result<Done>::failure(QStringLiteral("%1: nothing staged to write").arg(m_path));
    }
    if (::rename(QFile::encodeName(m_temp).constData(), QFile::encodeName(m_target).constData()) != 0) {
        const int err = errno;
        cancel();
        return Result<Done>::failure(QStringLiteral("%1: cannot replace: %2").arg(m_path, sysError(err)));
    }
    m_temp.clear();
    return Done{};
}

Result<Done> AtomicFile::write(const QString &path, const QByteArray &bytes)
{
    AtomicFile f(path);
    auto staged = f.stage(bytes);
    if (!staged) {
        return staged;
    }
    return f.commit();
}

} // namespace memspec
