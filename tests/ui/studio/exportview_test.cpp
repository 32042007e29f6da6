// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiofixture.h"

#include "ui/panels/exportpanel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringListModel>

using namespace memspec;
using test::StudioFixture;

using StudioExport = StudioFixture;

using test::copyServiceTree;

TEST_F(StudioExport, PreviewsThenWritesTheChosenFormats)
{
    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->setKinds({ExportKind::Specs, ExportKind::Csv});
    ASSERT_TRUE(ready.wait(10000));
    const QStringList files = panel->filesModel()->stringList();
    EXPECT_EQ(files, (QStringList{QStringLiteral("memory_breakdown.csv"), QStringLiteral("models/MEMORY_SPECS.md")}));
    EXPECT_FALSE(window->findChild<QPlainTextEdit *>(QStringLiteral("exportPreview"))->toPlainText().isEmpty());

    const QString out = dirPath() + QStringLiteral("/out");
    panel->setOutputFolder(out);
    QSignalSpy exported(panel, &ui::ExportPanel::exported);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("exportWrite")), Qt::LeftButton);
    ASSERT_TRUE(exported.wait(10000));
    EXPECT_TRUE(QFile::exists(out + QStringLiteral("/models/MEMORY_SPECS.md")));
    EXPECT_TRUE(QFile::exists(out + QStringLiteral("/memory_breakdown.csv")));
    EXPECT_FALSE(QFile::exists(out + QStringLiteral("/memory_specs.json")));
}

TEST_F(StudioExport, ShowsTheRustDiffBeforeApplyingIt)
{
    const QString tree = copyServiceTree(dirPath() + QStringLiteral("/service"));
    const QString bert = tree + QStringLiteral("/packages/candle/src/capability/text_embedding/bert.rs");
    QFile f(bert);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray original = f.readAll();
    f.close();

    ASSERT_TRUE(state->signOff(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"), QStringLiteral("Ada")).ok());
    ASSERT_TRUE(waitForRecompute());
    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    panel->setSourceTree(tree);
    QSignalSpy diff(panel, &ui::ExportPanel::diffReady);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("exportPreviewDiff")), Qt::LeftButton);
    ASSERT_TRUE(diff.wait(10000));
    const QString shown = window->findChild<QPlainTextEdit *>(QStringLiteral("exportPreview"))->toPlainText();
    EXPECT_TRUE(shown.contains(QStringLiteral("bert.rs"))) << qPrintable(shown);
    EXPECT_TRUE(shown.contains(QStringLiteral("+")));
    // The models nobody signed off are refused in the studio's words, not with the CLI's flag (the report lines
    // the preview appends; read from the plan, since a file preview may take the pane meanwhile under load).
    ASSERT_TRUE(panel->plan().has_value());
    const QString report = panel->plan()->reportLines().join(QLatin1Char('\n'));
    EXPECT_TRUE(report.contains(QStringLiteral("has no signed-off value (sign it off first)"))) << qPrintable(report);
    EXPECT_FALSE(report.contains(QStringLiteral("--allow-unapproved"))) << qPrintable(report);
    EXPECT_FALSE(shown.contains(QStringLiteral("--allow-unapproved"))) << qPrintable(shown);
    // Previewing changed nothing on disk; only the approved model is in the patch.
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), original);
    f.close();
    ASSERT_TRUE(panel->plan().has_value());
    EXPECT_EQ(panel->plan()->edits.size(), 1);

    auto *apply = window->findChild<QPushButton *>(QStringLiteral("exportApplyPatch"));
    ASSERT_TRUE(apply->isEnabled());
    QSignalSpy applied(panel, &ui::ExportPanel::patchApplied);
    QTest::mouseClick(apply, Qt::LeftButton);
    ASSERT_TRUE(applied.wait(10000));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray patched = f.readAll();
    EXPECT_NE(patched, original);
    const QByteArray expected =
        QByteArray("est_memory_allocation_mb: ") +
        QByteArray::number(state->review(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"))->effectiveMib());
    EXPECT_TRUE(patched.contains(expected)) << patched.constData();
}
