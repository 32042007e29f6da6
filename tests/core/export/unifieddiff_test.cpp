// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/export/csvexporter.h"
#include "app/export/exporttext.h"
#include "app/export/unifieddiff.h"

#include <gtest/gtest.h>

using namespace memspec;

TEST(UnifiedDiff, SameTextGivesNothing)
{
    EXPECT_TRUE(UnifiedDiff::make(QStringLiteral("a.rs"), "x\ny\n", "x\ny\n").isEmpty());
}

TEST(UnifiedDiff, OneChangeWithContext)
{
    QByteArray before;
    for (int i = 1; i <= 10; ++i) {
        before += "line " + QByteArray::number(i) + "\n";
    }
    QByteArray after = before;
    after.replace("line 5\n", "line five\n");
    EXPECT_EQ(UnifiedDiff::make(QStringLiteral("src/a.rs"), before, after),
              "--- a/src/a.rs\n+++ b/src/a.rs\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line "
              "6\n line 7\n line 8\n");
}

TEST(UnifiedDiff, InsertionAndSeparateHunks)
{
    QByteArray before;
    for (int i = 1; i <= 20; ++i) {
        before += QByteArray::number(i) + "\r\n";
    }
    QByteArray after = before;
    after.insert(6, "new\r\n"); // after "1\r\n2\r\n"
    after.replace("\n19\r\n", "\nnineteen\r\n");
    const QByteArray d = UnifiedDiff::make(QStringLiteral("b.rs"), before, after);
    EXPECT_TRUE(d.contains("@@ -1,5 +1,6 @@\n 1\r\n 2\r\n+new\r\n 3\r\n 4\r\n 5\r\n@@")) << d.toStdString();
    EXPECT_TRUE(d.contains("@@ -16,5 +17,5 @@\n 16\r\n 17\r\n 18\r\n-19\r\n+nineteen\r\n 20\r\n")) << d.toStdString();
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked)
{
    const QByteArray d = UnifiedDiff::make(QStringLiteral("c.rs"), "a\nb", "a\nc");
    EXPECT_TRUE(d.contains("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")) << d.toStdString();
}

TEST(CsvExporter, QuotesOnlyWhatNeedsIt)
{
    EXPECT_EQ(CsvExporter::field(QStringLiteral("plain")), "plain");
    EXPECT_EQ(CsvExporter::field(QStringLiteral("a,b")), "\"a,b\"");
    EXPECT_EQ(CsvExporter::field(QStringLiteral("say \"hi\"")), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvExporter::field(QStringLiteral("two\nlines")), "\"two\nlines\"");
    EXPECT_EQ(CsvExporter::field(QStringLiteral("× 2 B")), "× 2 B");
}

TEST(ExportText, CellEscapesPipesAndLineBreaks)
{
    EXPECT_EQ(exporttext::cell(QStringLiteral("a|b\nc")), QStringLiteral("a\\|b c"));
}

namespace {

// Applies a unified diff made by UnifiedDiff to `before` (enough of `patch` for these tests).
QByteArray applyDiff(const QByteArray &before, const QByteArray &diff)
{
    QByteArrayList src;
    for (qsizetype s = 0; s < before.size();) {
        const qsizetype nl = before.indexOf('\n', s);
        const qsizetype e = nl < 0 ? before.size() : nl + 1;
        src << before.mid(s, e - s);
        s = e;
    }
    QByteArray out;
    qsizetype next = 0; // next source line to copy
    const QByteArrayList lines = diff.split('\n');
    for (qsizetype k = 2; k < lines.size(); ++k) {
        const QByteArray &l = lines.at(k);
        if (l.startsWith("@@ -")) {
            const qsizetype start = l.mid(4, l.indexOf(',') - 4).toLongLong();
            while (next < start - 1) {
                out += src.at(next++);
            }
        } else if (l.startsWith(' ')) {
            out += src.at(next++);
        } else if (l.startsWith('-')) {
            ++next;
        } else if (l.startsWith('+')) {
            out += l.mid(1) + '\n';
        }
    }
    while (next < src.size()) {
        out += src.at(next++);
    }
    return out;
}

} // namespace

TEST(UnifiedDiff, LongFileWithFarApartEditsStaysCorrect)
{
    QByteArray before;
    for (int i = 0; i < 5000; ++i) {
        before += "    field_" + QByteArray::number(i) + ": None,\n";
    }
    QByteArray after = before;
    after.replace("    field_10: None,\n", "    field_10: None,\n    est_memory_allocation_mb: 100,\n");
    after.replace("    field_4990: None,\n", "    field_4990: Some(1),\n");
    const QByteArray d = UnifiedDiff::make(QStringLiteral("big.rs"), before, after); // 5000 × 5000 cells: greedy path
    EXPECT_EQ(d.count("\n@@ "), 2);                                                  // two hunks
    EXPECT_EQ(applyDiff(before, d), after);
    QByteArray small = before.left(before.indexOf("    field_300:"));
    QByteArray smallAfter = small;
    smallAfter.replace("    field_10: None,\n", "");
    smallAfter.replace("    field_200: None,\n", "    field_200: None,\n    x: 1,\n");
    EXPECT_EQ(applyDiff(small, UnifiedDiff::make(QStringLiteral("s.rs"), small, smallAfter)), smallAfter); // LCS path
}

#include "testreviews.h"

#include "app/export/cppheaderwriter.h"
#include "app/export/jsonexporter.h"
#include "app/export/memoryspecswriter.h"
#include "app/export/modeldocwriter.h"
#include "app/export/rustsnippetwriter.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>

namespace {

// A device that accepts nothing (a full disk, a closed pipe).
class FailDevice final : public QIODevice
{
public:
    FailDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override
    {
        setErrorString(QStringLiteral("no space left on device"));
        return -1;
    }
};

} // namespace

TEST(ExportWriters, DeviceErrorsNameTheOutput)
{
    const QList<ModelReview> reviews = testdata::reviews();
    FailDevice dev;
    auto json = JsonExporter::write(&dev, reviews);
    ASSERT_FALSE(json.ok());
    EXPECT_EQ(json.error(), QStringLiteral("memory_specs.json: write failed: no space left on device"));
    EXPECT_FALSE(CsvExporter::write(&dev, reviews).ok());
    EXPECT_FALSE(CppHeaderWriter::write(&dev, reviews).ok());
    EXPECT_FALSE(RustSnippetWriter::write(&dev, reviews).ok());
    EXPECT_FALSE(MemorySpecsWriter::write(&dev, reviews).ok());
    auto doc = ModelDocWriter::write(&dev, reviews.first(), nullptr);
    ASSERT_FALSE(doc.ok());
    EXPECT_TRUE(doc.error().startsWith(QStringLiteral("text_embedding/STELLA-EN-1.5B-V5.md:")))
        << doc.error().toStdString();

    QTemporaryDir dir;
    QFile readOnly(dir.filePath(QStringLiteral("specs.md")));
    ASSERT_TRUE(readOnly.open(QIODevice::WriteOnly));
    readOnly.close();
    ASSERT_TRUE(readOnly.open(QIODevice::ReadOnly));
    auto closed = MemorySpecsWriter::write(&readOnly, reviews);
    ASSERT_FALSE(closed.ok());
    EXPECT_TRUE(closed.error().contains(QStringLiteral("specs.md: not open for writing")))
        << closed.error().toStdString();

    QBuffer ok;
    ok.open(QIODevice::WriteOnly);
    ASSERT_TRUE(CsvExporter::write(&ok, reviews).ok());
    EXPECT_EQ(ok.data(), CsvExporter::render(reviews));
}
