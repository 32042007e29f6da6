// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Every export format against a golden file under tests/data/export/golden/, rendered from the hand-built reviews of
// testreviews.cpp. To accept an intended change: MEMSPEC_UPDATE_GOLDENS=1 ./core_export_tests, then review the diff.
#include "testreviews.h"

#include "app/export/exportbundle.h"
#include "app/export/rustpatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

const QString kGolden = QStringLiteral(TEST_DATA_DIR "/export/golden/");

void expectGolden(const QString &rel, const QByteArray &actual)
{
    const QString path = kGolden + rel;
    if (qEnvironmentVariableIntValue("MEMSPEC_UPDATE_GOLDENS") == 1) {
        ASSERT_TRUE(writeFile(path, actual)) << path.toStdString();
        return;
    }
    const QByteArray expected = readFile(path);
    ASSERT_FALSE(expected.isEmpty()) << "missing golden " << path.toStdString();
    EXPECT_EQ(actual.toStdString(), expected.toStdString()) << "golden " << rel.toStdString();
}

QMap<QString, QByteArray> rendered(ExportKind kind)
{
    auto files = ExportBundle::render(input(), {kind});
    EXPECT_TRUE(files.ok());
    return files.ok() ? files.value() : QMap<QString, QByteArray>{};
}

} // namespace

TEST(Golden, ModelDocs)
{
    const auto files = rendered(ExportKind::Docs);
    ASSERT_EQ(files.size(), 4);
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        expectGolden(it.key(), it.value());
    }
    const QString stella = QString::fromUtf8(files.value(QStringLiteral("models/text_embedding/STELLA-EN-1.5B-V5.md")));
    // Sections in the order of DESIGN §5.
    qsizetype at = 0;
    for (const char *h : {"# Stella EN 1.5B v5", "## Overview", "## Architecture", "## Memory Requirements",
                          "## Performance", "## Usage Notes", "## Review"}) {
        const qsizetype next = stella.indexOf(QLatin1String(h), at);
        EXPECT_GE(next, at) << h;
        at = next;
    }
    EXPECT_TRUE(stella.contains(QStringLiteral("| Hidden size | 1,536 |")));
    EXPECT_TRUE(stella.contains(QStringLiteral("| Status | approved |")));
    const QString clip =
        QString::fromUtf8(files.value(QStringLiteral("models/image_embedding/CLIP-VIT-BASE-PATCH32.md")));
    EXPECT_TRUE(clip.contains(QStringLiteral("| Hidden size | not known |")));
    EXPECT_TRUE(clip.contains(QStringLiteral("config.json \\| projection_dim")));
    EXPECT_FALSE(clip.contains(QStringLiteral("approved |")));
}

TEST(Golden, MemorySpecs)
{
    const QByteArray md = rendered(ExportKind::Specs).value(QStringLiteral("models/MEMORY_SPECS.md"));
    expectGolden(QStringLiteral("models/MEMORY_SPECS.md"), md);
    EXPECT_EQ(md.count("\n| ["), 4);
    EXPECT_TRUE(md.contains("**Approved: 1 of 4.**"));
    // 3400 + 28000 (override) + 700 + 21800
    EXPECT_TRUE(md.contains("| **all** | **4** | **53900** |"));
    EXPECT_TRUE(md.contains("| text_to_text | 1 | 28000 |"));
}

TEST(Golden, Json)
{
    const QByteArray json = rendered(ExportKind::Json).value(QStringLiteral("memory_specs.json"));
    expectGolden(QStringLiteral("memory_specs.json"), json);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    EXPECT_EQ(root.value(QStringLiteral("unit")).toString(), QStringLiteral("MiB"));
    const QJsonArray models = root.value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 4);
    for (const QJsonValue &m : models) {
        const QJsonObject est = m.toObject().value(QStringLiteral("estimate")).toObject();
        qint64 sum = 0;
        for (const QJsonValue &l : est.value(QStringLiteral("lines")).toArray()) {
            sum += l.toObject().value(QStringLiteral("bytes")).toInteger();
            EXPECT_FALSE(l.toObject().value(QStringLiteral("derivation")).toString().isEmpty());
        }
        EXPECT_EQ(sum, est.value(QStringLiteral("total_bytes")).toInteger());
    }
    EXPECT_EQ(models.at(0)
                  .toObject()
                  .value(QStringLiteral("sign_off"))
                  .toObject()
                  .value(QStringLiteral("reviewer"))
                  .toString(),
              QStringLiteral("Ana Reviewer"));
    EXPECT_TRUE(models.at(2).toObject().value(QStringLiteral("sign_off")).isNull());
}

TEST(Golden, Csv)
{
    const QByteArray csv = rendered(ExportKind::Csv).value(QStringLiteral("memory_breakdown.csv"));
    expectGolden(QStringLiteral("memory_breakdown.csv"), csv);
    EXPECT_TRUE(csv.contains(",\"text + vision towers, \"\"as stored\"\", F32\",\"model.safetensors, 605,157,884 B; "
                             "config.json | projection_dim\"\r\n"));
    EXPECT_TRUE(csv.contains("\"50 image tokens,\n12 heads\""));
    EXPECT_EQ(csv.count("\r\n"), 1 + 4 * 6); // header + 5 lines and a total per model (one field holds a bare \n)
}

TEST(Golden, CppHeader)
{
    expectGolden(QStringLiteral("cpp/memspec_models.h"),
                 rendered(ExportKind::Cpp).value(QStringLiteral("cpp/memspec_models.h")));
}

TEST(Golden, RustSnippet)
{
    expectGolden(QStringLiteral("rust/est_memory_allocation_mb.rs"),
                 rendered(ExportKind::Rust).value(QStringLiteral("rust/est_memory_allocation_mb.rs")));
}

TEST(Golden, RustPatchDiff)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(copyTree(fixtureTree(), dir.path()));
    auto plan = RustPatcher::plan(dir.path(), reviews(), true);
    ASSERT_TRUE(plan.ok());
    expectGolden(QStringLiteral("rust-service.diff"), plan->unifiedDiff());
}
