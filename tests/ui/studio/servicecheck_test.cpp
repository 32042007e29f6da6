// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The studio's service check is `memspec check`: after Apply in the Export view it shows what the CLI says on the
// same project and tree (verdict, differences, counts); a folder without Rust files is an error in both; a repo that
// differs between registry and service is listed and can be adopted, undoably.
#include "studiofixture.h"
#include "tests/support/clirun.h"

#include "ui/commands/reviewcontroller.h"
#include "ui/panels/exportpanel.h"
#include "ui/panels/servicecheckview.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>

using namespace memspec;
using test::copyServiceTree;
using test::StudioFixture;

namespace {

using ServiceCheck = StudioFixture;

struct CheckRun
{
    int code = -1;
    QStringList errLines;
};

// The CLI on the studio's inputs: the bundled registry with an empty project.
CheckRun cliCheck(const QString &tree)
{
    const memspec::test::CliRun r = memspec::test::runCli(
        {QStringLiteral("check"), QStringLiteral("--source-tree"), tree}, {.global = memspec::test::noProject()});
    return CheckRun{r.exitCode, QString::fromUtf8(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts)};
}

} // namespace

TEST_F(ServiceCheck, AfterApplyTheStudioShowsWhatTheCliSays)
{
    const QString tree = copyServiceTree(dirPath() + QStringLiteral("/service"));
    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    panel->setSourceTree(tree);
    window->findChild<QCheckBox *>(QStringLiteral("exportAllowUnapproved"))->setChecked(true);
    QSignalSpy diff(panel, &ui::ExportPanel::diffReady);
    panel->previewRustDiff();
    ASSERT_TRUE(diff.wait(10000));
    // Applying runs the check on its own, as the reviewer would run `memspec check` next.
    ui::ServiceCheckView *view = panel->serviceCheck();
    QSignalSpy checked(view, &ui::ServiceCheckView::checked);
    QSignalSpy applied(panel, &ui::ExportPanel::patchApplied);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("exportApplyPatch")), Qt::LeftButton);
    ASSERT_TRUE(applied.wait(10000));
    ASSERT_TRUE(checked.count() > 0 || checked.wait(10000));
    ASSERT_TRUE(view->result().has_value());
    ASSERT_TRUE(view->result()->ok());
    const RustCheckReport &report = view->result()->value();

    // The values written were nobody's sign-off, so the strict check fails: in the CLI and in the studio.
    const CheckRun cli = cliCheck(tree);
    EXPECT_EQ(cli.code, 1);
    EXPECT_FALSE(report.ok());
    ASSERT_FALSE(cli.errLines.isEmpty());
    EXPECT_EQ(cli.errLines.last(), QStringLiteral("memspec check: ") + report.summary());
    EXPECT_TRUE(report.summary().contains(QStringLiteral("of 12 model(s)"))) << report.summary().toStdString();
    EXPECT_EQ(report.checked, 13); // CLIP's two statics, counted alike by both
    auto *list = window->findChild<QListWidget *>(QStringLiteral("serviceCheckDifferences"));
    ASSERT_EQ(list->count(), report.differences.size());
    for (int i = 0; i < list->count(); ++i) {
        EXPECT_TRUE(cli.errLines.contains(QStringLiteral("memspec check: ") + list->item(i)->text())) << i;
    }
    const QString label = window->findChild<QLabel *>(QStringLiteral("serviceCheckVerdict"))->text();
    EXPECT_TRUE(label.contains(QStringLiteral("Fails."))) << label.toStdString();
    // Apply brings the check's tab to the front, and its title carries the verdict.
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("exportTabs"));
    ASSERT_NE(tabs, nullptr);
    EXPECT_EQ(tabs->currentWidget(), view);
    EXPECT_EQ(tabs->tabText(tabs->indexOf(view)), QStringLiteral("Service check: fails"));
    // MEMSPEC_SERVICECHECK_SCREENSHOT=file.png saves this state at 1024×700 (docs/screenshots/service-check-*.png).
    if (const QString shot = qEnvironmentVariable("MEMSPEC_SERVICECHECK_SCREENSHOT"); !shot.isEmpty()) {
        window->resize(1024, 700);
        QTest::qWait(200);
        EXPECT_TRUE(window->grab().save(shot)) << qPrintable(shot);
    }

    // With unsigned values allowed, both pass.
    window->findChild<QCheckBox *>(QStringLiteral("serviceCheckAllowUnapproved"))->setChecked(true);
    view->runCheck();
    ASSERT_TRUE(checked.wait(10000));
    EXPECT_TRUE(view->result()->value().ok());
    EXPECT_TRUE(
        window->findChild<QLabel *>(QStringLiteral("serviceCheckVerdict"))->text().contains(QStringLiteral("Passes.")));
}

TEST_F(ServiceCheck, AFolderWithoutRustFilesIsAnError)
{
    const QString empty = dirPath() + QStringLiteral("/not-the-service");
    ASSERT_TRUE(QDir().mkpath(empty));
    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    panel->setSourceTree(empty);
    ui::ServiceCheckView *view = panel->serviceCheck();
    QSignalSpy checked(view, &ui::ServiceCheckView::checked);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("serviceCheckRun")), Qt::LeftButton);
    ASSERT_TRUE(checked.wait(10000));
    ASSERT_TRUE(view->result().has_value());
    ASSERT_FALSE(view->result()->ok());
    EXPECT_TRUE(view->result()->error().contains(empty));
    const QString label = window->findChild<QLabel *>(QStringLiteral("serviceCheckVerdict"))->text();
    EXPECT_TRUE(label.contains(QStringLiteral("no Rust (.rs) files"))) << label.toStdString();
    EXPECT_EQ(cliCheck(empty).code, 1);
    // The diff preview refuses it too.
    QSignalSpy failed(panel, &ui::ExportPanel::failed);
    panel->previewRustDiff();
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("no Rust (.rs) files")));
}

TEST_F(ServiceCheck, AdoptingTheServicesModelIsOneUndoableStep)
{
    const QString tree = copyServiceTree(dirPath() + QStringLiteral("/service"));
    const QString stella = tree + QStringLiteral("/packages/candle/src/capability/text_embedding/stella.rs");
    QFile f(stella);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QByteArray src = f.readAll();
    f.close();
    src.replace("dunzhang/stella_en_1.5B_v5", "dunzhang/stella_en_400M_v5");
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(src);
    f.close();

    window->showView(QStringLiteral("export"));
    ui::ExportPanel *panel = window->exportPanel();
    panel->setSourceTree(tree);
    ui::ServiceCheckView *view = panel->serviceCheck();
    QSignalSpy checked(view, &ui::ServiceCheckView::checked);
    view->runCheck();
    ASSERT_TRUE(checked.wait(10000));
    auto *list = window->findChild<QTreeWidget *>(QStringLiteral("serviceMismatchList"));
    ASSERT_GE(list->topLevelItemCount(), 1);
    QTreeWidgetItem *first = list->topLevelItem(0);
    EXPECT_EQ(first->text(0), QStringLiteral("repo differs"));
    EXPECT_EQ(first->text(1), QStringLiteral("dunzhang/stella_en_1.5B_v5"));
    EXPECT_TRUE(first->text(2).startsWith(QStringLiteral("dunzhang/stella_en_400M_v5")))
        << first->text(2).toStdString();
    auto *adopt = window->findChild<QPushButton *>(QStringLiteral("serviceMismatchAdopt"));
    EXPECT_FALSE(adopt->isEnabled());
    list->setCurrentItem(first);
    EXPECT_TRUE(adopt->isEnabled());
    // A static without a model cannot be adopted.
    for (int i = 1; i < list->topLevelItemCount(); ++i) {
        list->setCurrentItem(list->topLevelItem(i));
        EXPECT_FALSE(adopt->isEnabled()) << list->topLevelItem(i)->text(0).toStdString();
    }
    list->setCurrentItem(first);

    const int undoBefore = state->undoStack()->count();
    QTest::mouseClick(adopt, Qt::LeftButton);
    EXPECT_EQ(state->undoStack()->count(), undoBefore + 1);
    EXPECT_TRUE(state->workspace().registry().find(QStringLiteral("dunzhang/stella_en_400M_v5")));
    EXPECT_FALSE(state->workspace().registry().find(QStringLiteral("dunzhang/stella_en_1.5B_v5")));
    ASSERT_TRUE(checked.wait(10000)); // the check runs again on the new registry
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        EXPECT_NE(list->topLevelItem(i)->text(0), QStringLiteral("repo differs"));
    }
    // The audit trail says what happened; undo brings the 1.5B model back.
    bool logged = false;
    for (const AuditEvent &e : state->audit()) {
        logged = logged || (e.action == QLatin1String("registry_upsert") &&
                            e.model == QLatin1String("dunzhang/stella_en_400M_v5"));
    }
    EXPECT_TRUE(logged);
    state->undoStack()->undo();
    EXPECT_TRUE(state->workspace().registry().find(QStringLiteral("dunzhang/stella_en_1.5B_v5")));
    EXPECT_FALSE(state->workspace().registry().find(QStringLiteral("dunzhang/stella_en_400M_v5")));
}
