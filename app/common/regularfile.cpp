// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "regularfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace memspec {

namespace {

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return QStringLiteral("a directory");
    }
    if (S_ISFIFO(mode)) {
        return QStringLiteral("a FIFO (named pipe)");
    }
    if (S_ISCHR(mode)) {
        return QStringLiteral("a character device");
    }
    if (S_ISBLK(mode)) {
        return QStringLiteral("a block device");
    }
    if (S_ISSOCK(mode)) {
        return QStringLiteral("a socket");
    }
    if (S_ISLNK(mode)) {
        return QStringLiteral("a symbolic link");
    }
    return QStringLiteral("not a regular file");
}

QString sysError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// Closes the descriptor on every return path.
struct Fd
{
    int fd;
    ~Fd()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, bool *missing)
{
    if (missing) {
        *missing = false;
    }
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    Fd f{::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (f.fd < 0) {
        const int err = errno;
        if (err == ENOENT && missing) {
            *missing = true;
        }
        return Result<QByteArray>::failure(QStringLiteral("%1: cannot read: %2").arg(path, sysError(err)));
    }
    struct stat st = {};
    if (::fstat(f.fd, &st) != 0) {
        return Result<QByteArray>::failure(QStringLiteral("%1: cannot read: %2").arg(path, sysError(errno)));
    }
    if (!S_ISREG(st.st_mode)) {
        return Result<QByteArray>::failure(
            QStringLiteral("%1: not a regular file (it is %2); refusing to read it").arg(path, kindOf(st.st_mode)));
    }
    if (st.st_size > maxBytes) {
        return Result<QByteArray>::failure(
            QStringLiteral("%1: %2 bytes, more than the %3 bytes allowed for this file; refusing to read it")
                .arg(path)
                .arg(qint64(st.st_size))
                .arg(maxBytes));
    }
    const int flags = ::fcntl(f.fd, F_GETFL);
    if (flags >= 0) {
        ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    QByteArray out;
    out.reserve(qsizetype(st.st_size));
    char buf[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Result<QByteArray>::failure(QStringLiteral("%1: cannot read: %2").arg(path, sysError(errno)));
        }
        if (n == 0) {
            break;
        }
        if (out.size() + n > maxBytes) {
            return Result<QByteArray>::failure(
                QStringLiteral("%1: grew past the %2 bytes allowed for this file while it was read; refusing it")
                    .arg(path)
                    .arg(maxBytes));
        }
        out.append(buf, qsizetype(n));
    }
    return out;
}

bool isAbsentOrRegular(const QString &path, QString *what)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        const int err = errno;
        if (err != ENOENT && what) {
            *what = sysError(err);
        }
        return err == ENOENT;
    }
    if (S_ISREG(st.st_mode)) {
        return true;
    }
    if (what) {
        *what = kindOf(st.st_mode);
    }
    return false;
}

} // namespace memspec
