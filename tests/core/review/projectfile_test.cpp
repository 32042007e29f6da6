// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/core/review/savehelperproject.h"

#include "app/review/projectfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

class ProjectFileTest : public ::testing::Test
{
protected:
    QString path() const { return m_dir.filePath(QStringLiteral("p.json")); }
    QString recoveryDir() const { return m_dir.filePath(QStringLiteral("recovery")); }
    QByteArray bytes() const
    {
        QFile f(path());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    void writeRaw(const QByteArray &b) const
    {
        QFile f(path());
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(b);
    }
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ProjectFileTest, MissingFileIsANewProjectAndSaveCreatesIt)
{
    ProjectFile file(path(), recoveryDir());
    auto p = file.load();
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->models.isEmpty());
    ASSERT_TRUE(file.save(test::savedProject(1)).ok());
    EXPECT_EQ(bytes(), test::savedProject(1).toJson());
    EXPECT_FALSE(file.changedOnDisk());
    ASSERT_TRUE(file.save(test::savedProject(2)).ok()); // our own save does not count as an outside change
    EXPECT_EQ(bytes(), test::savedProject(2).toJson());
}

TEST_F(ProjectFileTest, ExternalModificationIsDetectedAndNotClobbered)
{
    ProjectFile file(path(), recoveryDir());
    ASSERT_TRUE(file.load().ok());
    ASSERT_TRUE(file.save(test::savedProject(1)).ok());
    const QByteArray theirs = test::savedProject(7).toJson();
    writeRaw(theirs); // another program (git checkout, the CLI, an editor) rewrites the file
    EXPECT_TRUE(file.changedOnDisk());
    auto saved = file.save(test::savedProject(2));
    ASSERT_FALSE(saved.ok());
    EXPECT_TRUE(saved.error().contains(QStringLiteral("changed by another program"))) << saved.error().toStdString();
    EXPECT_TRUE(saved.error().contains(path()));
    EXPECT_EQ(bytes(), theirs);
    // Deleted under us: also an outside change.
    QFile::remove(path());
    EXPECT_TRUE(file.changedOnDisk());
    EXPECT_FALSE(file.save(test::savedProject(2)).ok());
    // An explicit overwrite (the user chose it) goes through; after reloading, saves work again.
    writeRaw(theirs);
    ASSERT_TRUE(file.save(test::savedProject(3), ProjectFile::SaveMode::Overwrite).ok());
    EXPECT_EQ(bytes(), test::savedProject(3).toJson());
    writeRaw(theirs);
    auto reloaded = file.load();
    ASSERT_TRUE(reloaded.ok());
    EXPECT_EQ(reloaded->record(QStringLiteral("dunzhang/stella_en_1.5B_v5")).override->mib, 7);
    EXPECT_TRUE(file.save(test::savedProject(4)).ok());
}

TEST_F(ProjectFileTest, FileCreatedByOthersAfterOpenIsNotClobbered)
{
    ProjectFile file(path(), recoveryDir());
    ASSERT_TRUE(file.load().ok()); // did not exist
    writeRaw(test::savedProject(5).toJson());
    EXPECT_FALSE(file.save(test::savedProject(1)).ok());
    EXPECT_EQ(bytes(), test::savedProject(5).toJson());
}

TEST_F(ProjectFileTest, LockKeepsASecondWriterOut)
{
    ProjectFile first(path(), recoveryDir());
    ProjectFile second(path(), recoveryDir());
    ASSERT_TRUE(first.lock().ok());
    EXPECT_TRUE(first.isLocked());
    auto denied = second.lock();
    ASSERT_FALSE(denied.ok());
    EXPECT_TRUE(denied.error().contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())))
        << denied.error().toStdString();
    first.unlock();
    EXPECT_TRUE(second.lock().ok());
}

TEST_F(ProjectFileTest, LockHeldByAnotherProcessIsReported)
{
    // The save helper never takes the lock; a lock file naming a live foreign process must still be honoured.
    QProcess holder;
    holder.start(QStringLiteral("sleep"), {QStringLiteral("30")});
    ASSERT_TRUE(holder.waitForStarted());
    {
        QFile lock(path() + QStringLiteral(".lock"));
        ASSERT_TRUE(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(holder.processId()) + "\nsleep\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    const qint64 holderPid = holder.processId();
    ProjectFile file(path(), recoveryDir());
    auto denied = file.lock();
    holder.kill();
    holder.waitForFinished();
    ASSERT_FALSE(denied.ok());
    EXPECT_TRUE(denied.error().contains(QStringLiteral("pid %1").arg(holderPid))) << denied.error().toStdString();
    // Once that process is gone the stale lock is taken over.
    EXPECT_TRUE(file.lock().ok());
}

TEST_F(ProjectFileTest, RecoveryFileHoldsUnsavedWorkUntilSave)
{
    ProjectFile file(path(), recoveryDir());
    ASSERT_TRUE(file.load().ok());
    EXPECT_FALSE(file.hasRecovery());
    ASSERT_TRUE(file.writeRecovery(test::savedProject(9)).ok());
    EXPECT_TRUE(file.hasRecovery());
    EXPECT_TRUE(file.recoveryPath().startsWith(recoveryDir()));
    // A new session (after a crash) finds it.
    ProjectFile again(path(), recoveryDir());
    auto recovered = again.loadRecovery();
    ASSERT_TRUE(recovered.ok()) << recovered.error().toStdString();
    EXPECT_EQ(recovered->toJson(), test::savedProject(9).toJson());
    ASSERT_TRUE(again.load().ok());
    ASSERT_TRUE(again.save(recovered.value()).ok());
    EXPECT_FALSE(again.hasRecovery());
    EXPECT_FALSE(file.hasRecovery());
}

TEST_F(ProjectFileTest, WriterKilledDuringSaveLeavesOldOrNewNeverTorn)
{
    // The file must be exactly the bytes of one generation the helper wrote.
    auto generation = [](const QByteArray &b) -> qint64 {
        auto p = Project::fromJson(b, QStringLiteral("p.json"));
        if (!p || !p->record(QStringLiteral("dunzhang/stella_en_1.5B_v5")).override) {
            return -1;
        }
        const qint64 k = p->record(QStringLiteral("dunzhang/stella_en_1.5B_v5")).override->mib;
        return test::savedProject(k).toJson() == b ? k : -1;
    };
    int killedMidRun = 0;
    qint64 lastSeen = 0;
    for (int round = 0; round < 12; ++round) {
        QProcess writer;
        writer.start(QStringLiteral(REVIEW_SAVE_HELPER), {path(), recoveryDir()});
        ASSERT_TRUE(writer.waitForStarted());
        // Wait until at least one save committed in this round, then kill at a random moment.
        ASSERT_TRUE(writer.waitForReadyRead(10000)) << writer.readAllStandardError().toStdString();
        QThread::usleep(QRandomGenerator::global()->bounded(200, 20000));
        writer.kill(); // SIGKILL
        writer.waitForFinished();
        const QByteArray out = writer.readAllStandardOutput();
        const QList<QByteArray> lines = out.trimmed().split('\n');
        const qint64 lastCommitted = lines.last().toLongLong();
        killedMidRun += writer.exitStatus() == QProcess::CrashExit ? 1 : 0;

        const QByteArray b = bytes();
        auto parsed = Project::fromJson(b, path());
        ASSERT_TRUE(parsed.ok()) << "round " << round << ": " << parsed.error().toStdString();
        const qint64 k = generation(b);
        // Old (the last committed generation) or new (the one being written when killed), never anything else.
        EXPECT_TRUE(k == lastCommitted || k == lastCommitted + 1)
            << "round " << round << ": file holds generation " << k << ", last committed " << lastCommitted;
        lastSeen = k;
    }
    EXPECT_EQ(killedMidRun, 12);
    EXPECT_GT(lastSeen, 0);
}
