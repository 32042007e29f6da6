// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/workspace.h"

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace memspec {
class Settings;
}

namespace memspec::ui {

class StudioState;

// The File menu's document lifecycle: New, Open…, Open Recent, Save, Save As…, the "[*]" unsaved marker in the
// window title, the Save / Discard / Cancel question before unsaved work is dropped, the offer to restore the
// recovery file a killed session left behind, and the dialog for a project file that cannot be read (the studio
// then opens without it and never writes to it). Every dialog goes through MessageBox and FileDialog.
class ProjectActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectActions)
public:
    ProjectActions(StudioState *state, Settings *settings, QMainWindow *window);

    // The project the studio starts with: `path` (the default project when empty). When it cannot be opened the
    // workspace is the bundled one with no file, and `error` names the file and what is wrong with it.
    struct Startup
    {
        Workspace workspace;
        QString error;
    };
    static Result<Startup> openAtStart(const QString &path, const QString &refreshCacheDir);

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QMenu *recentMenu() const { return m_recent; }

    // After the window is shown: explains a startup failure, or offers the recovery file when there is one.
    void startupChecks(const QString &startupError);
    // Offers to restore the project's recovery file; true when it was restored.
    bool offerRecovery();
    // Asks Save / Discard / Cancel when there are unsaved changes; false when the user cancelled (or saving failed).
    bool maybeSave();
    bool save();
    bool saveAs();
    void newProject();
    // Opens another project (after maybeSave); a file that cannot be read leaves the current project open.
    bool openProject(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void updateTitle();
    void rebuildRecentMenu();
    QString dialogFolder() const;

    StudioState *m_state;
    Settings *m_settings;
    QMainWindow *m_window;
    QAction *m_new;
    QAction *m_open;
    QAction *m_save;
    QAction *m_saveAs;
    QMenu *m_recent;
};

} // namespace memspec::ui
