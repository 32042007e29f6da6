// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "ui/models/modellistmodel.h"
#include "ui/panels/breakdownpanel.h"
#include "ui/panels/modellistpanel.h"

#include <QCloseEvent>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

namespace memspec::ui {

MainWindow::MainWindow(Workspace workspace, QWidget *parent)
    : QMainWindow(parent), m_workspace(std::move(workspace)), m_listModel(new ModelListModel(this)),
      m_listPanel(new ModelListPanel(m_listModel, this)), m_breakdown(new BreakdownPanel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("MemSpec Studio"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_listPanel);
    splitter->addWidget(m_breakdown);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
    resize(1400, 860);

    connect(m_listPanel, &ModelListPanel::modelSelected, this, &MainWindow::showModel);
    reloadRows();
    statusBar()->showMessage(tr("%n model(s) from the bundled registry, offline facts snapshot", nullptr, m_workspace.registry().size()));

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::reloadRows()
{
    QList<ModelListModel::Row> rows;
    for (const RegistryEntry &e : m_workspace.registry().entries()) {
        rows << ModelListModel::Row{e, m_workspace.estimate(e), tr("estimated")};
    }
    m_listModel->setRows(rows);
}

void MainWindow::showModel(const QString &key)
{
    const int r = m_listModel->rowOf(key);
    if (const ModelListModel::Row *row = m_listModel->rowAt(r)) {
        m_breakdown->setEstimate(row->entry.name, row->estimate);
    }
}

bool MainWindow::selectModel(const QString &key)
{
    return m_listPanel->select(key);
}

bool MainWindow::showView(const QString &view)
{
    return view == QLatin1String("card");
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    event->accept();
}

} // namespace memspec::ui
