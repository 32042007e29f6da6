// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "projectactions.h"

#include "app/settings/settings.h"

#include "ui/support/filedialog.h"
#include "ui/support/messagebox.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>

namespace memspec::ui {

namespace {
const QString kFilter = QStringLiteral("MemSpec projects (*.json);;All files (*)");
} // namespace

ProjectActions::ProjectActions(StudioState *state, Settings *settings, QMainWindow *window)
    : QObject(window), m_state(state), m_settings(settings), m_window(window),
      m_new(new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New project"), this)),
      m_open(new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open project…"), this)),
      m_save(new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save project"), this)),
      m_saveAs(new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save project &as…"), this)),
      m_recent(new QMenu(tr("Open &recent"), window))
{
    m_new->setObjectName(QStringLiteral("actionNew"));
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("Start an unsaved project on the bundled registry (Ctrl+N)"));
    m_open->setObjectName(QStringLiteral("actionOpen"));
    m_open->setShortcut(QKeySequence::Open);
    m_save->setObjectName(QStringLiteral("actionSave"));
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs->setObjectName(QStringLiteral("actionSaveAs"));
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_recent->setObjectName(QStringLiteral("menuRecent"));

    connect(m_new, &QAction::triggered, this, &ProjectActions::newProject);
    connect(m_open, &QAction::triggered, this, [this]() {
        const QString path = FileDialog::openFileName(m_window, tr("Open project"), dialogFolder(), kFilter);
        if (!path.isEmpty()) {
            openProject(path);
        }
    });
    connect(m_save, &QAction::triggered, this, &ProjectActions::save);
    connect(m_saveAs, &QAction::triggered, this, &ProjectActions::saveAs);
    connect(m_recent, &QMenu::aboutToShow, this, &ProjectActions::rebuildRecentMenu);
    connect(m_state, &StudioState::unsavedChangesChanged, m_window, &QWidget::setWindowModified);
    connect(m_state, &StudioState::workspaceReplaced, this, &ProjectActions::updateTitle);
    rebuildRecentMenu();
    updateTitle();
}

Result<ProjectActions::Startup> ProjectActions::openAtStart(const QString &path, const QString &refreshCacheDir)
{
    auto ws = Workspace::open(path, refreshCacheDir);
    // The studio is a writer like `memspec set`: it holds the project's lock while the project is open.
    const auto locked = ws ? ws->projectFile()->lock() : Result<Done>::failure(ws.error());
    if (locked) {
        return Startup{std::move(ws).value(), {}};
    }
    auto bundled = Workspace::openBundled(refreshCacheDir);
    if (!bundled) {
        return Result<Startup>::failure(bundled.error());
    }
    return Startup{std::move(bundled).value(), locked.error()};
}

void ProjectActions::startupChecks(const QString &startupError)
{
    if (!startupError.isEmpty()) {
        MessageBox::warning(
            m_window, tr("Cannot open the project"),
            tr("%1\n\nThe studio opened without it, on an unsaved project. The file was not changed and will "
               "not be written to; use Save project as… to keep your work elsewhere.")
                .arg(startupError));
        return;
    }
    const QString path = m_state->workspace().projectPath();
    if (!path.isEmpty() && QFileInfo(path) != QFileInfo(Workspace::defaultProjectPath())) {
        m_settings->addRecentProject(path);
    }
    offerRecovery();
}

bool ProjectActions::offerRecovery()
{
    ProjectFile *file = m_state->workspace().projectFile();
    if (!file || !file->hasRecovery()) {
        return false;
    }
    const QFileInfo info(file->recoveryPath());
    const auto answer = MessageBox::question(
        m_window, tr("Restore unsaved changes?"),
        tr("A session that did not close left unsaved changes to %1 (written %2 to %3).\n\nRestore them? Discard "
           "deletes "
           "the recovery file.")
            .arg(file->path(), QLocale().toString(info.lastModified(), QLocale::ShortFormat), info.absoluteFilePath()),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        file->discardRecovery();
        return false;
    }
    const auto restored = m_state->restoreRecovery();
    if (!restored) {
        MessageBox::warning(m_window, tr("Cannot restore unsaved changes"),
                            tr("%1\n\nThe recovery file was kept.").arg(restored.error()));
        return false;
    }
    Q_EMIT statusMessage(tr("Restored unsaved changes to %1; save to keep them").arg(file->path()));
    return true;
}

bool ProjectActions::maybeSave()
{
    if (!m_state->hasUnsavedChanges()) {
        return true;
    }
    const QString path = m_state->workspace().projectPath();
    const auto answer =
        MessageBox::question(m_window, tr("Unsaved review changes"),
                             path.isEmpty() ? tr("This project has never been saved. Save the changes?")
                                            : tr("Save the changes to %1?").arg(path),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

bool ProjectActions::save()
{
    if (m_state->workspace().projectPath().isEmpty()) {
        return saveAs();
    }
    const auto saved = m_state->save();
    if (!saved) {
        MessageBox::warning(m_window, tr("Cannot save the project"), saved.error());
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(m_state->workspace().projectPath()));
    return true;
}

bool ProjectActions::saveAs()
{
    QString path = FileDialog::saveFileName(m_window, tr("Save project as"), dialogFolder(), kFilter);
    if (path.isEmpty()) {
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".json");
    }
    const auto saved = m_state->saveAs(path);
    if (!saved) {
        MessageBox::warning(m_window, tr("Cannot save the project"), saved.error());
        return false;
    }
    m_settings->addRecentProject(m_state->workspace().projectPath());
    updateTitle();
    Q_EMIT statusMessage(tr("Saved %1").arg(m_state->workspace().projectPath()));
    return true;
}

void ProjectActions::newProject()
{
    if (!maybeSave()) {
        return;
    }
    auto ws = Workspace::openBundled(m_settings->cacheDir());
    if (!ws) {
        MessageBox::warning(m_window, tr("Cannot start a new project"), ws.error());
        return;
    }
    m_state->replaceWorkspace(std::move(ws).value());
    Q_EMIT statusMessage(tr("New project on the bundled registry; Save project as… writes it"));
}

bool ProjectActions::openProject(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        MessageBox::warning(m_window, tr("Cannot open the project"), tr("%1 does not exist.").arg(path));
        QStringList recent = m_settings->recentProjects();
        recent.removeAll(path);
        m_settings->setValue(Settings::Key::RecentProjects, recent);
        return false;
    }
    if (!maybeSave()) {
        return false;
    }
    auto ws = Workspace::open(path, m_settings->cacheDir());
    // Reopening the open project: its lock moves to the new handle.
    ProjectFile *current = m_state->workspace().projectFile();
    const bool same = ws && current && current->path() == ws->projectPath();
    if (same) {
        current->unlock();
    }
    const auto locked = ws ? ws->projectFile()->lock() : Result<Done>::failure(ws.error());
    if (!locked) {
        if (same) {
            (void)current->lock(); // best effort: the old handle had it a moment ago
        }
        MessageBox::warning(m_window, tr("Cannot open the project"),
                            tr("%1\n\nThe current project stays open; the file was not changed.").arg(locked.error()));
        return false;
    }
    m_state->replaceWorkspace(std::move(ws).value());
    m_settings->addRecentProject(m_state->workspace().projectPath());
    Q_EMIT statusMessage(tr("Opened %1").arg(m_state->workspace().projectPath()));
    offerRecovery();
    return true;
}

void ProjectActions::updateTitle()
{
    const QString path = m_state->workspace().projectPath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    // "[*]" is where Qt shows the unsaved marker while windowModified is set.
    m_window->setWindowTitle(tr("%1[*] — MemSpec Studio").arg(name));
    m_window->setWindowModified(m_state->hasUnsavedChanges());
    m_save->setToolTip(path.isEmpty() ? tr("Save to a new file (Ctrl+S)") : tr("Save to %1 (Ctrl+S)").arg(path));
}

void ProjectActions::rebuildRecentMenu()
{
    m_recent->clear();
    const QStringList recent = m_settings->recentProjects();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &path = recent.at(i);
        // "&&": a literal ampersand in a file name is not a mnemonic.
        QString label = QStringLiteral("&%1 %2").arg(i + 1).arg(
            QDir::toNativeSeparators(path).replace(QLatin1Char('&'), QStringLiteral("&&")));
        auto *a = m_recent->addAction(label, this, [this, path]() { openProject(path); });
        a->setObjectName(QStringLiteral("actionRecent%1").arg(i));
    }
    if (recent.isEmpty()) {
        m_recent->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recent->addSeparator();
    m_recent->addAction(tr("&Clear list"), this,
                        [this]() { m_settings->setValue(Settings::Key::RecentProjects, QStringList()); });
}

QString ProjectActions::dialogFolder() const
{
    const QString path = m_state->workspace().projectPath();
    if (!path.isEmpty()) {
        return QFileInfo(path).absolutePath();
    }
    const QStringList recent = m_settings->recentProjects();
    return recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
}

} // namespace memspec::ui
