// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exportpanel.h"

#include "app/settings/settings.h"

#include "ui/panels/servicecheckview.h"
#include "ui/support/filedialog.h"
#include "ui/support/studiostate.h"

#include <QCheckBox>
#include <QDir>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {

QString kindTitle(ExportKind k)
{
    switch (k) {
    case ExportKind::Docs:
        return ExportPanel::tr("Model docs (docs/models/{capability}/…)");
    case ExportKind::Specs:
        return ExportPanel::tr("MEMORY_SPECS.md summary");
    case ExportKind::Rust:
        return ExportPanel::tr("Rust snippet");
    case ExportKind::Cpp:
        return ExportPanel::tr("C++ registry header");
    case ExportKind::Json:
        return ExportPanel::tr("JSON (full breakdown)");
    case ExportKind::Csv:
        return ExportPanel::tr("CSV (full breakdown)");
    }
    return {};
}

QLineEdit *folderRow(QWidget *parent, QGridLayout *grid, int row, const QString &label, const char *name,
                     const QString &caption)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    auto *browse = new QPushButton(ExportPanel::tr("Browse…"), parent);
    grid->addWidget(new QLabel(label, parent), row, 0);
    grid->addWidget(edit, row, 1);
    grid->addWidget(browse, row, 2);
    QObject::connect(browse, &QPushButton::clicked, parent, [parent, edit, caption]() {
        const QString dir = FileDialog::existingDirectory(parent, caption, edit->text());
        if (!dir.isEmpty()) {
            edit->setText(dir);
        }
    });
    return edit;
}

} // namespace

ExportPanel::ExportPanel(StudioState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_outDir(nullptr), m_export(new QPushButton(tr("&Export files"), this)),
      m_sourceTree(nullptr), m_allowUnapproved(new QCheckBox(tr("Allow values nobody signed off"), this)),
      m_diff(new QPushButton(tr("Preview &diff"), this)), m_apply(new QPushButton(tr("&Apply to source tree"), this)),
      m_status(new QLabel(this)), m_files(new QStringListModel(this)), m_fileList(new QListView(this)),
      m_preview(new QPlainTextEdit(this)), m_check(new ServiceCheckView(state, this)), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("exportPanel"));
    auto *formats = new QGroupBox(tr("Formats"), this);
    auto *fl = new QVBoxLayout(formats);
    for (ExportKind k : ExportBundle::allKinds()) {
        auto *box = new QCheckBox(kindTitle(k), formats);
        box->setObjectName(QStringLiteral("exportKind_") + ExportBundle::kindId(k));
        box->setChecked(true);
        fl->addWidget(box);
        m_kindBoxes.insert(ExportBundle::kindId(k), box);
        connect(box, &QCheckBox::toggled, this, &ExportPanel::renderPreview);
    }

    auto *files = new QGroupBox(tr("Write files"), this);
    auto *grid = new QGridLayout(files);
    m_outDir = folderRow(this, grid, 0, tr("Output folder"), "exportOutDir", tr("Export to"));
    m_outDir->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                          .filePath(QStringLiteral("memspec-export")));
    m_export->setObjectName(QStringLiteral("exportWrite"));
    grid->addWidget(m_export, 1, 1, 1, 2, Qt::AlignRight);

    auto *rust = new QGroupBox(tr("Patch the Rust service"), this);
    auto *rg = new QGridLayout(rust);
    m_sourceTree = folderRow(this, rg, 0, tr("Source tree"), "exportSourceTree", tr("Local checkout of the service"));
    // Short enough for the narrow column of a 1024 px screen; the tooltip says what the folder must hold.
    m_sourceTree->setPlaceholderText(tr("service checkout"));
    m_sourceTree->setToolTip(tr("Local checkout of the service: the folder that contains packages/candle/src/"));
    m_allowUnapproved->setObjectName(QStringLiteral("exportAllowUnapproved"));
    m_diff->setObjectName(QStringLiteral("exportPreviewDiff"));
    m_apply->setObjectName(QStringLiteral("exportApplyPatch"));
    m_apply->setEnabled(false);
    rg->addWidget(m_allowUnapproved, 1, 1, 1, 2);
    auto *rb = new QHBoxLayout;
    rb->addStretch(1);
    rb->addWidget(m_diff);
    rb->addWidget(m_apply);
    rg->addLayout(rb, 2, 0, 1, 3);
    auto *hint = new QLabel(tr("Only signed-off values are written unless you allow others. The diff is shown first; "
                               "nothing changes until you apply it."),
                            rust);
    hint->setWordWrap(true);
    rg->addWidget(hint, 3, 0, 1, 3);

    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *left = new QWidget(this);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(formats);
    ll->addWidget(files);
    ll->addWidget(rust);
    ll->addWidget(m_status);
    ll->addStretch(1);

    m_fileList->setObjectName(QStringLiteral("exportFileList"));
    m_fileList->setModel(m_files);
    m_fileList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // The files and their preview on one tab, the service check on the other: side by side in one column the
    // check's two lists left the preview about four lines at 1024×700. The tab follows what was asked for last (a
    // diff shows the preview, Apply shows the check), and the check's tab title carries its verdict.
    auto *preview = new QSplitter(Qt::Vertical, this);
    preview->setObjectName(QStringLiteral("exportPreviewSplitter"));
    preview->addWidget(m_fileList);
    preview->addWidget(m_preview);
    preview->setStretchFactor(0, 1);
    preview->setStretchFactor(1, 4);
    preview->setSizes({120, 480});
    preview->setChildrenCollapsible(false);
    m_fileList->setMinimumHeight(3 * m_fileList->fontMetrics().lineSpacing() + 2 * m_fileList->frameWidth());
    m_tabs->setObjectName(QStringLiteral("exportTabs"));
    m_tabs->addTab(preview, tr("Files && diff"));
    m_tabs->addTab(m_check, tr("Service check"));
    m_tabs->setTabToolTip(1, tr("Check the service as memspec check does"));
    connect(m_check, &ServiceCheckView::checked, this, [this]() {
        const auto &r = m_check->result();
        m_tabs->setTabText(1, !r    ? tr("Service check")
                              : !*r ? tr("Service check: cannot check")
                                    : (r->value().ok() ? tr("Service check: passes") : tr("Service check: fails")));
    });
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_export, &QPushButton::clicked, this, &ExportPanel::exportFiles);
    connect(m_diff, &QPushButton::clicked, this, &ExportPanel::previewRustDiff);
    connect(m_apply, &QPushButton::clicked, this, &ExportPanel::applyRustPatch);
    connect(m_sourceTree, &QLineEdit::textChanged, this, [this](const QString &tree) {
        m_check->setSourceTree(tree);
        m_plan.reset();
        m_apply->setEnabled(false);
    });
    // The folders are remembered across sessions: a reviewer exports to and patches the same places every time.
    if (Settings *settings = m_state->settings()) {
        const QString outDir = settings->value(Settings::Key::ExportFolder).toString();
        if (!outDir.isEmpty()) {
            m_outDir->setText(outDir);
        }
        m_sourceTree->setText(settings->value(Settings::Key::SourceTree).toString());
        connect(m_outDir, &QLineEdit::textChanged, settings,
                [settings](const QString &dir) { settings->setValue(Settings::Key::ExportFolder, dir.trimmed()); });
        connect(m_sourceTree, &QLineEdit::textChanged, settings,
                [settings](const QString &dir) { settings->setValue(Settings::Key::SourceTree, dir.trimmed()); });
    }
    connect(m_allowUnapproved, &QCheckBox::toggled, this, [this]() {
        m_plan.reset();
        m_apply->setEnabled(false);
    });
    connect(m_fileList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showFile(current.data().toString()); });
    connect(m_state, &StudioState::reviewsChanged, this, [this]() {
        if (isVisible()) {
            renderPreview();
        }
    });
}

void ExportPanel::setOutputFolder(const QString &dir)
{
    m_outDir->setText(dir);
}

void ExportPanel::setSourceTree(const QString &dir)
{
    m_sourceTree->setText(dir);
}

void ExportPanel::setKinds(const QList<ExportKind> &kinds)
{
    for (ExportKind k : ExportBundle::allKinds()) {
        QCheckBox *box = m_kindBoxes.value(ExportBundle::kindId(k));
        const QSignalBlocker block(box);
        box->setChecked(kinds.contains(k));
    }
    renderPreview();
}

QList<ExportKind> ExportPanel::kinds() const
{
    QList<ExportKind> out;
    for (ExportKind k : ExportBundle::allKinds()) {
        if (m_kindBoxes.value(ExportBundle::kindId(k))->isChecked()) {
            out << k;
        }
    }
    return out;
}

ExportInput ExportPanel::input() const
{
    ExportInput in;
    in.reviews = m_state->reviews();
    for (const ModelReview &r : std::as_const(in.reviews)) {
        if (const ModelFacts *f = m_state->workspace().facts().find(r.entry.key)) {
            in.facts.insert(r.entry.key.toLower(), *f);
        }
    }
    return in;
}

void ExportPanel::setBusy(const QString &what)
{
    m_status->setText(what);
}

bool ExportPanel::writeOwnsStatus(quint64 outcomesAtStart) const
{
    return m_exportJobs.running() + m_applyJobs.running() > 0 || m_writeOutcomes != outcomesAtStart;
}

void ExportPanel::setPreviewStatus(const QString &what, quint64 outcomesAtStart)
{
    if (!writeOwnsStatus(outcomesAtStart)) {
        m_status->setText(what);
    }
}

void ExportPanel::renderPreview()
{
    const quint64 seen = m_writeOutcomes;
    setPreviewStatus(tr("Rendering…"), seen);
    m_renderJobs.start(
        this, [in = input(), k = kinds()]() { return ExportBundle::render(in, k); },
        [this, seen](const Result<QMap<QString, QByteArray>> &r) {
            if (!r) {
                setPreviewStatus(r.error(), seen);
                Q_EMIT failed(r.error());
                return;
            }
            m_rendered = r.value();
            m_files->setStringList(m_rendered.keys());
            int approved = 0;
            for (const ModelReview &rv : m_state->reviews()) {
                approved += rv.approved() ? 1 : 0;
            }
            setPreviewStatus(
                tr("%n file(s) ready to write; %1 of %2 models signed off.", nullptr, int(m_rendered.size()))
                    .arg(approved)
                    .arg(m_state->reviews().size()),
                seen);
            if (!m_rendered.isEmpty()) {
                m_fileList->setCurrentIndex(m_files->index(0));
            } else {
                m_preview->clear();
            }
            Q_EMIT previewReady();
        });
}

void ExportPanel::showFile(const QString &path)
{
    m_preview->setPlainText(QString::fromUtf8(m_rendered.value(path)));
}

void ExportPanel::exportFiles()
{
    const QString dir = m_outDir->text().trimmed();
    if (dir.isEmpty()) {
        setBusy(tr("Choose an output folder first."));
        return;
    }
    setBusy(tr("Writing to %1…").arg(dir));
    // A write's outcome is always shown and signalled, whatever preview started meanwhile.
    m_exportJobs.start(
        this, [dir, in = input(), k = kinds()]() { return ExportBundle::write(dir, in, k); },
        [this, dir](const Result<QStringList> &r) {
            ++m_writeOutcomes;
            if (!r) {
                setBusy(r.error());
                Q_EMIT failed(r.error());
                return;
            }
            setBusy(tr("Wrote %n file(s) to %1.", nullptr, int(r->size())).arg(dir));
            Q_EMIT exported(r.value());
        });
}

void ExportPanel::previewRustDiff()
{
    const QString tree = m_sourceTree->text().trimmed();
    if (tree.isEmpty()) {
        setBusy(tr("Choose the service's source tree first."));
        return;
    }
    const quint64 seen = m_writeOutcomes;
    setPreviewStatus(tr("Scanning %1…").arg(tree), seen);
    m_apply->setEnabled(false);
    m_diffJobs.start(
        this,
        [tree, reviews = m_state->reviews(), allow = m_allowUnapproved->isChecked()]() {
            return RustPatcher::plan(tree, reviews, allow);
        },
        [this, seen](const Result<RustPatchPlan> &r) {
            if (!r) {
                m_plan.reset();
                setPreviewStatus(r.error(), seen);
                Q_EMIT failed(r.error());
                return;
            }
            m_plan = r.value();
            showDiff(seen);
            Q_EMIT diffReady();
        });
}

void ExportPanel::showDiff(quint64 outcomesAtStart)
{
    const QByteArray diff = m_plan->unifiedDiff();
    QString text =
        diff.isEmpty() ? tr("// No changes: every matched static already holds its value.\n") : QString::fromUtf8(diff);
    const QStringList report = m_plan->reportLines();
    if (!report.isEmpty()) {
        text += QStringLiteral("\n// ") + report.join(QStringLiteral("\n// ")) + QLatin1Char('\n');
    }
    m_fileList->clearSelection();
    m_preview->setPlainText(text);
    m_tabs->setCurrentIndex(0);
    m_apply->setEnabled(!m_plan->edits.isEmpty() && m_applyJobs.running() == 0);
    setPreviewStatus(tr("%n file(s) would change; %1 model(s) matched, %2 refused, %3 without a static.", nullptr,
                        int(m_plan->edits.size()))
                         .arg(m_plan->matches.size())
                         .arg(m_plan->refusedModels().size())
                         .arg(m_plan->modelsWithoutStatic.size()),
                     outcomesAtStart);
}

void ExportPanel::applyRustPatch()
{
    if (!m_plan || m_plan->edits.isEmpty() || m_applyJobs.running() > 0) {
        return;
    }
    m_apply->setEnabled(false);
    setBusy(tr("Applying…"));
    // The plan applied is the one shown now; RustPatcher::apply refuses files that changed since it was made.
    m_applyJobs.start(
        this, [plan = *m_plan]() { return RustPatcher::apply(plan); },
        [this, files = int(m_plan->edits.size()), tree = m_plan->sourceTree](const Result<Done> &r) {
            ++m_writeOutcomes;
            m_plan.reset(); // applied or refused: either way a new diff is needed before the next apply
            m_apply->setEnabled(false);
            if (!r) {
                setBusy(r.error());
                Q_EMIT failed(r.error());
                return;
            }
            setBusy(tr("Patched %n file(s) in %1.", nullptr, files).arg(tree));
            m_check->runCheck(); // what `memspec check` now says about the patched tree
            m_tabs->setCurrentIndex(1);
            Q_EMIT patchApplied();
        });
}

} // namespace memspec::ui
