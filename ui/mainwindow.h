// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class QActionGroup;
class QSplitter;
class QStackedWidget;

namespace memspec {
class Settings;
}

namespace memspec::ui {

class BreakdownPanel;
class CardPanel;
class MessageBanner;
class ModelListModel;
class ModelListPanel;
class ProjectActions;
class BudgetPanel;
class ExportPanel;
class RefreshActions;
class ReviewActions;
class StudioState;

// Assembles the panels, the menus and the toolbar; the workflow lives in the panels and in StudioState,
// ReviewActions and RefreshActions.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    MainWindow(StudioState *state, Settings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool selectModel(const QString &key);
    // "card" | "budget" | "export"; false for an unknown view.
    bool showView(const QString &view);
    QString currentView() const;

    ModelListModel *modelList() const { return m_listModel; }
    StudioState *state() const { return m_state; }
    MessageBanner *banner() const { return m_banner; }
    RefreshActions *refreshActions() const { return m_refresh; }
    ExportPanel *exportPanel() const { return m_export; }
    ProjectActions *projectActions() const { return m_project; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void showModel(const QString &key);
    void restoreWindowState();
    void showOrigin();
    void reloadProject();

    StudioState *m_state;
    Settings *m_settings;
    ModelListModel *m_listModel;
    ModelListPanel *m_listPanel;
    CardPanel *m_card;
    BreakdownPanel *m_breakdown;
    MessageBanner *m_banner;
    QStackedWidget *m_views;
    QSplitter *m_mainSplitter;
    QSplitter *m_cardSplitter;
    BudgetPanel *m_budget;
    ExportPanel *m_export;
    ReviewActions *m_review;
    RefreshActions *m_refresh;
    ProjectActions *m_project;
    QString m_currentKey;
    QActionGroup *m_viewGroup;
};

} // namespace memspec::ui
