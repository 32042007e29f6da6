// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/export/exportbundle.h"
#include "app/export/rustpatcher.h"

#include "ui/support/jobtracker.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;
class QTabWidget;

namespace memspec::ui {

class ServiceCheckView;
class StudioState;

// The export view: choose the formats and an output folder, preview every file before it is written, and
// preview the Rust patch against a local checkout of the service as a unified diff before applying it.
// Rendering, planning and writing run off the UI thread, each kind of job with its own JobTracker: a newer preview
// (file render, Rust diff) drops an older one's result, but a write's outcome (export, apply) is never dropped, and
// while a write runs, or once its outcome is shown, a preview that started before it leaves the status line alone.
class ExportPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportPanel)
public:
    explicit ExportPanel(StudioState *state, QWidget *parent = nullptr);

    void setOutputFolder(const QString &dir);
    void setSourceTree(const QString &dir);
    void setKinds(const QList<ExportKind> &kinds);
    QList<ExportKind> kinds() const;
    QStringListModel *filesModel() const { return m_files; }
    const QMap<QString, QByteArray> &rendered() const { return m_rendered; }
    const std::optional<RustPatchPlan> &plan() const { return m_plan; }
    ServiceCheckView *serviceCheck() const { return m_check; }

    void renderPreview();   // async: fills the file list
    void exportFiles();     // async: writes the rendered set atomically into the output folder
    void previewRustDiff(); // async: plans the patch and shows the diff
    void applyRustPatch();  // async: applies the previewed plan

Q_SIGNALS:
    void previewReady();
    void exported(const QStringList &paths);
    void diffReady();
    void patchApplied();
    void failed(const QString &message);

private:
    ExportInput input() const;
    void showFile(const QString &path);
    void showDiff(quint64 outcomesAtStart);
    void setBusy(const QString &what);
    // The status line belongs to the writes while one runs or once one finished after outcomesAtStart was taken.
    bool writeOwnsStatus(quint64 outcomesAtStart) const;
    void setPreviewStatus(const QString &what, quint64 outcomesAtStart);

    StudioState *m_state;
    JobTracker m_renderJobs{JobTracker::Policy::LatestOnly};
    JobTracker m_diffJobs{JobTracker::Policy::LatestOnly};
    JobTracker m_exportJobs{JobTracker::Policy::Every};
    JobTracker m_applyJobs{JobTracker::Policy::Every};
    quint64 m_writeOutcomes = 0; // write outcomes delivered so far
    QMap<QString, QCheckBox *> m_kindBoxes;
    QLineEdit *m_outDir;
    QPushButton *m_export;
    QLineEdit *m_sourceTree;
    QCheckBox *m_allowUnapproved;
    QPushButton *m_diff;
    QPushButton *m_apply;
    QLabel *m_status;
    QStringListModel *m_files;
    QListView *m_fileList;
    QPlainTextEdit *m_preview;
    ServiceCheckView *m_check;
    QTabWidget *m_tabs; // the files and their preview | the service check
    QMap<QString, QByteArray> m_rendered;
    std::optional<RustPatchPlan> m_plan;
};

} // namespace memspec::ui
