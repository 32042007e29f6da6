// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The studio never loses a review: File menu (New, Open, Save, Save As, recent), the unsaved marker, the question
// on quit, the recovery offer after a kill, and the dialog for a project file that cannot be read.
#include "app/review/workspace.h"
#include "app/settings/settings.h"

#include "ui/mainwindow.h"
#include "ui/models/modellistmodel.h"
#include "ui/studiooptions.h"
#include "ui/support/filedialog.h"
#include "ui/support/messagebox.h"
#include "ui/support/projectactions.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <memory>

using namespace memspec;

namespace {

const QString kPhi = QStringLiteral("microsoft/phi-4");

class StudioProject : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        settings = std::make_unique<Settings>(dir.filePath(QStringLiteral("settings.ini")));
        ui::MessageBox::clearAnswers();
    }

    void TearDown() override
    {
        EXPECT_EQ(ui::MessageBox::pendingAnswers(), 0) << "a message box the test expected did not come up";
        ui::MessageBox::clearAnswers();
        window.reset();
        state.reset();
    }

    // A window on `ws`, as main() builds it.
    void start(Workspace ws)
    {
        window.reset();
        state = std::make_unique<ui::StudioState>(std::move(ws), settings.get());
        window = std::make_unique<ui::MainWindow>(state.get(), settings.get());
        window->show();
    }

    void startOn(const QString &projectPath)
    {
        auto ws = Workspace::open(projectPath);
        ASSERT_TRUE(ws.ok()) << qPrintable(ws.error());
        start(std::move(ws).value());
    }

    void editContext(qint64 tokens)
    {
        EstimateParams p = state->parameters(kPhi);
        p.context = tokens;
        ASSERT_TRUE(state->setParameters(kPhi, p).ok());
    }

    // As main() opens it (ProjectActions::openAtStart, which takes the project lock); the startup error, if any.
    QString startLocked(const QString &projectPath)
    {
        auto startup = ui::ProjectActions::openAtStart(projectPath, {});
        EXPECT_TRUE(startup.ok());
        start(std::move(startup->workspace));
        return startup->error;
    }

    // `memspec --project FILE set microsoft/phi-4 --context N` as a real process.
    static int cliSet(const QString &project, int context, QByteArray *err = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"),
                {QStringLiteral("--project"), project, QStringLiteral("set"), kPhi, QStringLiteral("--context"),
                 QString::number(context)});
        EXPECT_TRUE(p.waitForFinished(60000));
        if (err) {
            *err = p.readAllStandardError();
        }
        return p.exitCode();
    }

    static QByteArray myPid() { return QByteArray("pid ") + QByteArray::number(QCoreApplication::applicationPid()); }

    QAction *action(const char *name) const { return window->findChild<QAction *>(QLatin1String(name)); }
    QString path(const char *name) const { return dir.filePath(QLatin1String(name)); }

    static QByteArray bytesOf(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir dir;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<ui::StudioState> state;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace

TEST_F(StudioProject, UntitledProjectSavesThroughSaveAsAndTheMarkerFollows)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    start(std::move(ws).value());
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("Untitled[*]"))) << qPrintable(window->windowTitle());
    EXPECT_FALSE(window->isWindowModified());
    editContext(4096);
    EXPECT_TRUE(window->isWindowModified());

    const QString file = path("review"); // no suffix: .json is added
    ui::FileDialog::setNextAnswer(file);
    action("actionSave")->trigger(); // no file yet: Save asks where
    const QString saved = file + QStringLiteral(".json");
    ASSERT_TRUE(QFile::exists(saved));
    EXPECT_FALSE(window->isWindowModified());
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("review.json[*]")))
        << qPrintable(window->windowTitle());
    EXPECT_EQ(settings->recentProjects().value(0), QFileInfo(saved).absoluteFilePath());
    auto reread = Workspace::open(saved);
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(reread->parameters(kPhi).context.value_or(0), 4096);

    // Undo back to the saved state clears the marker; a further edit sets it again.
    editContext(2048);
    EXPECT_TRUE(window->isWindowModified());
    state->undoStack()->undo();
    EXPECT_FALSE(window->isWindowModified());
}

TEST_F(StudioProject, QuitWithUnsavedChangesAsksSaveDiscardOrCancel)
{
    const QString file = path("quit.json");
    startOn(file);
    editContext(4096);

    ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    EXPECT_FALSE(window->close());
    EXPECT_TRUE(window->isVisible());
    EXPECT_TRUE(ui::MessageBox::lastText().contains(file)) << qPrintable(ui::MessageBox::lastText());
    EXPECT_FALSE(QFile::exists(file));

    ui::MessageBox::setNextAnswer(QMessageBox::Save);
    EXPECT_TRUE(window->close());
    auto reread = Workspace::open(file);
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(reread->parameters(kPhi).context.value_or(0), 4096);
}

TEST_F(StudioProject, QuitAfterDiscardWritesNothingAndDropsTheRecoveryFile)
{
    const QString file = path("discard.json");
    startOn(file);
    editContext(4096);
    ASSERT_TRUE(state->workspace().projectFile()->hasRecovery());
    const int asked = ui::MessageBox::shownCount();
    ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    EXPECT_TRUE(window->close());
    EXPECT_EQ(ui::MessageBox::shownCount(), asked + 1);
    EXPECT_FALSE(QFile::exists(file));
    // Without changes the window closes without asking.
    startOn(file);
    EXPECT_TRUE(window->close());
    EXPECT_EQ(ui::MessageBox::shownCount(), asked + 1);
}

TEST_F(StudioProject, RecoveryFileOfAKilledSessionIsOfferedAndRestored)
{
    const QString file = path("killed.json");
    startOn(file);
    editContext(4096);
    const QString recovery = state->workspace().projectFile()->recoveryPath();
    ASSERT_TRUE(QFile::exists(recovery));
    // kill -9: the objects go away without closeEvent, the recovery file stays.
    window.reset();
    state.reset();
    ASSERT_TRUE(QFile::exists(recovery));

    startOn(file);
    EXPECT_FALSE(state->parameters(kPhi).context.has_value());
    ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    window->projectActions()->startupChecks(QString());
    EXPECT_TRUE(ui::MessageBox::lastText().contains(file)) << qPrintable(ui::MessageBox::lastText());
    EXPECT_EQ(state->parameters(kPhi).context.value_or(0), 4096);
    EXPECT_TRUE(window->isWindowModified()); // restored, not yet saved
    ui::FileDialog::setNextAnswer(QString());
    action("actionSave")->trigger();
    EXPECT_FALSE(QFile::exists(recovery));
    EXPECT_FALSE(window->isWindowModified());
}

TEST_F(StudioProject, DiscardingTheRecoveryOfferDeletesTheRecoveryFile)
{
    const QString file = path("declined.json");
    startOn(file);
    editContext(4096);
    const QString recovery = state->workspace().projectFile()->recoveryPath();
    window.reset();
    state.reset();
    startOn(file);
    ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    EXPECT_FALSE(window->projectActions()->offerRecovery());
    EXPECT_FALSE(QFile::exists(recovery));
    EXPECT_FALSE(state->parameters(kPhi).context.has_value());
    EXPECT_FALSE(window->isWindowModified());
    const int asked = ui::MessageBox::shownCount();
    EXPECT_FALSE(window->projectActions()->offerRecovery()); // nothing left to offer: no box
    EXPECT_EQ(ui::MessageBox::shownCount(), asked);
}

TEST_F(StudioProject, BrokenProjectFileIsNamedInADialogAndNeverOverwritten)
{
    struct Case
    {
        const char *name;
        QByteArray bytes;
        const char *mustSay;
    };
    const Case cases[] = {
        {"garbage.json", QByteArrayLiteral("{\"schema_version\": 2, \x01\x02 garbage"), "at byte "},
        {"empty.json", QByteArray(), "byte 0"},
        {"object.json", QByteArrayLiteral("{}"), "schema_version"},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        const QString file = path(c.name);
        {
            QFile f(file);
            ASSERT_TRUE(f.open(QIODevice::WriteOnly));
            f.write(c.bytes);
        }
        auto startup = ui::ProjectActions::openAtStart(file, {});
        ASSERT_TRUE(startup.ok()) << qPrintable(startup.error());
        EXPECT_TRUE(startup->error.contains(file)) << qPrintable(startup->error);
        EXPECT_TRUE(startup->error.contains(QLatin1String(c.mustSay))) << qPrintable(startup->error);
        EXPECT_TRUE(startup->workspace.projectPath().isEmpty());
        start(startup->workspace);
        ui::MessageBox::setNextAnswer(QMessageBox::Ok);
        window->projectActions()->startupChecks(startup->error);
        EXPECT_TRUE(ui::MessageBox::lastText().contains(file)) << qPrintable(ui::MessageBox::lastText());
        EXPECT_TRUE(ui::MessageBox::lastText().contains(QLatin1String(c.mustSay)));
        EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("Untitled")));

        // The review goes on; saving asks for a new file and the broken one keeps its bytes.
        editContext(4096);
        const QString elsewhere = file + QStringLiteral(".saved.json");
        ui::FileDialog::setNextAnswer(elsewhere);
        action("actionSave")->trigger();
        EXPECT_TRUE(QFile::exists(elsewhere));
        EXPECT_EQ(bytesOf(file), c.bytes);
    }
}

TEST_F(StudioProject, OpenSwitchesProjectsAndABrokenOneLeavesTheCurrentOpen)
{
    const QString a = path("a.json");
    startOn(a);
    editContext(4096);
    ASSERT_TRUE(window->projectActions()->save());

    action("actionNew")->trigger(); // nothing unsaved: no question
    EXPECT_TRUE(state->workspace().projectPath().isEmpty());
    EXPECT_FALSE(state->parameters(kPhi).context.has_value());
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("Untitled")));

    ui::FileDialog::setNextAnswer(a);
    action("actionOpen")->trigger();
    EXPECT_EQ(state->workspace().projectPath(), QFileInfo(a).absoluteFilePath());
    EXPECT_EQ(state->parameters(kPhi).context.value_or(0), 4096);
    EXPECT_EQ(window->modelList()->review(kPhi)->estimate.parameters.context.value_or(0), 4096);

    const QString broken = path("broken.json");
    {
        QFile f(broken);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("not json");
    }
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    EXPECT_FALSE(window->projectActions()->openProject(broken));
    EXPECT_TRUE(ui::MessageBox::lastText().contains(broken));
    EXPECT_EQ(state->workspace().projectPath(), QFileInfo(a).absoluteFilePath());
    EXPECT_EQ(bytesOf(broken), QByteArrayLiteral("not json"));

    // The recent menu lists the saved project and opens it.
    auto *recent = window->projectActions()->recentMenu();
    Q_EMIT recent->aboutToShow();
    auto *first = recent->findChild<QAction *>(QStringLiteral("actionRecent0"));
    ASSERT_NE(first, nullptr);
    EXPECT_TRUE(first->text().contains(QStringLiteral("a.json")));
}

TEST_F(StudioProject, NewWithUnsavedChangesAsksFirstAndCancelKeepsThem)
{
    startOn(path("keep.json"));
    editContext(4096);
    ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    action("actionNew")->trigger();
    EXPECT_EQ(state->parameters(kPhi).context.value_or(0), 4096);
    EXPECT_TRUE(window->isWindowModified());
}

TEST(StudioCommandLine, HelpAndVersionAreOptionsAndUsageNamesTheDefaultProject)
{
    ui::StudioOptions o;
    QString error;
    ASSERT_TRUE(ui::StudioOptions::parse({QStringLiteral("memspec-studio"), QStringLiteral("--help")}, &o, &error));
    EXPECT_TRUE(o.help);
    ui::StudioOptions v;
    ASSERT_TRUE(ui::StudioOptions::parse({QStringLiteral("memspec-studio"), QStringLiteral("--version")}, &v, &error));
    EXPECT_TRUE(v.version);
    const QString usage = ui::StudioOptions::usage();
    for (const char *word : {"--project", "--select", "--view", "--screenshot", "--help", "--version"}) {
        EXPECT_TRUE(usage.contains(QLatin1String(word))) << word;
    }
    EXPECT_TRUE(usage.contains(Workspace::defaultProjectPath()));
    ui::StudioOptions bad;
    EXPECT_FALSE(
        ui::StudioOptions::parse({QStringLiteral("memspec-studio"), QStringLiteral("--frobnicate")}, &bad, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("--frobnicate")));
    EXPECT_TRUE(error.contains(QStringLiteral("--help")));
}

TEST(StudioCommandLine, DefaultProjectIsSharedWithTheCli)
{
    // The CLI's AppDataLocation folder (MemSpec/memspec), whatever the program is called.
    EXPECT_TRUE(Workspace::defaultProjectPath().endsWith(QStringLiteral("/MemSpec/memspec/default-project.json")))
        << qPrintable(Workspace::defaultProjectPath());
}

// The studio is a writer: while it has a project open it holds the lock the CLI takes.
TEST_F(StudioProject, CliRefusesToWriteTheOpenProjectNamingTheStudiosPid)
{
    const QString project = path("p.json");
    ASSERT_EQ(cliSet(project, 4096), 0);
    const QByteArray before = bytesOf(project);
    ASSERT_TRUE(startLocked(project).isEmpty());
    ASSERT_TRUE(state->workspace().projectFile()->isLocked());

    QByteArray err;
    EXPECT_EQ(cliSet(project, 8192, &err), 1);
    EXPECT_TRUE(err.contains(myPid())) << err.toStdString();
    EXPECT_TRUE(err.contains(QFileInfo(project).absoluteFilePath().toUtf8())) << err.toStdString();
    EXPECT_EQ(bytesOf(project), before);

    // Closing the window releases it.
    ASSERT_TRUE(window->close());
    EXPECT_EQ(cliSet(project, 8192, &err), 0) << err.toStdString();
}

TEST_F(StudioProject, SecondStudioIsToldWhoHoldsTheProjectAndOpensWithoutIt)
{
    const QString project = path("p.json");
    ASSERT_EQ(cliSet(project, 4096), 0);
    auto first = Workspace::open(project);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first->projectFile()->lock().ok()); // the first studio

    const QString error = startLocked(project);
    EXPECT_TRUE(error.contains(QString::fromUtf8(myPid()))) << error.toStdString();
    EXPECT_TRUE(state->workspace().projectPath().isEmpty()); // opened without it, on an unsaved project
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    window->projectActions()->startupChecks(error);
    EXPECT_TRUE(ui::MessageBox::lastText().contains(QString::fromUtf8(myPid())))
        << ui::MessageBox::lastText().toStdString();
    EXPECT_TRUE(ui::MessageBox::lastText().contains(QFileInfo(project).absoluteFilePath()));

    // File ▸ Open of the held project: refused the same way, the current project stays open.
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    EXPECT_FALSE(window->projectActions()->openProject(project));
    EXPECT_TRUE(ui::MessageBox::lastText().contains(QString::fromUtf8(myPid())));
    EXPECT_TRUE(state->workspace().projectPath().isEmpty());
    // Save As onto it too: nothing written.
    const QByteArray held = bytesOf(project);
    ui::FileDialog::setNextAnswer(project);
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    EXPECT_FALSE(window->projectActions()->saveAs());
    EXPECT_EQ(bytesOf(project), held);

    // Once the first studio lets go, the project opens (and is then held by this one).
    first->projectFile()->unlock();
    EXPECT_TRUE(window->projectActions()->openProject(project));
    EXPECT_EQ(state->workspace().projectPath(), QFileInfo(project).absoluteFilePath());
    EXPECT_TRUE(state->workspace().projectFile()->isLocked());
}

TEST_F(StudioProject, SwitchingProjectsMovesTheLock)
{
    const QString a = path("a.json");
    const QString b = path("b.json");
    ASSERT_EQ(cliSet(a, 4096), 0);
    ASSERT_EQ(cliSet(b, 4096), 0);
    ASSERT_TRUE(startLocked(a).isEmpty());
    EXPECT_EQ(cliSet(a, 2048), 1);

    // Reopening the open project keeps it held.
    EXPECT_TRUE(window->projectActions()->openProject(a));
    EXPECT_EQ(cliSet(a, 2048), 1);

    // Open another: the first is free, the second held.
    EXPECT_TRUE(window->projectActions()->openProject(b));
    EXPECT_EQ(cliSet(a, 2048), 0);
    EXPECT_EQ(cliSet(b, 2048), 1);

    // Save As: the lock moves to the new file.
    const QString c = path("c.json");
    ui::FileDialog::setNextAnswer(c);
    ASSERT_TRUE(window->projectActions()->saveAs());
    EXPECT_EQ(cliSet(b, 1024), 0);
    EXPECT_EQ(cliSet(c, 1024), 1);

    // New project: nothing held any more.
    window->projectActions()->newProject();
    EXPECT_TRUE(state->workspace().projectPath().isEmpty());
    EXPECT_EQ(cliSet(c, 1024), 0);
}
