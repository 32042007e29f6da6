// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// apply-rust writes the prompt limit beside the figure; check gates on both (DESIGN §3a).
#include "app/export/rustlimitpatch.h"
#include "app/export/rustscanner.h"
#include "testreviews.h"
#include "tests/support/clirun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

using test::CliRun;

CliRun memspecCli(const QStringList &args)
{
    return test::runCli(args, {.global = {QStringLiteral("--offline")}, .timeoutMs = 120000});
}

QByteArray patched(const QByteArray &src, qint64 tokens)
{
    auto statics = RustScanner::scan(src, QStringLiteral("t.rs"));
    EXPECT_TRUE(statics.ok());
    QByteArray out = src;
    QList<RustLimitPatch::Splice> sp = RustLimitPatch::splices(src, statics->first(), tokens);
    std::sort(sp.begin(), sp.end(), [](const auto &a, const auto &b) { return a.start > b.start; });
    for (const auto &s : sp) {
        out.replace(s.start, s.end - s.start, s.text);
    }
    return out;
}

const QByteArray kHead = "static X: CandleModelInfo = CandleModelInfo {\n    registry_key: \"a/b\",\n";

} // namespace

TEST(RustLimitPatch, KeepsTheFormTheStaticUses)
{
    const QByteArray plain = QByteArray(kHead) + "    max_input_tokens: NonZeroU32::new(32768),\n    est_memory_allocation_mb: 0,\n};\n";
    auto st = RustScanner::scan(plain, QStringLiteral("t.rs"));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(RustLimitPatch::tokensIn(plain, st->first()), 32768);
    EXPECT_EQ(patched(plain, 9728), QByteArray(kHead) + "    max_input_tokens: NonZeroU32::new(9728),\n    est_memory_allocation_mb: 0,\n};\n");
    EXPECT_EQ(patched(plain, 32768), plain);   // already holds it: no edit

    const QByteArray wrapped = QByteArray(kHead) + "    max_input_tokens: Some(NonZeroU32::new(32_768).unwrap()), // context\n};\n";
    auto wst = RustScanner::scan(wrapped, QStringLiteral("t.rs"));
    EXPECT_EQ(RustLimitPatch::tokensIn(wrapped, wst->first()), 32768);
    EXPECT_EQ(patched(wrapped, 18176), QByteArray(kHead) + "    max_input_tokens: Some(NonZeroU32::new(18176).unwrap()), // context\n};\n");

    const QByteArray none = QByteArray(kHead) + "    max_input_tokens: None,\n};\n";
    auto nst = RustScanner::scan(none, QStringLiteral("t.rs"));
    EXPECT_FALSE(RustLimitPatch::tokensIn(none, nst->first()).has_value());
    EXPECT_EQ(patched(none, 4096), QByteArray(kHead) + "    max_input_tokens: NonZeroU32::new(4096),\n};\n");

    const QByteArray absent = QByteArray(kHead) + "    est_memory_allocation_mb: 0,\n};\n";
    EXPECT_EQ(patched(absent, 512),
              QByteArray("static X: CandleModelInfo = CandleModelInfo {\n    registry_key: \"a/b\", max_input_tokens: NonZeroU32::new(512),\n"
                         "    est_memory_allocation_mb: 0,\n};\n"));
}

// The "done when": fit to H100 80GB, approve, apply-rust on a copy of the service tree, check exits 0; and
// check fails when only one of the two fields is in the code.
TEST(RustLimitPatch, ApplyRustWritesBothFieldsAndCheckGatesOnBoth)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(fixtureTree(), dir.path()));
    const QString project = dir.filePath(QStringLiteral("review.json"));
    const QStringList p{QStringLiteral("--project"), project};
    const CliRun fit = memspecCli(p + QStringList{QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"),
                                               QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--apply"),
                                               QStringLiteral("--reason"), QStringLiteral("one worker per H100 80GB"),
                                               QStringLiteral("--who"), QStringLiteral("Ana")});
    ASSERT_EQ(fit.exitCode, 0) << fit.err.toStdString();
    EXPECT_TRUE(fit.err.contains("microsoft/phi-4: prompt limit 32768 -> ")) << fit.err.toStdString();
    for (const char *key : {"stella", "bert-minilm", "gte-qwen", "jina", "nvembed", "phi4-reasoning", "kimi-k2", "qwen3-coder",
                            "clip", "llava", "flux-schnell", "sd35-turbo"}) {
        const CliRun a = memspecCli(p + QStringList{QStringLiteral("approve"), QLatin1String(key), QStringLiteral("--reviewer"), QStringLiteral("Ana")});
        ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    }
    const CliRun est = memspecCli(p + QStringList{QStringLiteral("estimate"), QStringLiteral("phi4-reasoning"), QStringLiteral("--json")});
    const QByteArray phiLimit = QByteArray::number(QJsonDocument::fromJson(est.out).object().value(QStringLiteral("parameters")).toObject().value(QStringLiteral("context")).toInteger());
    ASSERT_NE(phiLimit, "32768");

    const QStringList tree{QStringLiteral("--source-tree"), dir.path()};
    const CliRun apply = memspecCli(p + QStringList{QStringLiteral("apply-rust")} + tree);
    ASSERT_EQ(apply.exitCode, 0) << apply.err.toStdString();
    const QString phiFile = dir.filePath(QStringLiteral("packages/candle/src/capability/text_to_text/phi4_reasoning.rs"));
    const QByteArray phi = readFile(phiFile);
    EXPECT_TRUE(phi.contains(QByteArray("    max_input_tokens: NonZeroU32::new(" + phiLimit + "),\n"))) << phi.toStdString();
    EXPECT_TRUE(phi.contains("    max_output_tokens: NonZeroU32::new(32768),\n"));   // only the input limit changes
    EXPECT_FALSE(phi.contains("est_memory_allocation_mb: 7200"));
    // Models at their full limit and those whose limit is fixed keep the static's value.
    EXPECT_TRUE(readFile(dir.filePath(QStringLiteral("packages/candle/src/capability/text_embedding/stella.rs"))).contains("NonZeroU32::new(8192)"));
    EXPECT_TRUE(readFile(dir.filePath(QStringLiteral("packages/candle/src/capability/image_embedding/clip_vision.rs"))).contains("NonZeroU32::new(8192)"));

    const CliRun ok = memspecCli(p + QStringList{QStringLiteral("check")} + tree);
    EXPECT_EQ(ok.exitCode, 0) << ok.err.toStdString();

    // Only the figure in the code, the old prompt limit back: check fails and names the field.
    QByteArray reverted = phi;
    reverted.replace(QByteArray("max_input_tokens: NonZeroU32::new(" + phiLimit + ")"), QByteArray("max_input_tokens: NonZeroU32::new(32768)"));
    ASSERT_TRUE(writeFile(phiFile, reverted));
    const CliRun onlyFigure = memspecCli(p + QStringList{QStringLiteral("check")} + tree);
    EXPECT_EQ(onlyFigure.exitCode, 1);
    EXPECT_TRUE(onlyFigure.err.contains(QByteArray("max_input_tokens: 32768, expected " + phiLimit))) << onlyFigure.err.toStdString();
    EXPECT_TRUE(onlyFigure.err.contains("1 difference(s)")) << onlyFigure.err.toStdString();

    // Only the prompt limit in the code, the figure back at the hand-set value: check fails too.
    QByteArray otherHalf = phi;
    const qsizetype at = otherHalf.indexOf("est_memory_allocation_mb: ");
    otherHalf.replace(at, otherHalf.indexOf(',', at) - at, "est_memory_allocation_mb: 7200");
    ASSERT_TRUE(writeFile(phiFile, otherHalf));
    const CliRun onlyLimit = memspecCli(p + QStringList{QStringLiteral("check")} + tree);
    EXPECT_EQ(onlyLimit.exitCode, 1);
    EXPECT_TRUE(onlyLimit.err.contains("est_memory_allocation_mb: 7200, expected")) << onlyLimit.err.toStdString();
}
