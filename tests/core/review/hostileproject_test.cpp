// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Hostile project files (issue 18, items 8, 14 and 15): special files where the project, its lock or a cache file
// should be, oversized files, garbage locks, read-only projects. The library is called in a worker thread and the
// CLI as a real process, so a call that blocks fails the test instead of hanging it.
#include "tests/core/review/savehelperproject.h"

#include "app/facts/hubcache.h"
#include "app/review/projectfile.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtConcurrent>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace memspec;

namespace {

class HostileProjectTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    QString path(const char *name = "p.json") const { return m_dir.filePath(QLatin1String(name)); }
    QString recovery() const { return m_dir.filePath(QStringLiteral("recovery")); }
    void makeFifo(const QString &p) const { ASSERT_EQ(::mkfifo(QFile::encodeName(p).constData(), 0644), 0); }

    // Runs f in a worker; a call still running after 10 s fails the test, and the FIFO (if any) gets a writer that
    // closes at once, so the blocked reader sees end-of-file and the test can finish.
    template<typename F>
    auto within(F f, const QString &fifo = {}) -> decltype(f())
    {
        auto future = QtConcurrent::run(std::move(f));
        for (int i = 0; i < 200 && !future.isFinished(); ++i) {
            QThread::msleep(50);
        }
        if (!future.isFinished()) {
            ADD_FAILURE() << "blocked for 10 s";
            if (!fifo.isEmpty()) {
                const int w = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
                if (w >= 0) {
                    ::close(w);
                }
            }
        }
        return future.result();
    }

    struct Run
    {
        bool finished = false;
        int code = -1;
        QByteArray err;
    };
    Run memspec(const QStringList &args) const
    {
        QProcess p;
        p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"), args);
        Run r;
        r.finished = p.waitForFinished(20000);
        if (!r.finished) {
            p.kill();
            p.waitForFinished();
        }
        r.code = p.exitCode();
        r.err = p.readAllStandardError();
        return r;
    }

    static void setAge(const QString &p, int seconds)
    {
        QFile f(p);
        ASSERT_TRUE(f.open(QIODevice::ReadWrite));
        ASSERT_TRUE(f.setFileTime(QDateTime::currentDateTime().addSecs(-seconds), QFileDevice::FileModificationTime));
    }

    QTemporaryDir m_dir;
};

} // namespace

// Item 8: a FIFO as the project file is refused at once (library and CLI), never waited on.
TEST_F(HostileProjectTest, FifoProjectIsRefusedWithoutBlocking)
{
    makeFifo(path());
    ProjectFile file(path(), recovery());
    auto loaded = within([&file]() { return file.load(); }, path());
    ASSERT_FALSE(loaded.ok());
    EXPECT_TRUE(loaded.error().contains(path() + QStringLiteral(": not a regular file (it is a FIFO")))
        << loaded.error().toStdString();
    EXPECT_FALSE(within([this]() { return ProjectFile::read(path()); }, path()).ok());

    const Run status =
        memspec({QStringLiteral("--offline"), QStringLiteral("--project"), path(), QStringLiteral("status")});
    if (!status.finished) {
        const int w = ::open(QFile::encodeName(path()).constData(), O_WRONLY | O_NONBLOCK);
        if (w >= 0) {
            ::close(w);
        }
    }
    ASSERT_TRUE(status.finished) << "memspec status blocked on a FIFO project";
    EXPECT_EQ(status.code, 1);
    EXPECT_TRUE(status.err.contains("not a regular file")) << status.err.toStdString();
}

// Item 8: a project that is a symlink to /dev/zero, or a file past the size cap, is refused without reading it.
TEST_F(HostileProjectTest, DevZeroSymlinkAndHugeProjectAreRefused)
{
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path()));
    ProjectFile zero(path(), recovery());
    auto z = within([&zero]() { return zero.load(); });
    ASSERT_FALSE(z.ok());
    EXPECT_TRUE(z.error().contains(QStringLiteral("it is a character device"))) << z.error().toStdString();
    EXPECT_FALSE(zero.save(test::savedProject(1)).ok()); // never writes through to the device
    EXPECT_TRUE(QFileInfo(path()).isSymLink());

    QFile huge(path("huge.json"));
    ASSERT_TRUE(huge.open(QIODevice::WriteOnly));
    ASSERT_TRUE(huge.resize(40LL * 1024 * 1024)); // sparse
    huge.close();
    ProjectFile big(path("huge.json"), recovery());
    auto b = within([&big]() { return big.load(); });
    ASSERT_FALSE(b.ok());
    EXPECT_TRUE(b.error().contains(QStringLiteral("41943040 bytes, more than the 33554432 bytes allowed")))
        << b.error().toStdString();
}

// Item 8: a FIFO planted as a refresh-cache file is skipped with an error, not read.
TEST_F(HostileProjectTest, FifoInTheRefreshCacheIsRefused)
{
    HubCache cache(m_dir.filePath(QStringLiteral("cache")));
    const QString key = QStringLiteral("org/model");
    ASSERT_TRUE(QDir().mkpath(QFileInfo(cache.factsPath(key)).absolutePath()));
    makeFifo(cache.factsPath(key));
    auto entry = within([&cache, key]() { return cache.load(key); }, cache.factsPath(key));
    ASSERT_FALSE(entry.ok());
    EXPECT_TRUE(entry.error().contains(QStringLiteral("not a regular file"))) << entry.error().toStdString();
}

// Item 15: an empty, garbage or pid-0 lock names no live process: it is stale once it has stayed so for ~5 s, and
// the notice names the file. A lock held by a live process still keeps a second writer out.
TEST_F(HostileProjectTest, UnreadableLockIsStaleAfterAShortCheck)
{
    const QString lockPath = path() + QStringLiteral(".lock");
    for (const QByteArray &garbage :
         {QByteArray(), QByteArray("garbage \x01\x02 not a lock"), QByteArray("0\nmemspec\nhost\n")}) {
        {
            QFile f(lockPath);
            ASSERT_TRUE(f.open(QIODevice::WriteOnly));
            f.write(garbage);
        }
        setAge(lockPath, 60); // left over from long ago
        ProjectFile file(path(), recovery());
        ASSERT_TRUE(file.load().ok());
        auto locked = within([&file]() { return file.lock(); });
        ASSERT_TRUE(locked.ok()) << locked.error().toStdString();
        EXPECT_TRUE(file.lockNotice().contains(lockPath + QStringLiteral(": the lock file named no live process")))
            << file.lockNotice().toStdString();
        EXPECT_TRUE(file.save(test::savedProject(1)).ok());
        file.unlock();
    }

    // A fresh empty lock (a writer between creating and filling it) is watched for the grace period first.
    {
        QFile f(lockPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    ProjectFile file(path(), recovery());
    QElapsedTimer t;
    t.start();
    auto locked = within([&file]() { return file.lock(); });
    ASSERT_TRUE(locked.ok()) << locked.error().toStdString();
    EXPECT_GE(t.elapsed(), ProjectFile::kUnreadableLockGraceMs - 1500);
    EXPECT_FALSE(file.lockNotice().isEmpty());

    ProjectFile second(path(), recovery());
    auto refused = second.lock();
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("open for writing in another process")))
        << refused.error().toStdString();
}

// Item 15 through the CLI: approve replaces a garbage lock and says so; a FIFO where the lock goes is refused.
TEST_F(HostileProjectTest, CliReplacesAGarbageLockAndRefusesAFifoLock)
{
    const QString lockPath = path() + QStringLiteral(".lock");
    {
        QFile f(lockPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("\xff\xfe garbage");
    }
    setAge(lockPath, 60);
    const QStringList approve{QStringLiteral("--offline"), QStringLiteral("--project"), path(),
                              QStringLiteral("approve"),   QStringLiteral("stella"),    QStringLiteral("--reviewer"),
                              QStringLiteral("R")};
    const Run ok = memspec(approve);
    ASSERT_TRUE(ok.finished);
    EXPECT_EQ(ok.code, 0) << ok.err.toStdString();
    EXPECT_TRUE(ok.err.contains(QByteArray(lockPath.toUtf8() + ": the lock file named no live process")))
        << ok.err.toStdString();
    EXPECT_TRUE(QFile::exists(path()));

    EXPECT_FALSE(QFile::exists(lockPath)); // released when approve exited
    makeFifo(lockPath);
    const Run fifo = memspec(approve);
    if (!fifo.finished) {
        const int w = ::open(QFile::encodeName(lockPath).constData(), O_WRONLY | O_NONBLOCK);
        if (w >= 0) {
            ::close(w);
        }
    }
    ASSERT_TRUE(fifo.finished) << "memspec approve blocked on a FIFO lock";
    EXPECT_EQ(fifo.code, 1);
    EXPECT_TRUE(fifo.err.contains(QByteArray(lockPath.toUtf8() + ": is a FIFO"))) << fifo.err.toStdString();
}

// Item 14: saving a read-only (0444) or group-only (0640) project keeps its mode.
TEST_F(HostileProjectTest, SaveKeepsTheProjectFileMode)
{
    for (const mode_t mode : {mode_t(0444), mode_t(0640)}) {
        ProjectFile file(path(), recovery());
        ASSERT_TRUE(file.load().ok());
        ASSERT_TRUE(file.save(test::savedProject(1)).ok());
        ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), mode), 0);
        ASSERT_TRUE(file.save(test::savedProject(2)).ok());
        struct stat st = {};
        ASSERT_EQ(::stat(QFile::encodeName(path()).constData(), &st), 0);
        EXPECT_EQ(st.st_mode & 07777, mode);
        EXPECT_EQ(ProjectFile::read(path())->toJson(), test::savedProject(2).toJson());
        ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0644), 0);
    }
}
