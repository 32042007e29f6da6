// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/clirun.h"
#include "app/export/rustcheck.h"
#include "app/export/rustpatcher.h"
#include "testreviews.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

const QString kSrc = QStringLiteral("packages/candle/src/");

class RustPatcherTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(copyTree(fixtureTree(), m_dir.path()));
    }
    QString path(const QString &rel) const { return m_dir.filePath(kSrc + rel); }
    QByteArray read(const QString &rel) const { return readFile(path(rel)); }

    static ModelReview review(const char *key, qint64 mib, bool approved) { return reviewFor(key, mib, approved); }

    QTemporaryDir m_dir;
};

// Lines that do not mention the field are byte-for-byte the same.
void expectOnlyFieldLinesChanged(const QByteArray &before, const QByteArray &after)
{
    QByteArrayList a = before.split('\n');
    QByteArrayList b = after.split('\n');
    a.removeIf([](const QByteArray &l) { return l.contains("est_memory_allocation_mb"); });
    b.removeIf([](const QByteArray &l) { return l.contains("est_memory_allocation_mb"); });
    EXPECT_EQ(a, b);
}

} // namespace

TEST_F(RustPatcherTest, AppliesApprovedValuesAndSecondRunChangesNothing)
{
    const QList<ModelReview> approved = allApproved(reviews());
    const QByteArray stellaBefore = read(QStringLiteral("capability/text_embedding/stella.rs"));
    auto plan = RustPatcher::plan(m_dir.path(), approved, false);
    ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
    EXPECT_TRUE(plan->refusedModels().isEmpty());
    EXPECT_EQ(plan->matches.size(), 5);   // stella, phi (alias), clip ×2, sd 3.5 (in a folder's config.rs)
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());

    const QByteArray stella = read(QStringLiteral("capability/text_embedding/stella.rs"));
    EXPECT_TRUE(stella.contains("    est_memory_allocation_mb: 3400, // MiB per worker; memspec: approved by Ana Reviewer, 2026-11-21\n"));
    expectOnlyFieldLinesChanged(stellaBefore, stella);
    const QByteArray phi = read(QStringLiteral("capability/text_to_text/phi4_reasoning.rs"));
    EXPECT_TRUE(phi.contains("est_memory_allocation_mb: 28000, // MiB per worker"));
    EXPECT_FALSE(phi.contains("7.2GB"));
    EXPECT_EQ(read(QStringLiteral("capability/image_embedding/clip_vision.rs")).count("est_memory_allocation_mb: 700, //"), 2);
    EXPECT_TRUE(read(QStringLiteral("capability/text_to_image/stable_diffusion_35_turbo/config.rs")).contains("est_memory_allocation_mb: 21800,"));
    // The raw string that mentions a static, and the LAION static with no registry model, are untouched.
    EXPECT_TRUE(read(QStringLiteral("capability/image_embedding/clip_vision.rs")).contains("est_memory_allocation_mb: 1 }\"#;"));

    auto again = RustPatcher::plan(m_dir.path(), approved, false);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->edits.isEmpty());
    EXPECT_TRUE(again->unifiedDiff().isEmpty());
    auto check = RustCheck::run(m_dir.path(), approved, false);
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->ok()) << check->differences.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(check->checked, 5);
}

TEST_F(RustPatcherTest, KeepsCrlfAndReplacesStaleComment)
{
    const QByteArray before = read(QStringLiteral("capability/text_embedding/gte_qwen.rs"));
    ASSERT_TRUE(before.contains("1500, // 1.5GB\r\n"));
    auto plan = RustPatcher::plan(m_dir.path(), {review("Alibaba-NLP/gte-Qwen2-1.5B-instruct", 3800, true)}, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    const QByteArray after = read(QStringLiteral("capability/text_embedding/gte_qwen.rs"));
    EXPECT_TRUE(after.contains("    est_memory_allocation_mb: 3800, // MiB per worker; memspec: approved by Ana Reviewer, 2026-11-21\r\n"));
    EXPECT_EQ(after.count("\r\n"), before.count("\r\n"));
    EXPECT_EQ(after.count('\n'), after.count("\r\n"));   // no bare LF introduced
    expectOnlyFieldLinesChanged(before, after);
}

TEST_F(RustPatcherTest, InsertsMissingFieldAfterRegistryKey)
{
    auto plan = RustPatcher::plan(m_dir.path(),
                                  {review("sentence-transformers/all-MiniLM-L6-v2", 100, true),
                                   review("unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF", 27500, true)},
                                  false);
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    const QByteArray bert = read(QStringLiteral("capability/text_embedding/bert.rs"));
    EXPECT_TRUE(bert.contains("    registry_key: \"sentence-transformers/all-MiniLM-L6-v2\",\n    est_memory_allocation_mb: 100, // MiB"));
    // The tokenizer config static (another struct) keeps its own field.
    EXPECT_TRUE(bert.contains("registry_key: \"sentence-transformers/all-MiniLM-L6-v2\",\n    est_memory_allocation_mb: 0,\n};"));
    const QByteArray qwen = read(QStringLiteral("capability/text_to_text/qwen3_coder.rs"));
    EXPECT_TRUE(qwen.contains("// the GGUF repo, not Qwen/…\n    est_memory_allocation_mb: 27500, // MiB"));
}

TEST_F(RustPatcherTest, RemovesBlockCommentBeforeComma)
{
    auto plan = RustPatcher::plan(m_dir.path(), {review("llava-hf/llava-1.5-7b-hf", 16200, true)}, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    const QByteArray llava = read(QStringLiteral("capability/vision/llava.rs"));
    EXPECT_TRUE(llava.contains("    est_memory_allocation_mb: 16200, // MiB per worker;"));
    EXPECT_FALSE(llava.contains("1.6 GB"));
}

TEST_F(RustPatcherTest, RefusesUnapprovedUnlessAllowed)
{
    auto plan = RustPatcher::plan(m_dir.path(), reviews(), false);
    ASSERT_TRUE(plan.ok());
    QStringList refused = plan->refusedModels();
    refused.sort();
    EXPECT_EQ(refused, QStringList({QStringLiteral("microsoft/phi-4"), QStringLiteral("openai/clip-vit-base-patch32"),
                                    QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo")}));
    ASSERT_EQ(plan->edits.size(), 1);   // only the approved Stella
    EXPECT_TRUE(plan->edits[0].relPath.endsWith(QLatin1String("stella.rs")));
    auto allowed = RustPatcher::plan(m_dir.path(), reviews(), true);
    ASSERT_TRUE(allowed.ok());
    EXPECT_TRUE(allowed->refusedModels().isEmpty());
    EXPECT_EQ(allowed->edits.size(), 4);
    EXPECT_TRUE(allowed->unifiedDiff().contains("+    est_memory_allocation_mb: 28000, // MiB per worker; memspec: override, not signed off\n"));
    EXPECT_TRUE(allowed->unifiedDiff().contains("-    est_memory_allocation_mb: 7200, // 7.2GB\n"));
}

TEST_F(RustPatcherTest, ReportsModelsWithoutStaticAndStaticsWithoutModel)
{
    ASSERT_TRUE(QFile::remove(path(QStringLiteral("capability/text_embedding/stella.rs"))));
    auto plan = RustPatcher::plan(m_dir.path(), allApproved(reviews()), false);
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->modelsWithoutStatic, QStringList{QStringLiteral("dunzhang/stella_en_1.5B_v5")});
    QStringList orphans;
    for (const RustStatic &s : plan->staticsWithoutModel) {
        orphans << QString::fromUtf8(s.name);
    }
    EXPECT_TRUE(orphans.contains(QStringLiteral("LAION_CLIP_MODEL_INFO")));
    EXPECT_TRUE(orphans.contains(QStringLiteral("KIMI_K2_MODEL_INFO")));
    EXPECT_FALSE(orphans.contains(QStringLiteral("BERT_TOKENIZER_CONFIG")));   // not a CandleModelInfo
    EXPECT_TRUE(plan->reportLines().join(QLatin1Char('\n')).contains(QStringLiteral("model without a static: dunzhang/stella_en_1.5B_v5")));
}

TEST_F(RustPatcherTest, CheckListsEveryDifference)
{
    auto check = RustCheck::run(m_dir.path(), allApproved(reviews()), false);
    ASSERT_TRUE(check.ok());
    EXPECT_FALSE(check->ok());
    EXPECT_EQ(check->differences.size(), 5);
    const QString all = check->differences.join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("phi4_reasoning.rs:7 PHI4_REASONING_MODEL_INFO (microsoft/phi-4): holds est_memory_allocation_mb: 7200, expected 28000")))
        << all.toStdString();
    auto unapproved = RustCheck::run(m_dir.path(), reviews(), false);
    ASSERT_TRUE(unapproved.ok());
    EXPECT_TRUE(unapproved->differences.join(QLatin1Char('\n')).contains(QStringLiteral("no signed-off value")));
    auto empty = RustCheck::run(m_dir.filePath(kSrc + QStringLiteral("domain")), allApproved(reviews()), false);
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->ok());   // a folder with no matching static never passes
}

namespace {
using test::CliRun;
CliRun memspecCli(const QStringList &args)
{
    // Without --project the CLI would read the user's default project: give it an absent (empty) one instead.
    const bool named = args.contains(QStringLiteral("--project"));
    return test::runCli(args, {.global = named ? QStringList() : test::noProject()});
}
} // namespace

TEST_F(RustPatcherTest, CliApplyDryRunAndCheck)
{
    const QString tree = m_dir.path();
    const QByteArray phiBefore = read(QStringLiteral("capability/text_to_text/phi4_reasoning.rs"));
    CliRun refused = memspecCli({QStringLiteral("apply-rust"), QStringLiteral("--source-tree"), tree});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains("nothing written")) << refused.err.toStdString();
    // The core's refusal uses the studio's words; the CLI names its own flag.
    EXPECT_TRUE(refused.err.contains("has no signed-off value (sign it off first)")) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("pass --allow-unapproved")) << refused.err.toStdString();
    EXPECT_EQ(read(QStringLiteral("capability/text_to_text/phi4_reasoning.rs")), phiBefore);

    CliRun dry = memspecCli({QStringLiteral("apply-rust"), QStringLiteral("--source-tree"), tree, QStringLiteral("--dry-run"),
                          QStringLiteral("--allow-unapproved")});
    EXPECT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.startsWith("--- a/packages/candle/src/"));
    EXPECT_TRUE(dry.err.contains("static without a model")) << dry.err.toStdString();
    EXPECT_EQ(read(QStringLiteral("capability/text_to_text/phi4_reasoning.rs")), phiBefore);

    CliRun apply = memspecCli({QStringLiteral("apply-rust"), QStringLiteral("--source-tree"), tree, QStringLiteral("--allow-unapproved")});
    EXPECT_EQ(apply.exitCode, 0) << apply.err.toStdString();
    EXPECT_TRUE(apply.out.contains("13 static(s) matched, 12 file(s) changed")) << apply.out.toStdString();
    CliRun second = memspecCli({QStringLiteral("apply-rust"), QStringLiteral("--source-tree"), tree, QStringLiteral("--dry-run"),
                             QStringLiteral("--allow-unapproved")});
    EXPECT_EQ(second.exitCode, 0);
    EXPECT_TRUE(second.out.isEmpty()) << second.out.toStdString();

    CliRun loose = memspecCli({QStringLiteral("check"), QStringLiteral("--source-tree"), tree, QStringLiteral("--allow-unapproved")});
    EXPECT_EQ(loose.exitCode, 0) << loose.err.toStdString();
    CliRun strict = memspecCli({QStringLiteral("check"), QStringLiteral("--source-tree"), tree});
    EXPECT_EQ(strict.exitCode, 1);   // nothing in the bundled registry is signed off
    EXPECT_TRUE(strict.err.contains("13 difference(s)")) << strict.err.toStdString();
}

// End to end with the review project: sign every model off, then apply-rust needs no flag, check passes, and the
// exported docs call the values approved.
TEST_F(RustPatcherTest, CliWithApprovedProject)
{
    const QString project = m_dir.filePath(QStringLiteral("review.json"));
    const QStringList shorts{QStringLiteral("stella"), QStringLiteral("bert-minilm"), QStringLiteral("gte-qwen"), QStringLiteral("jina"),
                             QStringLiteral("nvembed"), QStringLiteral("phi4-reasoning"), QStringLiteral("kimi-k2"),
                             QStringLiteral("qwen3-coder"), QStringLiteral("clip"), QStringLiteral("llava"),
                             QStringLiteral("flux-schnell"), QStringLiteral("sd35-turbo")};
    for (const QString &key : shorts) {
        const CliRun a = memspecCli({QStringLiteral("--project"), project, QStringLiteral("approve"), key, QStringLiteral("--reviewer"),
                                     QStringLiteral("Ana")});
        ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    }
    const QStringList tree{QStringLiteral("--source-tree"), m_dir.path()};
    const CliRun before = memspecCli(QStringList{QStringLiteral("--project"), project, QStringLiteral("check")} + tree);
    EXPECT_EQ(before.exitCode, 1);
    const CliRun apply = memspecCli(QStringList{QStringLiteral("--project"), project, QStringLiteral("apply-rust")} + tree);
    ASSERT_EQ(apply.exitCode, 0) << apply.err.toStdString();
    EXPECT_TRUE(read(QStringLiteral("capability/text_embedding/stella.rs")).contains("// MiB per worker; memspec: approved by Ana, "));
    const CliRun after = memspecCli(QStringList{QStringLiteral("--project"), project, QStringLiteral("check")} + tree);
    EXPECT_EQ(after.exitCode, 0) << after.err.toStdString();

    const QString out = m_dir.filePath(QStringLiteral("export"));
    const CliRun exp = memspecCli({QStringLiteral("--project"), project, QStringLiteral("export"), QStringLiteral("--out"), out,
                                   QStringLiteral("--only"), QStringLiteral("specs"), QStringLiteral("--only"), QStringLiteral("docs")});
    ASSERT_EQ(exp.exitCode, 0) << exp.err.toStdString();
    EXPECT_TRUE(readFile(out + QStringLiteral("/models/MEMORY_SPECS.md")).contains("**Approved: 12 of 12.**"));
    const QByteArray phi = readFile(out + QStringLiteral("/models/text_to_text/PHI-4-REASONING-Q4_K_M.md"));
    EXPECT_TRUE(phi.contains("| Status | approved |"));
    EXPECT_TRUE(phi.contains("| Reviewer | Ana |"));
    EXPECT_TRUE(phi.contains("| Input fingerprint | `sha256:"));
}

TEST_F(RustPatcherTest, UnscannableFileIsReportedAndFailsCheck)
{
    ASSERT_TRUE(writeFile(path(QStringLiteral("broken.rs")), "// CandleModelInfo\nconst S: &str = \"never closed;\n"));
    const QList<ModelReview> approved = allApproved(reviews());
    auto plan = RustPatcher::plan(m_dir.path(), approved, false);
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->matches.size(), 5);   // the rest of the tree is still matched
    ASSERT_EQ(plan->unscannable.size(), 1);
    EXPECT_TRUE(plan->unscannable.first().startsWith(QStringLiteral("packages/candle/src/broken.rs:2:")))
        << plan->unscannable.first().toStdString();
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    auto check = RustCheck::run(m_dir.path(), approved, false);
    ASSERT_TRUE(check.ok());
    ASSERT_EQ(check->differences.size(), 1);
    EXPECT_TRUE(check->differences.first().startsWith(QStringLiteral("cannot verify: packages/candle/src/broken.rs:2:")));
}

TEST_F(RustPatcherTest, InsertsAfterLastFieldWithoutCommaAndInOneLineStatics)
{
    ASSERT_TRUE(writeFile(path(QStringLiteral("edge.rs")),
                          "static A: CandleModelInfo = CandleModelInfo {\n\tname: \"a\",\n\tregistry_key: \"edge/last\"\n};\n"
                          "static B: CandleModelInfo = CandleModelInfo { name: \"b\", registry_key: \"edge/inline\", patch: None };\n"
                          "static C: CandleModelInfo = CandleModelInfo { registry_key: \"edge/value\", est_memory_allocation_mb: 5 * 1024, name: \"c\" };"));
    auto plan = RustPatcher::plan(m_dir.path(),
                                  {review("edge/last", 300, true), review("edge/inline", 400, true), review("edge/value", 500, true)}, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    EXPECT_EQ(read(QStringLiteral("edge.rs")),
              "static A: CandleModelInfo = CandleModelInfo {\n\tname: \"a\",\n\tregistry_key: \"edge/last\",\n"
              "\test_memory_allocation_mb: 300, // MiB per worker; memspec: approved by Ana Reviewer, 2026-11-21\n};\n"
              "static B: CandleModelInfo = CandleModelInfo { name: \"b\", registry_key: \"edge/inline\", est_memory_allocation_mb: 400, patch: None };\n"
              "static C: CandleModelInfo = CandleModelInfo { registry_key: \"edge/value\", est_memory_allocation_mb: 500, name: \"c\" };");
    auto again = RustPatcher::plan(m_dir.path(),
                                   {review("edge/last", 300, true), review("edge/inline", 400, true), review("edge/value", 500, true)}, false);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->edits.isEmpty());
}
