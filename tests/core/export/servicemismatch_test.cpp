// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Registry-vs-service mismatches on a copy of the fixture service tree whose Stella static names the repo the real
// service uses (dunzhang/stella_en_400M_v5) while the registry has the 1.5B model; and `memspec check` counting
// statics and models, refusing a folder without Rust files.
#include "tests/support/clirun.h"
#include "app/export/rustcheck.h"
#include "app/export/servicemismatch.h"
#include "app/review/workspace.h"
#include "testreviews.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");
const QString kStella400 = QStringLiteral("dunzhang/stella_en_400M_v5");
const QString kStellaFile = QStringLiteral("packages/candle/src/capability/text_embedding/stella.rs");

class ServiceMismatchTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(copyTree(fixtureTree(), m_dir.path()));
        const QString stella = m_dir.filePath(kStellaFile);
        QByteArray src = readFile(stella);
        ASSERT_TRUE(src.contains(kStella.toUtf8()));
        ASSERT_TRUE(writeFile(stella, src.replace(kStella.toUtf8(), kStella400.toUtf8())));
        auto ws = Workspace::openBundled();
        ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
        workspace = ws.value();
    }

    QTemporaryDir m_dir;
    Workspace workspace;
};

using memspec::test::CliRun;

CliRun runCli(const QStringList &args)
{
    return memspec::test::runCli(args, {.global = memspec::test::noProject()});
}

} // namespace

TEST_F(ServiceMismatchTest, StellaRepoDiffersIsPairedByItsSourceFile)
{
    const QList<ModelReview> reviews = workspace.reviews();
    auto plan = RustPatcher::plan(m_dir.path(), reviews, true);
    ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
    const QList<ServiceMismatch> found = ServiceMismatches::find(plan.value(), reviews);
    ASSERT_FALSE(found.isEmpty());
    const ServiceMismatch &stella = found.first();
    EXPECT_EQ(stella.kind, ServiceMismatch::Kind::RepoDiffers);
    EXPECT_EQ(stella.modelKey, kStella);
    EXPECT_EQ(stella.serviceKey, kStella400);
    EXPECT_EQ(stella.staticName, QStringLiteral("STELLA_MODEL_INFO"));
    EXPECT_EQ(stella.file, kStellaFile);
    EXPECT_EQ(stella.line, 8);
    EXPECT_TRUE(stella.canAdopt());
    EXPECT_EQ(stella.describe(), QStringLiteral("repo differs: the registry's Stella EN 1.5B v5 is dunzhang/stella_en_1.5B_v5, "
                                                "the service's %1:8 STELLA_MODEL_INFO has registry_key \"%2\"")
                                     .arg(kStellaFile, kStella400));
    // The LAION static sits in CLIP's file, but CLIP has its statics: it stays a static without a model.
    bool laion = false;
    for (const ServiceMismatch &m : found) {
        EXPECT_NE(m.kind, ServiceMismatch::Kind::ModelWithoutStatic) << m.describe().toStdString();
        if (m.staticName == QLatin1String("LAION_CLIP_MODEL_INFO")) {
            laion = true;
            EXPECT_EQ(m.kind, ServiceMismatch::Kind::StaticWithoutModel);
            EXPECT_FALSE(m.canAdopt());
        }
    }
    EXPECT_TRUE(laion);
    // The check reports them as its warnings.
    auto check = RustCheck::run(m_dir.path(), reviews, true);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check->mismatches.size(), found.size());
    EXPECT_TRUE(check->warnings.contains(stella.describe()));
}

TEST_F(ServiceMismatchTest, AdoptedEntryTakesTheServiceRepoAndValidates)
{
    auto plan = RustPatcher::plan(m_dir.path(), workspace.reviews(), true);
    ASSERT_TRUE(plan.ok());
    const ServiceMismatch stella = ServiceMismatches::find(plan.value(), workspace.reviews()).first();
    auto before = workspace.entry(kStella);
    ASSERT_TRUE(before.ok());
    auto adopted = ServiceMismatches::adopted(before.value(), stella);
    ASSERT_TRUE(adopted.ok()) << adopted.error().toStdString();
    EXPECT_EQ(adopted->key, kStella400);
    EXPECT_EQ(adopted->shortName, before->shortName);
    EXPECT_EQ(adopted->sourceFile, before->sourceFile);
    EXPECT_EQ(adopted->docFile, QStringLiteral("STELLA-EN-400M-V5.md"));
    EXPECT_TRUE(adopted->aliases.isEmpty());
    ASSERT_FALSE(adopted->components.isEmpty());
    for (const WeightComponent &c : adopted->components) {
        EXPECT_EQ(c.repo, kStella400) << c.id.toStdString();
    }
    // Replacing the entry gives a registry that validates, and the plan then matches the static.
    auto removed = workspace.withoutRegistryEntry(kStella, QStringLiteral("ana"));
    ASSERT_TRUE(removed.ok());
    ASSERT_TRUE(workspace.setProject(removed.value()).ok());
    auto added = workspace.withRegistryEntry(adopted.value(), QStringLiteral("ana"));
    ASSERT_TRUE(added.ok()) << added.error().toStdString();
    ASSERT_TRUE(workspace.setProject(added.value()).ok());
    auto after = RustPatcher::plan(m_dir.path(), workspace.reviews(), true);
    ASSERT_TRUE(after.ok());
    for (const ServiceMismatch &m : ServiceMismatches::find(after.value(), workspace.reviews())) {
        EXPECT_NE(m.modelKey, kStella400) << m.describe().toStdString();
        EXPECT_NE(m.serviceKey, kStella400) << m.describe().toStdString();
    }
    // Anything but a repo that differs is refused, naming the mismatch.
    ServiceMismatch orphan;
    orphan.kind = ServiceMismatch::Kind::StaticWithoutModel;
    orphan.serviceKey = QStringLiteral("laion/x");
    orphan.staticName = QStringLiteral("LAION");
    auto refused = ServiceMismatches::adopted(before.value(), orphan);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("LAION")));
}

TEST(ServiceCheck, CliCountsStaticsAndModels)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(fixtureTree(), dir.path()));
    const QStringList tree{QStringLiteral("--source-tree"), dir.path(), QStringLiteral("--allow-unapproved")};
    ASSERT_EQ(runCli(QStringList{QStringLiteral("apply-rust")} + tree).exitCode, 0);
    const CliRun check = runCli(QStringList{QStringLiteral("check")} + tree);
    EXPECT_EQ(check.exitCode, 0) << check.err.toStdString();
    // CLIP has two statics (its text and vision towers): 13 statics of 12 models.
    EXPECT_EQ(check.out, QByteArray("memspec check: all 13 matched static(s) of 12 model(s) hold the current value\n"));
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    auto report = RustCheck::run(dir.path(), ws->reviews(), true);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->checked, 13);
    EXPECT_EQ(report->models, 12);
}

TEST(ServiceCheck, FolderWithoutRustFilesIsAnError)
{
    QTemporaryDir dir;
    ASSERT_TRUE(writeFile(dir.filePath(QStringLiteral("README.md")), "not the service\n"));
    const CliRun check = runCli({QStringLiteral("check"), QStringLiteral("--source-tree"), dir.path()});
    EXPECT_EQ(check.exitCode, 1);
    EXPECT_TRUE(check.err.contains("no Rust (.rs) files")) << check.err.toStdString();
    EXPECT_TRUE(check.err.contains(dir.path().toUtf8())) << check.err.toStdString();
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    EXPECT_FALSE(RustCheck::run(dir.path(), ws->reviews(), false).ok());
}
