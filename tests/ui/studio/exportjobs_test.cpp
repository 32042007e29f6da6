// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Issue 17's bug: the export view's background jobs. A preview started while a write runs (a format box ticked, a
// recompute landing) must not drop the write's outcome, success or error. The job finishing order is forced without
// timing: the write is started and, before the event loop runs again, the preview, so the write's result can only
// arrive after the preview began.
#include "studiofixture.h"

#include "ui/panels/exportpanel.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>

using namespace memspec;
using test::StudioFixture;

namespace {

class ExportJobs : public StudioFixture
{
protected:
    void SetUp() override
    {
        StudioFixture::SetUp();
        const QString src = QStringLiteral(TEST_DATA_DIR "/rust-service");
        m_tree = dirPath() + QStringLiteral("/service");
        QDirIterator it(src, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            const QString dst = m_tree + QLatin1Char('/') + QDir(src).relativeFilePath(f);
            ASSERT_TRUE(QDir().mkpath(QFileInfo(dst).path()));
            ASSERT_TRUE(QFile::copy(f, dst));
        }
        window->showView(QStringLiteral("export"));
        panel = window->exportPanel();
        QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
        panel->setKinds({ExportKind::Specs});
        ASSERT_TRUE(ready.wait(10000));
        panel->setSourceTree(m_tree);
        window->findChild<QCheckBox *>(QStringLiteral("exportAllowUnapproved"))->setChecked(true);
        QSignalSpy diff(panel, &ui::ExportPanel::diffReady);
        panel->previewRustDiff();
        ASSERT_TRUE(diff.wait(10000));
        ASSERT_TRUE(panel->plan().has_value());
        ASSERT_FALSE(panel->plan()->edits.isEmpty());
    }
    QString status() const { return window->findChild<QLabel *>(QStringLiteral("exportStatus"))->text(); }
    QByteArray bert() const
    {
        QFile f(m_tree + QStringLiteral("/packages/candle/src/capability/text_embedding/bert.rs"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // Waits for a preview to land (and any queued result after it).
    static void settle(QSignalSpy &spy)
    {
        if (spy.isEmpty()) {
            EXPECT_TRUE(spy.wait(10000));
        }
        QTest::qWait(50);
    }

    ui::ExportPanel *panel = nullptr;
    QString m_tree;
};

} // namespace

TEST_F(ExportJobs, TickingAFormatWhileApplyRunsKeepsTheAppliedOutcome)
{
    QSignalSpy applied(panel, &ui::ExportPanel::patchApplied);
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->applyRustPatch();
    window->findChild<QCheckBox *>(QStringLiteral("exportKind_csv"))->click(); // a new render
    ASSERT_TRUE(applied.wait(10000) || applied.count() == 1);
    settle(ready);
    EXPECT_EQ(applied.count(), 1);
    EXPECT_TRUE(bert().contains("est_memory_allocation_mb: ")) << bert().constData();
    EXPECT_TRUE(status().startsWith(QStringLiteral("Patched "))) << qPrintable(status());
    EXPECT_TRUE(
        panel->filesModel()->stringList().contains(QStringLiteral("memory_breakdown.csv"))); // the preview still landed
}

TEST_F(ExportJobs, ARecomputeDuringApplyNeverSwallowsAFailedWrite)
{
    // The file changes after the diff was made: apply must refuse, and the refusal must reach the user.
    const QString stella = m_tree + QStringLiteral("/packages/candle/src/capability/text_embedding/stella.rs");
    QFile f(stella);
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write("// edited after the preview\n");
    f.close();
    QSignalSpy failed(panel, &ui::ExportPanel::failed);
    QSignalSpy applied(panel, &ui::ExportPanel::patchApplied);
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->applyRustPatch();
    Q_EMIT state->reviewsChanged(); // what a recompute landing while the Export view is open does
    ASSERT_TRUE(failed.wait(10000) || failed.count() == 1);
    settle(ready);
    EXPECT_EQ(applied.count(), 0);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("changed since the diff was made")));
    EXPECT_TRUE(status().contains(QStringLiteral("stella.rs: changed since the diff was made")))
        << qPrintable(status());
    EXPECT_FALSE(bert().contains("memspec:")); // nothing was written
}

TEST_F(ExportJobs, AFailedExportIsReportedEvenWhenAPreviewStartsMeanwhile)
{
    const QString blocker = dirPath() + QStringLiteral("/not-a-folder");
    QFile file(blocker);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)); // a file where the output folder should be
    file.close();
    panel->setOutputFolder(blocker);
    QSignalSpy failed(panel, &ui::ExportPanel::failed);
    QSignalSpy exported(panel, &ui::ExportPanel::exported);
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->exportFiles();
    window->findChild<QCheckBox *>(QStringLiteral("exportKind_json"))->click();
    ASSERT_TRUE(failed.wait(10000) || failed.count() == 1);
    settle(ready);
    EXPECT_EQ(exported.count(), 0);
    EXPECT_EQ(failed.count(), 1);
    EXPECT_TRUE(status().contains(blocker)) << qPrintable(status());
}

TEST_F(ExportJobs, AnOlderPreviewIsStillDroppedForANewerOne)
{
    QSignalSpy ready(panel, &ui::ExportPanel::previewReady);
    panel->setKinds({ExportKind::Json});
    panel->setKinds({ExportKind::Csv});
    ASSERT_TRUE(ready.wait(10000));
    QTest::qWait(200);
    EXPECT_EQ(ready.count(), 1);
    EXPECT_EQ(panel->filesModel()->stringList(), QStringList{QStringLiteral("memory_breakdown.csv")});
}
