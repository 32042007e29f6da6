// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// status / approve / set and --project, run as real processes (DESIGN §6).
#include "tests/support/clirun.h"

#include "app/review/projectfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using memspec::test::CliRun;

CliRun runMemspec(const QStringList &args, const QString &dataHome = {})
{
    memspec::test::CliOptions options;
    if (!dataHome.isEmpty()) {
        options.env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    }
    return memspec::test::runCli(args, options);
}

QJsonObject modelStatus(const QByteArray &statusJson, const QString &key)
{
    for (const QJsonValue &m : QJsonDocument::fromJson(statusJson).object().value(QStringLiteral("models")).toArray()) {
        if (m.toObject().value(QStringLiteral("key")).toString() == key) {
            return m.toObject();
        }
    }
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");

} // namespace

TEST(CliReview, ApproveThenStatusThenSetContextMakesItStale)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const CliRun approve = runMemspec({QStringLiteral("--project"), project, QStringLiteral("approve"),
                                       QStringLiteral("stella"), QStringLiteral("--reviewer"), QStringLiteral("Rita")});
    ASSERT_EQ(approve.exitCode, 0) << approve.err.toStdString();
    EXPECT_TRUE(approve.out.contains("approved dunzhang/stella_en_1.5B_v5"));

    CliRun status =
        runMemspec({QStringLiteral("--project"), project, QStringLiteral("status"), QStringLiteral("--json")});
    ASSERT_EQ(status.exitCode, 0) << status.err.toStdString();
    QJsonObject m = modelStatus(status.out, kStella);
    EXPECT_EQ(m.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    const QJsonObject signOff = m.value(QStringLiteral("sign_off")).toObject();
    EXPECT_EQ(signOff.value(QStringLiteral("reviewer")).toString(), QStringLiteral("Rita"));
    EXPECT_TRUE(signOff.value(QStringLiteral("fingerprint")).toString().startsWith(QStringLiteral("sha256:")));
    EXPECT_EQ(signOff.value(QStringLiteral("inputs"))
                  .toObject()
                  .value(QStringLiteral("parameters"))
                  .toObject()
                  .value(QStringLiteral("context"))
                  .toInt(),
              8192);
    EXPECT_EQ(modelStatus(status.out, QStringLiteral("nvidia/NV-Embed-v2")).value(QStringLiteral("status")).toString(),
              QStringLiteral("estimated"));

    const CliRun set = runMemspec({QStringLiteral("--project"), project, QStringLiteral("set"),
                                   QStringLiteral("stella"), QStringLiteral("--context"), QStringLiteral("32768")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    status = runMemspec({QStringLiteral("--project"), project, QStringLiteral("status"), QStringLiteral("--json")});
    m = modelStatus(status.out, kStella);
    EXPECT_EQ(m.value(QStringLiteral("status")).toString(), QStringLiteral("stale"));
    EXPECT_TRUE(m.value(QStringLiteral("reasons")).toArray().contains(QStringLiteral("context changed 8192 → 32768")))
        << status.out.toStdString();

    // The project's parameters reach estimate and list too.
    const CliRun est = runMemspec({QStringLiteral("--project"), project, QStringLiteral("estimate"),
                                   QStringLiteral("stella"), QStringLiteral("--json")});
    EXPECT_EQ(QJsonDocument::fromJson(est.out)
                  .object()
                  .value(QStringLiteral("parameters"))
                  .toObject()
                  .value(QStringLiteral("context"))
                  .toInt(),
              32768);

    // Back to the default: approved again.
    ASSERT_EQ(runMemspec({QStringLiteral("--project"), project, QStringLiteral("set"), QStringLiteral("stella"),
                          QStringLiteral("--default")})
                  .exitCode,
              0);
    status = runMemspec({QStringLiteral("--project"), project, QStringLiteral("status"), QStringLiteral("--json")});
    EXPECT_EQ(modelStatus(status.out, kStella).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
}

TEST(CliReview, ApproveWithOverrideRecordsReason)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const CliRun noReason = runMemspec({QStringLiteral("--project"), project, QStringLiteral("approve"),
                                        QStringLiteral("stella"), QStringLiteral("--reviewer"), QStringLiteral("Rita"),
                                        QStringLiteral("--override"), QStringLiteral("4000")});
    EXPECT_EQ(noReason.exitCode, 2);
    EXPECT_TRUE(noReason.err.contains("--reason"));
    EXPECT_FALSE(QFile::exists(project));
    const CliRun ok =
        runMemspec({QStringLiteral("--project"), project, QStringLiteral("approve"), QStringLiteral("stella"),
                    QStringLiteral("--reviewer"), QStringLiteral("Rita"), QStringLiteral("--override"),
                    QStringLiteral("4000"), QStringLiteral("--reason"), QStringLiteral("measured 3.7 GiB peak")});
    ASSERT_EQ(ok.exitCode, 0) << ok.err.toStdString();
    const QJsonObject m = modelStatus(
        runMemspec({QStringLiteral("--project"), project, QStringLiteral("status"), QStringLiteral("--json")}).out,
        kStella);
    EXPECT_EQ(m.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    EXPECT_EQ(m.value(QStringLiteral("est_memory_allocation_mb")).toInt(), 4000);
    EXPECT_EQ(m.value(QStringLiteral("override")).toObject().value(QStringLiteral("reason")).toString(),
              QStringLiteral("measured 3.7 GiB peak"));
}

TEST(CliReview, WithoutProjectUsesTheDefaultProjectAndSaysSo)
{
    QTemporaryDir home;
    const CliRun approve = runMemspec({QStringLiteral("approve"), QStringLiteral("bert-minilm"),
                                       QStringLiteral("--reviewer"), QStringLiteral("Rita")},
                                      home.path());
    ASSERT_EQ(approve.exitCode, 0) << approve.err.toStdString();
    const QString expected = home.filePath(QStringLiteral("MemSpec/memspec/default-project.json"));
    EXPECT_TRUE(approve.err.contains(expected.toUtf8())) << approve.err.toStdString();
    EXPECT_TRUE(QFile::exists(expected));
    const CliRun status = runMemspec({QStringLiteral("status"), QStringLiteral("--json")}, home.path());
    EXPECT_EQ(modelStatus(status.out, QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"))
                  .value(QStringLiteral("status"))
                  .toString(),
              QStringLiteral("approved"));
}

TEST(CliReview, BrokenProjectFailsAndIsLeftAlone)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const QByteArray broken =
        R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"parameters":{"context":"x"}}}})";
    {
        QFile f(project);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(broken);
    }
    for (const QStringList &cmd : {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("list")},
                                   QStringList{QStringLiteral("approve"), QStringLiteral("stella"),
                                               QStringLiteral("--reviewer"), QStringLiteral("R")},
                                   QStringList{QStringLiteral("set"), QStringLiteral("stella"),
                                               QStringLiteral("--context"), QStringLiteral("10")}}) {
        const CliRun r = runMemspec(QStringList{QStringLiteral("--project"), project} + cmd);
        EXPECT_EQ(r.exitCode, 1) << cmd.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(r.out.isEmpty());
        EXPECT_TRUE(r.err.contains("models.a/b.parameters")) << r.err.toStdString();
    }
    EXPECT_EQ(readFile(project), broken);
}

TEST(CliReview, ApproveRefusesWhileAnotherWriterHoldsTheLock)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    memspec::ProjectFile studio(project, dir.filePath(QStringLiteral("recovery")));
    ASSERT_TRUE(studio.lock().ok());
    const CliRun r = runMemspec({QStringLiteral("--project"), project, QStringLiteral("approve"),
                                 QStringLiteral("stella"), QStringLiteral("--reviewer"), QStringLiteral("R")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("another process")) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(project));
}

// Every command that writes the project goes through one write sequence (app/cli/commitproject.h): under another
// writer's lock each is refused with its own name and the holder's pid, and nothing is written.
TEST(CliReview, EveryProjectWriteIsRefusedUnderAnotherWritersLockNamingItsCommand)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    memspec::ProjectFile holder(project, dir.filePath(QStringLiteral("recovery")));
    ASSERT_TRUE(holder.lock().ok());
    const QByteArray pid = "pid " + QByteArray::number(QCoreApplication::applicationPid());
    const QList<QStringList> writes{
        {QStringLiteral("approve"), QStringLiteral("stella"), QStringLiteral("--reviewer"), QStringLiteral("R")},
        {QStringLiteral("revoke"), QStringLiteral("stella"), QStringLiteral("--reason"), QStringLiteral("x")},
        {QStringLiteral("set"), QStringLiteral("stella"), QStringLiteral("--context"), QStringLiteral("4096")},
        {QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"), QStringLiteral("--apply"),
         QStringLiteral("--reason"), QStringLiteral("x")},
        {QStringLiteral("remove"), QStringLiteral("stella")},
        {QStringLiteral("edit"), QStringLiteral("stella"), QStringLiteral("--name"), QStringLiteral("Stella")},
    };
    for (const QStringList &args : writes) {
        const CliRun r = runMemspec(QStringList{QStringLiteral("--project"), project} + args);
        EXPECT_EQ(r.exitCode, 1) << args.join(QLatin1Char(' ')).toStdString() << ": " << r.err.toStdString();
        const QByteArray prefix = QByteArray("memspec ") + args.constFirst().toUtf8() + QByteArray(": ");
        EXPECT_TRUE(r.err.contains(prefix) && r.err.contains(pid))
            << args.join(QLatin1Char(' ')).toStdString() << ": " << r.err.toStdString();
        EXPECT_FALSE(QFile::exists(project)) << args.join(QLatin1Char(' ')).toStdString();
    }
}

TEST(CliReview, SetRejectsBadValuesNamingThem)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const CliRun r = runMemspec({QStringLiteral("--project"), project, QStringLiteral("set"), QStringLiteral("stella"),
                                 QStringLiteral("--kv-type"), QStringLiteral("f7")});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains("f7"));
    EXPECT_FALSE(QFile::exists(project));
    const CliRun help = runMemspec({QStringLiteral("--help")});
    EXPECT_TRUE(help.out.contains("set KEY")) << help.out.toStdString();
    EXPECT_TRUE(help.out.contains("default-project.json"));
}

TEST(CliReview, ConcurrentWritersNeverLoseAnUpdate)
{
    // Six approvals race on one file. Each either lands or fails saying why (lock held / file changed);
    // none may report success and then be missing from the file.
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const QStringList models{QStringLiteral("stella"), QStringLiteral("bert-minilm"), QStringLiteral("gte-qwen"),
                             QStringLiteral("jina"),   QStringLiteral("nvembed"),     QStringLiteral("clip")};
    QList<QProcess *> procs;
    for (const QString &m : models) {
        auto *p = new QProcess;
        p->start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"),
                 {QStringLiteral("--project"), project, QStringLiteral("approve"), m, QStringLiteral("--reviewer"),
                  QStringLiteral("R")});
        procs << p;
    }
    QStringList landed;
    for (int i = 0; i < procs.size(); ++i) {
        ASSERT_TRUE(procs[i]->waitForFinished(60000));
        const QByteArray err = procs[i]->readAllStandardError();
        if (procs[i]->exitCode() == 0) {
            landed << QString::fromUtf8(procs[i]->readAllStandardOutput()).section(QLatin1Char(' '), 1, 1);
        } else {
            EXPECT_TRUE(err.contains("another process") || err.contains("changed by another program"))
                << err.toStdString();
        }
        delete procs[i];
    }
    EXPECT_GE(landed.size(), 1);
    const QByteArray status =
        runMemspec({QStringLiteral("--project"), project, QStringLiteral("status"), QStringLiteral("--json")}).out;
    for (const QString &key : landed) {
        EXPECT_EQ(modelStatus(status, key).value(QStringLiteral("status")).toString(), QStringLiteral("approved"))
            << key.toStdString();
    }
}

TEST(CliReview, RevokeWithdrawsTheSignOffWithAReasonUnderTheLock)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const QStringList base{QStringLiteral("--project"), project};
    // Nothing signed off: refused, naming the model; nothing written.
    CliRun r = runMemspec(base + QStringList{QStringLiteral("revoke"), QStringLiteral("stella"),
                                             QStringLiteral("--reason"), QStringLiteral("x")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("dunzhang/stella_en_1.5B_v5 has no sign-off to revoke")) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(project));
    r = runMemspec(base + QStringList{QStringLiteral("revoke"), QStringLiteral("nobody/none"),
                                      QStringLiteral("--reason"), QStringLiteral("x")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("nobody/none")) << r.err.toStdString();

    ASSERT_EQ(runMemspec(base + QStringList{QStringLiteral("approve"), QStringLiteral("stella"),
                                            QStringLiteral("--reviewer"), QStringLiteral("Rita")})
                  .exitCode,
              0);
    const QByteArray approved = readFile(project);
    // A revoke must say why.
    r = runMemspec(base + QStringList{QStringLiteral("revoke"), QStringLiteral("stella")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains("--reason")) << r.err.toStdString();
    EXPECT_EQ(readFile(project), approved);

    // Another process (this test) holds the project lock: refused naming its pid, the file untouched.
    {
        memspec::ProjectFile holder(project, dir.filePath(QStringLiteral("recovery")));
        ASSERT_TRUE(holder.lock().ok());
        r = runMemspec(base + QStringList{QStringLiteral("revoke"), QStringLiteral("stella"),
                                          QStringLiteral("--reason"), QStringLiteral("x")});
        EXPECT_EQ(r.exitCode, 1);
        EXPECT_TRUE(r.err.contains(QByteArray("pid " + QByteArray::number(QCoreApplication::applicationPid()))))
            << r.err.toStdString();
        EXPECT_EQ(readFile(project), approved);
    }

    r = runMemspec(base + QStringList{QStringLiteral("revoke"), QStringLiteral("stella"), QStringLiteral("--reason"),
                                      QStringLiteral("card figure was fp32"), QStringLiteral("--who"),
                                      QStringLiteral("Sam")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("revoked the sign-off of dunzhang/stella_en_1.5B_v5")) << r.out.toStdString();
    const QJsonObject m =
        modelStatus(runMemspec(base + QStringList{QStringLiteral("status"), QStringLiteral("--json")}).out, kStella);
    EXPECT_EQ(m.value(QStringLiteral("status")).toString(), QStringLiteral("estimated"));
    EXPECT_TRUE(m.value(QStringLiteral("sign_off")).isNull());
    const QJsonArray audit =
        QJsonDocument::fromJson(readFile(project)).object().value(QStringLiteral("audit")).toArray();
    const QJsonObject last = audit.last().toObject();
    EXPECT_EQ(last.value(QStringLiteral("action")).toString(), QStringLiteral("revoke"));
    EXPECT_EQ(last.value(QStringLiteral("who")).toString(), QStringLiteral("Sam"));
    EXPECT_EQ(last.value(QStringLiteral("model")).toString(), kStella);
    EXPECT_EQ(last.value(QStringLiteral("detail")).toObject().value(QStringLiteral("reason")).toString(),
              QStringLiteral("card figure was fp32"));
    EXPECT_EQ(last.value(QStringLiteral("detail")).toObject().value(QStringLiteral("reviewer")).toString(),
              QStringLiteral("Rita"));
}
