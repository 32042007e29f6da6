// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Fit and finish: undo whatever has focus, short toolbar words, literal ampersands, Help, an empty filter.
#include "studiofixture.h"

#include "ui/dialogs/settingsdialog.h"
#include "ui/panels/exportpanel.h"
#include "ui/support/externallinks.h"

#include <QAction>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>

using namespace memspec;
using StudioFinish = test::StudioFixture;

TEST_F(StudioFinish, UndoAndRedoWorkWithFocusInASpinBox)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    auto *context = window->findChild<QSpinBox *>(QStringLiteral("paramContext"));
    ASSERT_NE(context, nullptr);
    context->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([context]() { return context->hasFocus(); }));
    context->setValue(4096);
    ASSERT_EQ(state->undoStack()->count(), 1);
    QTest::keyClick(context, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(state->undoStack()->index(), 0) << "Ctrl+Z in the spin box did not reach the review's undo";
    EXPECT_FALSE(state->parameters(QStringLiteral("microsoft/phi-4")).context.has_value());
    EXPECT_TRUE(QTest::qWaitFor([context]() { return context->value() == 32768; }, 10000));   // the panel follows
    QTest::keyClick(context, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(state->undoStack()->index(), 1);
    EXPECT_EQ(state->parameters(QStringLiteral("microsoft/phi-4")).context.value_or(0), 4096);
}

TEST_F(StudioFinish, ToolbarUndoShowsAShortWordAndTheFullTextInItsTooltip)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    window->findChild<QSpinBox *>(QStringLiteral("paramContext"))->setValue(4096);
    auto *toolbar = window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    auto *undo = window->findChild<QAction *>(QStringLiteral("actionUndo"));
    auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(undo));
    ASSERT_NE(button, nullptr);
    EXPECT_EQ(button->text(), QStringLiteral("Undo"));
    EXPECT_TRUE(undo->text().contains(QStringLiteral("microsoft/phi-4")));   // the Edit menu says what
    EXPECT_TRUE(undo->toolTip().contains(QStringLiteral("microsoft/phi-4"))) << qPrintable(undo->toolTip());
    EXPECT_TRUE(undo->toolTip().contains(QStringLiteral("Ctrl+Z")));
}

TEST_F(StudioFinish, SettingsLabelsShowNoLiteralAmpersand)
{
    ui::SettingsDialog dialog(settings.get());
    int labels = 0;
    for (QLabel *l : dialog.findChildren<QLabel *>()) {
        if (l->text().contains(QLatin1Char('&')) && !l->text().contains(QStringLiteral("&&"))) {
            ++labels;
            // A mnemonic shows as an underline only when the label has a buddy; otherwise the "&" is printed.
            EXPECT_NE(l->buddy(), nullptr) << qPrintable(l->text());
        }
    }
    EXPECT_GE(labels, 6);
}

TEST_F(StudioFinish, HelpOpensTheDocsAndListsTheShortcuts)
{
    QList<QUrl> opened;
    ui::ExternalLinks::setHandlerForTests([&opened](const QUrl &u) {
        opened << u;
        return true;
    });
    window->findChild<QAction *>(QStringLiteral("actionDoc_user-guide"))->trigger();
    ui::ExternalLinks::setHandlerForTests({});
    ASSERT_EQ(opened.size(), 1);
    EXPECT_TRUE(opened.first().toString().endsWith(QStringLiteral("docs/user-guide.md")));

    auto *shortcuts = window->findChild<QAction *>(QStringLiteral("actionShortcuts"));
    ASSERT_NE(shortcuts, nullptr);
    EXPECT_EQ(shortcuts->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Slash));
    shortcuts->trigger();
    auto *table = window->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    ASSERT_NE(table, nullptr);
    QStringList rows;
    for (int r = 0; r < table->rowCount(); ++r) {
        rows << table->item(r, 0)->text() + QLatin1Char('=') + table->item(r, 1)->text();
    }
    const QString all = rows.join(QLatin1Char('\n'));
    for (const QString &expect : {QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText),
                                  QKeySequence(Qt::CTRL | Qt::Key_Z).toString(QKeySequence::NativeText),
                                  QKeySequence(Qt::CTRL | Qt::Key_F).toString(QKeySequence::NativeText),
                                  QKeySequence(Qt::CTRL | Qt::Key_Slash).toString(QKeySequence::NativeText)}) {
        EXPECT_TRUE(all.contains(expect)) << qPrintable(expect) << "\n" << qPrintable(all);
    }
    EXPECT_TRUE(all.contains(QStringLiteral("Save project as"))) << qPrintable(all);
    table->window()->close();
}

TEST_F(StudioFinish, FilterWithNoMatchClearsTheBreakdown)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("jina")));
    ASSERT_EQ(breakdownTable()->model()->rowCount(), 6);
    auto *filter = window->findChild<QLineEdit *>(QStringLiteral("modelFilter"));
    QTest::keyClicks(filter, QStringLiteral("no model is called this"));
    EXPECT_EQ(breakdownTable()->model()->rowCount(), 0);
    EXPECT_NE(window->findChild<QLabel *>(QStringLiteral("breakdownTitle"))->text(), QStringLiteral("Jina Embeddings v2 Base EN"));
    EXPECT_FALSE(window->findChild<QAction *>(QStringLiteral("actionSignOff"))->isEnabled());
    filter->clear();
    ASSERT_TRUE(window->selectModel(QStringLiteral("jina")));
    EXPECT_EQ(breakdownTable()->model()->rowCount(), 6);
}

TEST_F(StudioFinish, EmptyCardSaysTableCollapsesAndTheAuditShowsSeveralRows)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));   // the bundled facts carry no card figure
    auto *evidence = window->findChild<QTableView *>(QStringLiteral("evidenceTable"));
    ASSERT_NE(evidence, nullptr);
    EXPECT_EQ(evidence->model()->rowCount(), 0);
    EXPECT_TRUE(evidence->isHidden());
    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    auto *tabs = window->findChild<QWidget *>(QStringLiteral("breakdownTabs"));
    // Room for the header and at least three rows of the audit trail.
    EXPECT_GE(tabs->minimumHeight(), audit->horizontalHeader()->sizeHint().height() + 3 * audit->verticalHeader()->defaultSectionSize());
}

// At QT_SCALE_FACTOR=2 a 2048×1400 screen is 1024×700 logical pixels, the size checked here.
TEST_F(StudioFinish, MinimumSizeFitsA1024x700Screen)
{
    const QSize min = window->minimumSizeHint().expandedTo(window->minimumSize());
    EXPECT_LE(min.width(), 1024) << min.width();
    EXPECT_LE(min.height(), 700) << min.height();
}

TEST_F(StudioFinish, ExportFolderAndSourceTreeAreRemembered)
{
    const QString out = dirPath() + QStringLiteral("/exports");
    const QString tree = dirPath() + QStringLiteral("/service");
    window->exportPanel()->setOutputFolder(out);
    window->exportPanel()->setSourceTree(tree);
    // The next session (a new window on the same settings) starts with the same folders.
    ui::ExportPanel next(state.get());
    EXPECT_EQ(next.findChild<QLineEdit *>(QStringLiteral("exportOutDir"))->text(), out);
    EXPECT_EQ(next.findChild<QLineEdit *>(QStringLiteral("exportSourceTree"))->text(), tree);
}

TEST_F(StudioFinish, ContextAboveTheModelsMaximumIsRefusedWithAMessage)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    auto *context = window->findChild<QSpinBox *>(QStringLiteral("paramContext"));
    context->setValue(10000000);
    auto *error = window->findChild<QLabel *>(QStringLiteral("paramError"));
    ASSERT_NE(error, nullptr);
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("maximum"))) << qPrintable(error->text());
    EXPECT_FALSE(state->parameters(QStringLiteral("microsoft/phi-4")).context.has_value());
    EXPECT_EQ(state->undoStack()->count(), 0);
}
