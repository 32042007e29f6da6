// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Fit and finish: undo whatever has focus, short toolbar words, literal ampersands, Help, an empty filter.
#include "studiofixture.h"

#include "ui/dialogs/settingsdialog.h"
#include "ui/panels/budgetpanel.h"
#include "ui/panels/exportpanel.h"
#include "ui/support/externallinks.h"
#include "ui/support/filedialog.h"
#include "ui/support/messagebox.h"

#include <QAction>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace memspec;
using StudioFinish = test::StudioFixture;

namespace {
// Width an empty line edit has for its placeholder: the frame, Qt's 2 px text margins and any clear button off.
int placeholderRoom(const QLineEdit *edit)
{
    const int frame = edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit);
    int room = edit->contentsRect().width() - 2 * frame - 4 - edit->textMargins().left() - edit->textMargins().right();
    for (const QToolButton *b : edit->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        room -= b->width();
    }
    return room;
}

// Every hint a user sees in `top` is whole: placeholders fit their line edits, wrapped labels have their height, and
// labels that do not wrap have their width.
void expectNoClippedHints(QWidget *top, const std::string &where)
{
    int checked = 0;
    for (const QLineEdit *edit : top->findChildren<QLineEdit *>()) {
        if (!edit->isVisibleTo(top) || edit->placeholderText().isEmpty() || edit->width() < 2) {
            continue;
        }
        ++checked;
        EXPECT_LE(edit->fontMetrics().horizontalAdvance(edit->placeholderText()), placeholderRoom(edit))
            << where << ": placeholder of " << qPrintable(edit->objectName()) << " is cut: \""
            << qPrintable(edit->placeholderText()) << "\" in " << edit->width() << " px";
    }
    for (const QLabel *label : top->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(top) || label->text().isEmpty() || !label->pixmap().isNull()) {
            continue;
        }
        ++checked;
        if (label->wordWrap()) {
            EXPECT_GE(label->height(), label->heightForWidth(label->width()))
                << where << ": wrapped label " << qPrintable(label->objectName())
                << " is cut: " << qPrintable(label->text());
        } else {
            EXPECT_GE(label->width(), label->minimumSizeHint().width())
                << where << ": label " << qPrintable(label->objectName()) << " is cut: " << qPrintable(label->text());
        }
    }
    EXPECT_GT(checked, 0) << where;
}
} // namespace

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
    EXPECT_TRUE(QTest::qWaitFor([context]() { return context->value() == 32768; }, 10000)); // the panel follows
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
    EXPECT_TRUE(undo->text().contains(QStringLiteral("microsoft/phi-4"))); // the Edit menu says what
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

TEST_F(StudioFinish, SettingsHintsAreNotClipped)
{
    ui::SettingsDialog dialog(settings.get());
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    QTest::qWait(20);
    expectNoClippedHints(&dialog, "settings");
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("settingsToken"));
    ASSERT_NE(token, nullptr);
    EXPECT_FALSE(token->placeholderText().isEmpty());
}

TEST_F(StudioFinish, HintsInEveryViewAreWholeAt1024x700)
{
    window->resize(1024, 700);
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4")));
    for (const QString &view :
         {QStringLiteral("card"), QStringLiteral("budget"), QStringLiteral("export"), QStringLiteral("envelope")}) {
        ASSERT_TRUE(window->showView(view));
        QTest::qWait(30);
        int placeholders = 0;
        for (const QLineEdit *edit : window->findChildren<QLineEdit *>()) {
            if (!edit->isVisibleTo(window.get()) || edit->placeholderText().isEmpty() || !edit->text().isEmpty()) {
                continue;
            }
            ++placeholders;
            EXPECT_LE(edit->fontMetrics().horizontalAdvance(edit->placeholderText()), placeholderRoom(edit))
                << qPrintable(view) << ": placeholder of " << qPrintable(edit->objectName()) << " is cut: \""
                << qPrintable(edit->placeholderText()) << "\" in " << edit->width() << " px";
        }
        EXPECT_GT(placeholders, 0) << qPrintable(view);
        EXPECT_EQ(window->size(), QSize(1024, 700)) << qPrintable(view) << ": the view needs a larger window";
        // MEMSPEC_SCREENSHOT_DIR=DIR saves each view as DIR/VIEW-1024x700[-scale2].png (docs/screenshots/).
        if (const QString dir = qEnvironmentVariable("MEMSPEC_SCREENSHOT_DIR"); !dir.isEmpty()) {
            const QPixmap shot = window->grab();
            const QString suffix = shot.devicePixelRatio() > 1.5 ? QStringLiteral("-scale2") : QString();
            EXPECT_TRUE(shot.save(dir + QLatin1Char('/') + view + QStringLiteral("-1024x700") + suffix +
                                  QStringLiteral(".png")));
        }
    }
}

TEST_F(StudioFinish, HelpOpensTheDocsAndListsTheShortcuts)
{
    QList<QUrl> opened;
    ui::ExternalLinks::setHandlerForTests([&opened](const QUrl &u) {
        opened << u;
        return true;
    });
    // Every doc the Help menu offers opens a file of the repository's docs/ (a build finds them in the source tree).
    QStringList docs;
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->objectName().startsWith(QStringLiteral("actionDoc_"))) {
            docs << a->objectName().mid(10);
            a->trigger();
        }
    }
    ui::ExternalLinks::setHandlerForTests({});
    ASSERT_EQ(opened.size(), docs.size());
    EXPECT_GE(docs.size(), 4);
    EXPECT_TRUE(docs.contains(QStringLiteral("user-guide"))) << qPrintable(docs.join(QLatin1Char(' ')));
    const QString repoDocs = QFileInfo(QStringLiteral(MEMSPEC_SOURCE_DIR_DEFAULT "/docs")).canonicalFilePath();
    for (const QUrl &u : std::as_const(opened)) {
        ASSERT_TRUE(u.isLocalFile()) << qPrintable(u.toString());
        const QFileInfo doc(u.toLocalFile());
        EXPECT_TRUE(doc.isFile()) << qPrintable(u.toString());
        EXPECT_EQ(doc.canonicalPath(), repoDocs) << qPrintable(u.toString());
        EXPECT_TRUE(docs.contains(doc.completeBaseName())) << qPrintable(u.toString());
    }
    // A card's file: link is still refused; only the docs the studio resolves itself open locally.
    EXPECT_FALSE(ui::ExternalLinks::open(opened.value(0)));

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
    EXPECT_NE(window->findChild<QLabel *>(QStringLiteral("breakdownTitle"))->text(),
              QStringLiteral("Jina Embeddings v2 Base EN"));
    EXPECT_FALSE(window->findChild<QAction *>(QStringLiteral("actionSignOff"))->isEnabled());
    filter->clear();
    ASSERT_TRUE(window->selectModel(QStringLiteral("jina")));
    EXPECT_EQ(breakdownTable()->model()->rowCount(), 6);
}

TEST_F(StudioFinish, EmptyCardSaysTableCollapsesAndTheAuditShowsSeveralRows)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("microsoft/phi-4"))); // the bundled facts carry no card figure
    auto *evidence = window->findChild<QTableView *>(QStringLiteral("evidenceTable"));
    ASSERT_NE(evidence, nullptr);
    EXPECT_EQ(evidence->model()->rowCount(), 0);
    EXPECT_TRUE(evidence->isHidden());
    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    auto *tabs = window->findChild<QWidget *>(QStringLiteral("breakdownTabs"));
    // Room for the header and at least three rows of the audit trail.
    EXPECT_GE(tabs->minimumHeight(),
              audit->horizontalHeader()->sizeHint().height() + 3 * audit->verticalHeader()->defaultSectionSize());
}

// The breakdown's Total row shows without scrolling for every model, and the audit tab shows more than one row of
// the trail, at 1024×700 (what QT_SCALE_FACTOR=2 leaves of a 2048×1400 screen) and at 1600×900.
TEST_F(StudioFinish, TotalRowAndSeveralAuditRowsShowWithoutScrolling)
{
    const QString phi = QStringLiteral("microsoft/phi-4");
    ASSERT_TRUE(state->signOff(phi, QStringLiteral("Ada")).ok());
    ASSERT_TRUE(state->setOverride(phi, 20000, QStringLiteral("measured on the staging pool")).ok());
    ASSERT_TRUE(state->signOff(phi, QStringLiteral("Grace")).ok());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return !state->isEstimating(); }, 10000));
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("breakdownTabs"));
    auto *audit = window->findChild<QTableView *>(QStringLiteral("auditTable"));
    QStringList keys;
    for (const ModelReview &r : state->reviews()) {
        keys << r.entry.key;
    }
    ASSERT_EQ(keys.size(), 12);
    for (const QSize size : {QSize(1024, 700), QSize(1600, 900)}) {
        window->resize(size);
        QTest::qWait(50);
        ASSERT_EQ(window->size(), size);
        const std::string at = std::to_string(size.width()) + "x" + std::to_string(size.height());
        // The model list keeps room for the names (the status shrinks to its dot first).
        auto *list = window->findChild<QTreeView *>(QStringLiteral("modelList"));
        EXPECT_GE(list->header()->sectionSize(ui::ModelListModel::NameColumn),
                  list->fontMetrics().averageCharWidth() * 12)
            << at;
        for (const QString &key : std::as_const(keys)) {
            ASSERT_TRUE(window->selectModel(key)) << qPrintable(key);
            QTest::qWait(20); // rows resize to their wrapped contents on the next layout pass
            QTableView *table = breakdownTable();
            const int total = table->model()->rowCount() - 1;
            ASSERT_EQ(total, 5) << qPrintable(key);
            EXPECT_EQ(table->verticalScrollBar()->value(), 0);
            const QRect row = table->visualRect(table->model()->index(total, 0));
            EXPECT_TRUE(table->viewport()->rect().contains(row))
                << at << " " << qPrintable(key) << ": Total row at y " << row.top() << "–" << row.bottom()
                << ", viewport height " << table->viewport()->height();
        }
        ASSERT_TRUE(window->selectModel(phi));
        tabs->setCurrentWidget(audit->parentWidget());
        QTest::qWait(20);
        ASSERT_GE(audit->model()->rowCount(), 3);
        for (int r = 0; r < 2; ++r) {
            EXPECT_TRUE(audit->viewport()->rect().contains(audit->visualRect(audit->model()->index(r, 0))))
                << at << ": audit row " << r << " is cut off; viewport height " << audit->viewport()->height();
        }
    }
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

TEST_F(StudioFinish, BudgetExportFolderIsRemembered)
{
    window->showView(QStringLiteral("budget"));
    auto *budget = window->findChild<ui::BudgetPanel *>(QStringLiteral("budgetView"));
    ASSERT_NE(budget, nullptr);
    const QString charts = dirPath() + QStringLiteral("/charts");
    ASSERT_TRUE(QDir().mkpath(charts));
    // First export: nothing remembered yet, so the dialog offers a bare file name.
    ui::FileDialog::setNextAnswer(charts + QStringLiteral("/h100.png"));
    QTest::mouseClick(budget->findChild<QPushButton *>(QStringLiteral("budgetExportPng")), Qt::LeftButton);
    EXPECT_EQ(ui::FileDialog::lastOffered(), QStringLiteral("budget.png"));
    ASSERT_TRUE(QFileInfo::exists(charts + QStringLiteral("/h100.png")));

    // The next session (a new panel on the same settings) offers that folder, for every budget export.
    ui::BudgetPanel next;
    next.setSettings(settings.get());
    ui::FileDialog::setNextAnswer(QString()); // cancelled: nothing written
    QTest::mouseClick(next.findChild<QPushButton *>(QStringLiteral("budgetExportCsv")), Qt::LeftButton);
    EXPECT_EQ(ui::FileDialog::lastOffered(), charts + QStringLiteral("/budget.csv"));
    EXPECT_FALSE(QFileInfo::exists(charts + QStringLiteral("/budget.csv")));

    // A failed export leaves the remembered folder alone.
    ui::FileDialog::setNextAnswer(dirPath() + QStringLiteral("/missing/dir/b.svg"));
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::mouseClick(next.findChild<QPushButton *>(QStringLiteral("budgetExportSvg")), Qt::LeftButton);
    EXPECT_EQ(ui::MessageBox::pendingAnswers(), 0);
    EXPECT_TRUE(ui::MessageBox::lastText().contains(QStringLiteral("missing/dir/b.svg")))
        << qPrintable(ui::MessageBox::lastText());
    EXPECT_EQ(settings->value(Settings::Key::BudgetExportFolder).toString(), charts);
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
