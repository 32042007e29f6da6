// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/clirun.h"
#include "app/cli/clicommands.h"
#include "app/export/exportbundle.h"
#include "app/registry/registry.h"
#include "app/review/workspace.h"
#include "testreviews.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

QByteArray runCli(const QStringList &args, int *code)
{
    // Without --project the CLI would read the user's default project: give it an absent (empty) one instead.
    const bool named = args.contains(QStringLiteral("--project"));
    const test::CliRun r = test::runCli(args, {.global = named ? QStringList() : test::noProject()});
    *code = r.exitCode;
    return r.out + r.err;
}

QString sourceDir()
{
    const QString env = qEnvironmentVariable("MEMSPEC_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(TEST_DATA_DIR "/../..") : env;
}

} // namespace

TEST(ExportCli, WritesTwelveDocsAndSpecsWithTotals)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("out"));
    int code = -1;
    const QByteArray log = runCli({QStringLiteral("export"), QStringLiteral("--out"), out}, &code);
    ASSERT_EQ(code, 0) << log.toStdString();
    const Registry reg = Registry::bundled();
    ASSERT_EQ(reg.size(), 12);
    for (const RegistryEntry &e : reg.entries()) {
        EXPECT_TRUE(QFile::exists(out + QStringLiteral("/models/") + e.docPath())) << e.docPath().toStdString();
    }
    for (const char *f : {"models/MEMORY_SPECS.md", "memory_specs.json", "memory_breakdown.csv", "cpp/memspec_models.h",
                          "rust/est_memory_allocation_mb.rs"}) {
        EXPECT_TRUE(QFile::exists(out + QLatin1Char('/') + QLatin1String(f))) << f;
    }
    const QString specs = QString::fromUtf8(readFile(out + QStringLiteral("/models/MEMORY_SPECS.md")));
    EXPECT_EQ(specs.count(QStringLiteral("\n| [")), 12);
    EXPECT_TRUE(specs.contains(QStringLiteral("**Approved: 0 of 12.**")));
    const QByteArray list = runCli({QStringLiteral("list"), QStringLiteral("--json")}, &code);
    qint64 total = 0;
    for (const QJsonValue &m : QJsonDocument::fromJson(list).object().value(QStringLiteral("models")).toArray()) {
        total += m.toObject().value(QStringLiteral("est_memory_allocation_mb")).toInteger();
    }
    EXPECT_TRUE(specs.contains(QStringLiteral("| **all** | **12** | **%1** |").arg(total))) << total;
    EXPECT_FALSE(QDir(out).entryList({QStringLiteral(".memspec-export-*")}, QDir::AllEntries | QDir::Hidden).size() > 0);

    const QByteArray bad = runCli({QStringLiteral("export"), QStringLiteral("--out"), out, QStringLiteral("--only"), QStringLiteral("pdf")}, &code);
    EXPECT_EQ(code, 2);
    EXPECT_TRUE(bad.contains("pdf"));
}

TEST(ExportBundle, FailureRestoresEarlierFilesAndAddsNothing)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString out = dir.path();
    ASSERT_TRUE(writeFile(out + QStringLiteral("/models/MEMORY_SPECS.md"), "old specs\n"));
    ASSERT_TRUE(writeFile(out + QStringLiteral("/rust"), "a file where the rust/ folder must go\n"));   // moved last: fails late
    auto written = ExportBundle::write(out, input(), ExportBundle::allKinds());
    ASSERT_FALSE(written.ok());
    EXPECT_TRUE(written.error().contains(out + QStringLiteral("/rust/est_memory_allocation_mb.rs"))) << written.error().toStdString();
    EXPECT_EQ(readFile(out + QStringLiteral("/models/MEMORY_SPECS.md")), "old specs\n");
    QStringList left;
    QDirIterator it(out, QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        left << QDir(out).relativeFilePath(it.next());
    }
    left.sort();
    EXPECT_EQ(left, QStringList({QStringLiteral("models"), QStringLiteral("models/MEMORY_SPECS.md"), QStringLiteral("rust")}));
}

TEST(ExportBundle, DocPathsCannotLeaveTheFolder)
{
    ExportInput in = input();
    in.reviews[1].entry.docFile = QStringLiteral("../../../etc/evil.md");
    auto files = ExportBundle::render(in, {ExportKind::Docs});
    ASSERT_FALSE(files.ok());
    EXPECT_TRUE(files.error().contains(QStringLiteral("microsoft/phi-4"))) << files.error().toStdString();
}

TEST(ExportBundle, WritesIntoANewFolderAndReplacesOldFiles)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("new/deeper"));
    ASSERT_TRUE(ExportBundle::write(out, input(), {ExportKind::Specs}).ok());
    ASSERT_TRUE(writeFile(out + QStringLiteral("/models/MEMORY_SPECS.md"), "stale\n"));
    auto again = ExportBundle::write(out, input(), {ExportKind::Specs, ExportKind::Csv});
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    EXPECT_EQ(again.value(), QStringList({QStringLiteral("memory_breakdown.csv"), QStringLiteral("models/MEMORY_SPECS.md")}));
    EXPECT_TRUE(readFile(out + QStringLiteral("/models/MEMORY_SPECS.md")).startsWith("# Model memory specs"));
}

// docs/models/ in this repository is generated from the bundled registry and snapshot with the committed review
// project docs/models/review.json (envelopes fitted to H100 80GB, no sign-offs) and an empty refresh cache. When this
// fails, regenerate: cmake --build --preset dev --target update-model-docs
TEST(ExportDocs, CommittedDocsAreCurrent)
{
    QTemporaryDir noCache;
    ASSERT_TRUE(noCache.isValid());
    auto ws = Workspace::open(sourceDir() + QStringLiteral("/docs/models/review.json"), noCache.path());
    ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
    auto files = ExportBundle::render(ExportInput::fromWorkspace(ws.value()), {ExportKind::Docs, ExportKind::Specs});
    ASSERT_TRUE(files.ok());
    const QString docs = sourceDir() + QStringLiteral("/docs/");
    QStringList committed;
    QDirIterator it(docs + QStringLiteral("models"), {QStringLiteral("*.md")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        committed << QDir(docs).relativeFilePath(it.next());
    }
    committed.sort();
    EXPECT_EQ(committed, files->keys()) << "docs/models/ has other files than the export writes";
    for (auto f = files->constBegin(); f != files->constEnd(); ++f) {
        EXPECT_TRUE(readFile(docs + f.key()) == f.value())
            << "docs/" << f.key().toStdString()
            << " is out of date: run `cmake --build --preset dev --target update-model-docs`";
    }
}
