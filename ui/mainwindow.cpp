// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "app/hub/hubsettings.h"
#include "app/settings/settings.h"

#include "ui/dialogs/settingsdialog.h"
#include "ui/dialogs/shortcutsdialog.h"
#include "ui/models/modellistmodel.h"
#include "ui/panels/breakdownpanel.h"
#include "ui/panels/budgetpanel.h"
#include "ui/panels/cardpanel.h"
#include "ui/panels/envelopepanel.h"
#include "ui/panels/exportpanel.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/modellistpanel.h"
#include "ui/support/externallinks.h"
#include "ui/support/messagebox.h"
#include "ui/support/projectactions.h"
#include "ui/support/refreshactions.h"
#include "ui/support/registryactions.h"
#include "ui/support/reviewactions.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {
const QStringList kViews{QStringLiteral("card"), QStringLiteral("budget"), QStringLiteral("export"),
                         QStringLiteral("envelope")};

} // namespace

MainWindow::MainWindow(StudioState *state, Settings *settings, QWidget *parent)
    : QMainWindow(parent), m_state(state), m_settings(settings), m_listModel(new ModelListModel(this)),
      m_listPanel(new ModelListPanel(m_listModel, this)), m_card(new CardPanel(this)),
      m_breakdown(new BreakdownPanel(state, this)), m_banner(new MessageBanner(this)),
      m_views(new QStackedWidget(this)), m_mainSplitter(new QSplitter(Qt::Horizontal, this)),
      m_cardSplitter(new QSplitter(Qt::Horizontal, this)), m_budget(new BudgetPanel(this)),
      m_export(new ExportPanel(state, this)), m_review(new ReviewActions(state, this)),
      m_refresh(new RefreshActions(state, m_listModel, this)), m_project(new ProjectActions(state, settings, this)),
      m_viewGroup(new QActionGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.memspec.Studio")));

    m_cardSplitter->setObjectName(QStringLiteral("cardSplitter"));
    m_cardSplitter->addWidget(m_card);
    m_cardSplitter->addWidget(m_breakdown);
    // The breakdown's derivations need the width more than the card does, most of all on a small screen.
    m_cardSplitter->setStretchFactor(0, 1);
    m_cardSplitter->setStretchFactor(1, 2);
    m_cardSplitter->setChildrenCollapsible(false);
    m_views->setObjectName(QStringLiteral("viewStack"));
    m_views->addWidget(m_cardSplitter);
    m_budget->setObjectName(QStringLiteral("budgetView"));
    m_budget->setSettings(settings);
    m_views->addWidget(m_budget);
    m_export->setObjectName(QStringLiteral("exportView"));
    m_views->addWidget(m_export);
    m_envelope = new EnvelopePanel(state, this);
    m_envelope->setObjectName(QStringLiteral("envelopeView"));
    m_views->addWidget(m_envelope);
    connect(m_envelope, &EnvelopePanel::fitApplied, this,
            [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_envelope, &EnvelopePanel::failed, this,
            [this](const QString &m) { m_banner->appendMessage(MessageBanner::Kind::Error, m); });

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_listPanel);
    m_mainSplitter->addWidget(m_views);
    // Both stretch: QSplitter then grows and shrinks each side in proportion to its width, so the list keeps its
    // share when the window grows again (with no stretch it stayed at whatever width the splitter last stored: a
    // drag of the handle at 1024 px, or the state of a session that ended there). It never gets narrower than a
    // name needs.
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_listPanel->setMinimumWidth(m_listPanel->fontMetrics().averageCharWidth() * 24);
    m_mainSplitter->setSizes({420, 1180});
    m_mainSplitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_breakdown->setReviewActions({m_review->overrideAction(), m_review->signOffAction()});
    // Right-click on a model: the review steps for it (the click selects the row first).
    m_listPanel->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_listPanel->view()->addActions({m_review->overrideAction(), m_review->clearOverrideAction(),
                                     m_review->signOffAction(), m_review->revokeAction()});
    m_registry = new RegistryActions(m_state, this);
    buildActions();

    m_listModel->setReviews(m_state->reviews());
    m_budget->setReviews(m_state->reviews());
    connect(m_state, &StudioState::reviewsChanged, this, [this]() {
        const QList<ModelReview> reviews = m_state->reviews();
        if (reviews.size() != m_listModel->modelCount()) { // a model was added or removed (or an undo did)
            m_listModel->setReviews(reviews);
            if (!m_currentKey.isEmpty() && !m_state->review(m_currentKey)) {
                m_currentKey.clear();
                m_registry->setCurrentKey(QString());
            } else if (!m_currentKey.isEmpty()) {
                m_listPanel->select(m_currentKey);
            }
        }
        m_budget->setReviews(reviews);
    });
    connect(m_registry, &RegistryActions::failed, this,
            [this](const QString &message) { m_banner->showMessage(MessageBanner::Kind::Error, message); });
    connect(m_registry, &RegistryActions::done, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_registry, &RegistryActions::modelAdded, this, [this](const QString &key) {
        // The list shows the new model after the recompute; select it then.
        auto *once = new QObject(this);
        connect(m_state, &StudioState::reviewsChanged, once, [this, key, once]() {
            if (m_state->review(key)) {
                selectModel(key);
                once->deleteLater();
            }
        });
    });
    connect(m_state, &StudioState::factsChanged, this, [this](const QString &key) {
        if (key == m_currentKey) {
            showModel(key);
        }
    });
    connect(m_refresh, &RefreshActions::modelFailed, this, [this](const QString &key, const QString &message) {
        m_banner->appendMessage(MessageBanner::Kind::Error,
                                tr("Refresh of %1 failed: %2. The earlier facts are kept.").arg(key, message));
    });
    connect(m_refresh, &RefreshActions::modelRefreshed, this,
            [this](const QString &, const QString &summary) { statusBar()->showMessage(summary, 8000); });
    connect(m_refresh, &RefreshActions::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m); });
    connect(m_refresh, &RefreshActions::finished, this, [this](int ok, int failed) {
        statusBar()->showMessage(
            failed ? tr("Refresh finished: %1 refreshed, %2 failed (see the banner)").arg(ok).arg(failed)
                   : tr("Refresh finished: %n model(s) refreshed", nullptr, ok),
            10000);
    });
    connect(m_listPanel, &ModelListPanel::modelSelected, this, &MainWindow::showModel);
    connect(m_state, &StudioState::reviewChanged, this, [this](const QString &key) {
        if (const auto r = m_state->review(key)) {
            m_listModel->updateReview(*r);
        }
    });
    connect(m_card, &CardPanel::externalLinkActivated, this, [](const QUrl &url) { ExternalLinks::open(url); });
    connect(m_export, &ExportPanel::failed, this,
            [this](const QString &message) { m_banner->showMessage(MessageBanner::Kind::Error, message); });
    connect(m_review, &ReviewActions::failed, this,
            [this](const QString &message) { m_banner->showMessage(MessageBanner::Kind::Error, message); });
    connect(m_review, &ReviewActions::done, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });

    connect(m_project, &ProjectActions::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_state, &StudioState::workspaceReplaced, this, &MainWindow::reloadProject);
    showOrigin();
    resize(1600, 940);
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::showOrigin()
{
    const QString path = m_state->workspace().projectPath();
    const QString origin =
        path.isEmpty() ? tr("an unsaved project (Save project as… writes it)") : tr("project %1").arg(path);
    statusBar()->showMessage(tr("%n model(s), facts from the bundled snapshot and the refresh cache, %1", nullptr,
                                m_state->workspace().registry().size())
                                 .arg(origin));
}

void MainWindow::reloadProject()
{
    // Another project: the list, the budget and the selected model show its reviews.
    m_listModel->setReviews(m_state->reviews());
    m_budget->setReviews(m_state->reviews());
    const QString key = m_state->review(m_currentKey) ? m_currentKey
                        : m_state->workspace().registry().entries().isEmpty()
                            ? QString()
                            : m_state->workspace().registry().entries().first().key;
    if (!key.isEmpty()) {
        selectModel(key);
        showModel(key); // also when the selection did not move (same row after the reset)
    }
    showOrigin();
}

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *settingsAction = new QAction(QIcon::fromTheme(QStringLiteral("configure")), tr("&Settings…"), this);
    settingsAction->setObjectName(QStringLiteral("actionSettings"));
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settingsAction, &QAction::triggered, this, [this]() {
        auto *dialog = new SettingsDialog(m_settings, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    auto *find = new QAction(tr("&Filter models"), this);
    find->setObjectName(QStringLiteral("actionFilter"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(find, &QAction::triggered, m_listPanel, &ModelListPanel::focusFilter);
    addAction(find);

    auto *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_project->newAction());
    file->addAction(m_project->openAction());
    file->addMenu(m_project->recentMenu());
    file->addSeparator();
    file->addAction(m_project->saveAction());
    file->addAction(m_project->saveAsAction());
    file->addSeparator();
    file->addAction(settingsAction);
    file->addSeparator();
    file->addAction(quit);
    auto *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_review->undoAction());
    edit->addAction(m_review->redoAction());
    edit->addSeparator();
    edit->addAction(find);

    auto *view = menuBar()->addMenu(tr("&View"));
    const QStringList titles{tr("&Card && breakdown"), tr("&Budget"), tr("&Export"), tr("Serving &envelope")};
    const QStringList icons{QStringLiteral("view-list-details"), QStringLiteral("office-chart-bar"),
                            QStringLiteral("document-export"), QStringLiteral("office-chart-line")};
    for (int i = 0; i < kViews.size(); ++i) {
        auto *a = new QAction(QIcon::fromTheme(icons.at(i)), titles.at(i), m_viewGroup);
        a->setObjectName(QStringLiteral("actionView_") + kViews.at(i));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
        a->setChecked(i == 0);
        const QString &name = kViews.at(i);
        connect(a, &QAction::triggered, this, [this, name]() { showView(name); });
        view->addAction(a);
    }

    auto *model = menuBar()->addMenu(tr("&Model"));
    model->addAction(m_refresh->refreshAction());
    model->addAction(m_refresh->refreshAllAction());
    model->addAction(m_refresh->cancelAction());
    model->addSeparator();
    model->addAction(m_review->overrideAction());
    model->addAction(m_review->clearOverrideAction());
    model->addAction(m_review->signOffAction());
    model->addAction(m_review->revokeAction());
    model->addSeparator();
    model->addActions(m_registry->actions());

    toolbar->addAction(m_refresh->refreshAction());
    toolbar->addAction(m_refresh->refreshAllAction());
    toolbar->addAction(m_refresh->cancelAction());
    toolbar->addSeparator();
    toolbar->addAction(m_review->undoAction());
    toolbar->addAction(m_review->redoAction());
    toolbar->addSeparator();
    toolbar->addAction(m_review->overrideAction());
    toolbar->addAction(m_review->signOffAction());
    toolbar->addSeparator();
    toolbar->addActions(m_viewGroup->actions());
    toolbar->addSeparator();
    toolbar->addAction(settingsAction);

    auto *help = menuBar()->addMenu(tr("&Help"));
    // The docs are installed beside the studio (and found in the source tree when it runs from a build).
    const QList<std::pair<QString, QString>> docs{
        {tr("&User guide"), QStringLiteral("user-guide.md")},
        {tr("&Estimator: how each line is computed"), QStringLiteral("estimator.md")},
        {tr("E&xports"), QStringLiteral("exports.md")},
        {tr("&Project file"), QStringLiteral("project-file.md")}};
    for (const auto &[title, file] : docs) {
        auto *a = help->addAction(title, this, [doc = file]() { ExternalLinks::openDoc(doc); });
        a->setObjectName(QStringLiteral("actionDoc_") + QString(file).remove(QStringLiteral(".md")));
    }
    help->addSeparator();
    auto *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, [this]() {
        QList<QAction *> all;
        for (QAction *top : menuBar()->actions()) {
            if (top->menu()) {
                all << top->menu()->actions();
            }
        }
        all << actions();
        auto *dialog = new ShortcutsDialog(all, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addAction(tr("&About MemSpec Studio"), this, [this]() {
        MessageBox::about(this, tr("About MemSpec Studio"),
                          tr("<b>MemSpec Studio %1</b><p>Per-worker memory specs for inference models: fetch the "
                             "facts, estimate with a visible derivation, review, sign off, export.</p>")
                              .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showModel(const QString &key)
{
    const auto review = m_state->review(key);
    if (!review) {
        if (key.isEmpty()) { // nothing selected: the breakdown must not show a model the list no longer does
            m_currentKey.clear();
            m_breakdown->showModel(QString());
            m_review->setCurrentKey(QString());
        }
        return;
    }
    const QUrl hub = HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(*m_settings)).endpoint;
    m_card->setModel(review->entry, m_state->workspace().facts().find(key), hub);
    m_currentKey = review->entry.key;
    m_envelope->setModel(m_currentKey);
    m_breakdown->showModel(key);
    m_review->setCurrentKey(key);
    m_refresh->setCurrentKey(review->entry.key);
    m_registry->setCurrentKey(review->entry.key);
}

bool MainWindow::selectModel(const QString &key)
{
    return m_listPanel->select(key);
}

bool MainWindow::showView(const QString &view)
{
    const int i = int(kViews.indexOf(view));
    if (i < 0) {
        return false;
    }
    m_views->setCurrentIndex(i);
    if (view == QLatin1String("export")) {
        m_export->renderPreview();
    }
    m_viewGroup->actions().at(i)->setChecked(true);
    return true;
}

QString MainWindow::currentView() const
{
    return kViews.value(m_views->currentIndex());
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_mainSplitter->restoreState(settings.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray());
    m_cardSplitter->restoreState(settings.value(QStringLiteral("mainWindow/cardSplitter")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_project->maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/cardSplitter"), m_cardSplitter->saveState());
    if (ProjectFile *file = m_state->workspace().projectFile()) {
        file->unlock(); // closed: `memspec set/approve` may write the project again
    }
    event->accept();
}

} // namespace memspec::ui
