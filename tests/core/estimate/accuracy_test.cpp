// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The accuracy report: a generated record (always), and the public calibration set when ../shared is beside the repo.
#include "tools/accuracy/accuracy.h"

#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"
#include "app/review/workspace.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <gtest/gtest.h>

using namespace memspec;

TEST(Accuracy, GeneratedLlamaCppRecordIsComparedPerLine)
{
    // Qwen3-30B-A3B at 4096 tokens on CPU: file 20.228 GiB, KV 48 × 4 × 256 × 4096 × 2 B = 384 MiB
    const QByteArray json =
        R"J([{"id":"qwen3moe-x","model":"Qwen/Qwen3-30B-A3B","variant_quant":"GGUF Q5_K_M (20.228 GiB)",
        "runtime":"ik_llama.cpp","hardware":"CPU only","settings":{"n_ctx":4096,"type_k":"f16"},
        "measured":{"CPU model buffer":"20713.44 MiB","KV cache total":"384.00 MiB (K f16 192.00 MiB, V f16 192.00 MiB)",
                    "CPU compute buffer":"304.75 MiB"}},
        {"id":"other-1","model":"x","variant_quant":"y","runtime":"z","settings":{},"measured":{}}])J";
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    auto rep = accuracyReport(json, QStringLiteral("generated.json"), ws->registry(), ws->facts());
    ASSERT_TRUE(rep.ok()) << rep.error().toStdString();
    ASSERT_EQ(rep->totals, 1);
    EXPECT_EQ(rep->totalsUnder, 0);
    bool sawKv = false;
    for (const AccuracyRow &r : rep->rows) {
        if (r.line == QLatin1String("kv_cache")) {
            EXPECT_DOUBLE_EQ(r.estimateMib, 384.0);
            sawKv = true;
        }
        if (r.line == QLatin1String("weights")) {
            // (20.228 + 0.0005) GiB read at the upper end of llama.cpp's rounding = 20,713.98 MiB (ik_llama.cpp on CPU
            // without -rtr: no CPU_REPACK copy)
            EXPECT_NEAR(r.estimateMib, 20713.98, 0.01);
        }
    }
    EXPECT_TRUE(sawKv);
    EXPECT_EQ(rep->skipped.size(), 1);
    EXPECT_TRUE(rep->markdown.contains(QStringLiteral("| qwen3moe-x | total |")));
}

TEST(Accuracy, BrokenInputNamesTheFile)
{
    auto ws = Workspace::openBundled();
    auto rep =
        accuracyReport(QByteArray("{\"not\":\"an array\"}"), QStringLiteral("bad.json"), ws->registry(), ws->facts());
    ASSERT_FALSE(rep.ok());
    EXPECT_TRUE(rep.error().contains(QStringLiteral("bad.json")));
}

TEST(Accuracy, PublicCalibrationSetMeetsTheGoal)
{
    // The published measurements, numbers and sources only (resources/tools/build_calibration.py makes this copy
    // from ../shared/measured/public.json, so the test runs in any clone).
    const QString path = QStringLiteral(TEST_DATA_DIR "/calibration/public.json");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    auto ws = Workspace::openBundled();
    auto rep = accuracyReport(f.readAll(), path, ws->registry(), ws->facts());
    ASSERT_TRUE(rep.ok()) << rep.error().toStdString();
    EXPECT_GE(rep->totals, 5);
    EXPECT_EQ(rep->totalsUnder, 0);
    EXPECT_LE(rep->medianTotalOverPct, 10.0);
    EXPECT_GE(rep->medianTotalOverPct, 0.0);
}

// docs/accuracy.md says "prefill chunk", the studio's word; "ubatch" only where it names llama.cpp's own flag
// (--ubatch) or its log field (n_ubatch).
TEST(Accuracy, DocsSayPrefillChunkAndUbatchOnlyForLlamaCppsFlag)
{
    QFile f(QStringLiteral(TEST_DATA_DIR "/calibration/public.json"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    auto ws = Workspace::openBundled();
    auto rep = accuracyReport(f.readAll(), f.fileName(), ws->registry(), ws->facts());
    ASSERT_TRUE(rep.ok()) << rep.error().toStdString();
    QFile doc(QStringLiteral(MEMSPEC_SOURCE_DIR_DEFAULT "/docs/accuracy.md"));
    ASSERT_TRUE(doc.open(QIODevice::ReadOnly)) << doc.fileName().toStdString();
    const QString committed = QString::fromUtf8(doc.readAll());
    static const QRegularExpression bare(QStringLiteral("(?<!--)(?<!n_)\\bubatch"),
                                         QRegularExpression::CaseInsensitiveOption);
    for (const auto &[name, text] : {std::pair{"generated", rep->markdown}, std::pair{"docs/accuracy.md", committed}}) {
        EXPECT_TRUE(text.contains(QStringLiteral("prefill chunk 512"))) << name;
        const QRegularExpressionMatch m = bare.match(text);
        EXPECT_FALSE(m.hasMatch()) << name << ": \""
                                   << text.mid(std::max<qsizetype>(0, m.capturedStart() - 40), 80).toStdString()
                                   << "\"";
    }
    // The committed page is what the generator writes now (regenerate with the command on its first line, which
    // names the input by the path given).
    const qsizetype from = rep->markdown.indexOf(QStringLiteral("Each record of the public"));
    const qsizetype to = rep->markdown.indexOf(QStringLiteral("\n## How each record was estimated"));
    ASSERT_GT(from, 0);
    ASSERT_GT(to, from);
    EXPECT_TRUE(committed.contains(rep->markdown.mid(from, to - from))) << "docs/accuracy.md is stale";
}

TEST(Accuracy, CommittedCalibrationCopyIsCurrent)
{
    const QString shared =
        QDir(qEnvironmentVariable("MEMSPEC_SOURCE_DIR")).filePath(QStringLiteral("../shared/measured/public.json"));
    if (!QFile::exists(shared)) {
        GTEST_SKIP() << "no ../shared/measured/public.json beside the source tree to compare with";
    }
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    ASSERT_FALSE(python.isEmpty());
    QProcess p;
    p.start(python, {QDir(qEnvironmentVariable("MEMSPEC_SOURCE_DIR"))
                         .filePath(QStringLiteral("resources/tools/build_calibration.py")),
                     shared, QStringLiteral("--check")});
    ASSERT_TRUE(p.waitForFinished(30000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardOutput().toStdString() << p.readAllStandardError().toStdString();
}
