// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/review/workspace.h"

#include <QMainWindow>

namespace memspec::ui {

class BreakdownPanel;
class ModelListModel;
class ModelListPanel;

// Assembles the panels; owns no logic of its own beyond wiring.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(Workspace workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool selectModel(const QString &key);
    // "card" | "budget" | "export"; false for an unknown view.
    bool showView(const QString &view);

    ModelListModel *modelList() const { return m_listModel; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void reloadRows();
    void showModel(const QString &key);

    Workspace m_workspace;
    ModelListModel *m_listModel;
    ModelListPanel *m_listPanel;
    BreakdownPanel *m_breakdown;
};

} // namespace memspec::ui
