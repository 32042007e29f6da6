// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "breakdownpanel.h"

#include "app/common/units.h"
#include "app/formats/modelcard.h"
#include "app/review/statuswords.h"
#include "app/settings/settings.h"

#include "ui/delegates/statusdelegate.h"
#include "ui/models/auditmodel.h"
#include "ui/models/breakdownmodel.h"
#include "ui/models/evidencemodel.h"
#include "ui/models/itemroles.h"
#include "ui/panels/parameterpanel.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {
QTableView *makeTable(QWidget *parent, const char *name, QAbstractItemModel *model)
{
    auto *t = new QTableView(parent);
    t->setObjectName(QLatin1String(name));
    t->setModel(model);
    t->verticalHeader()->hide();
    t->setWordWrap(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}

} // namespace

BreakdownPanel::BreakdownPanel(StudioState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_model(new BreakdownModel(this)), m_evidence(new EvidenceModel(this)),
      m_audit(new AuditModel(this)), m_title(new QLabel(this)), m_status(new QLabel(this)), m_value(new QLabel(this)),
      m_review(new QLabel(this)), m_actions(new QHBoxLayout), m_params(new ParameterPanel(this)),
      m_paramError(new QLabel(this)), m_table(makeTable(this, "breakdownTable", m_model)),
      m_lineDetail(new QLabel(this)), m_tabs(new QTabWidget(this)), m_crossCheck(new QLabel(this)),
      m_evidenceView(makeTable(this, "evidenceTable", m_evidence)), m_notes(new QLabel(this)),
      m_auditView(makeTable(this, "auditTable", m_audit))
{
    setObjectName(QStringLiteral("breakdownPanel"));
    m_title->setObjectName(QStringLiteral("breakdownTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.35);
    tf.setBold(true);
    m_title->setFont(tf);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_value->setObjectName(QStringLiteral("estimateValue"));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps: with an override the line is long, and a label that does not wrap makes its text the window's minimum
    // width (1059 px after a 1600 px window had shown an override).
    m_value->setWordWrap(true);
    QFont vf = m_value->font();
    vf.setPointSizeF(vf.pointSizeF() * 1.15);
    m_value->setFont(vf);
    m_review->setObjectName(QStringLiteral("reviewDetail"));
    m_review->setWordWrap(true);
    m_review->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_paramError->setObjectName(QStringLiteral("paramError"));
    m_paramError->setWordWrap(true);
    m_paramError->hide();

    m_table->horizontalHeader()->setSectionResizeMode(BreakdownModel::LineColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BreakdownModel::MibColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BreakdownModel::DerivationColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(BreakdownModel::SourcesColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->resizeSection(BreakdownModel::SourcesColumn, 160);
    m_table->setAlternatingRowColors(true);
    m_evidenceView->horizontalHeader()->setSectionResizeMode(EvidenceModel::StatementColumn, QHeaderView::Stretch);
    m_evidenceView->horizontalHeader()->setSectionResizeMode(EvidenceModel::FigureColumn,
                                                             QHeaderView::ResizeToContents);
    m_evidenceView->horizontalHeader()->setSectionResizeMode(EvidenceModel::SourceColumn, QHeaderView::Interactive);
    m_evidenceView->horizontalHeader()->resizeSection(EvidenceModel::SourceColumn, 220);
    m_auditView->horizontalHeader()->setSectionResizeMode(AuditModel::DetailColumn, QHeaderView::Stretch);
    for (int c : {AuditModel::WhenColumn, AuditModel::WhoColumn, AuditModel::ActionColumn, AuditModel::ModelColumn}) {
        m_auditView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_crossCheck->setObjectName(QStringLiteral("crossCheck"));
    m_crossCheck->setWordWrap(true);
    m_crossCheck->setAlignment(Qt::AlignTop | Qt::AlignLeft); // at the top when the empty Card says table is hidden
    m_notes->setObjectName(QStringLiteral("estimateNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *evidencePage = new QWidget(this);
    auto *ev = new QVBoxLayout(evidencePage);
    ev->addWidget(m_crossCheck);
    ev->addWidget(m_evidenceView, 1);
    auto *notesPage = new QWidget(this);
    auto *nv = new QVBoxLayout(notesPage);
    nv->addWidget(m_notes, 1);
    m_tabs->setObjectName(QStringLiteral("breakdownTabs"));
    m_tabs->addTab(evidencePage, tr("Evidence && cross-check"));
    // The current line of the breakdown whole: at 1024 px the Derivation column holds a few words of it. A click on
    // a line shows this tab.
    m_lineDetail->setObjectName(QStringLiteral("breakdownLineDetail"));
    m_lineDetail->setWordWrap(true);
    m_lineDetail->setTextFormat(Qt::RichText);
    m_lineDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lineDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_lineDetail->setContentsMargins(4, 4, 4, 4);
    auto *linePage = new QScrollArea(this);
    linePage->setObjectName(QStringLiteral("breakdownLinePage"));
    linePage->setWidgetResizable(true);
    linePage->setFrameShape(QFrame::NoFrame);
    linePage->setWidget(m_lineDetail);
    m_tabs->addTab(linePage, tr("Selected line"));
    m_tabs->addTab(notesPage, tr("Notes"));
    // The audit trail, filterable by anything it shows: a date ("2026-11" for a month), a reviewer, an action.
    auto *auditFilter = new QSortFilterProxyModel(this);
    auditFilter->setSourceModel(m_audit);
    auditFilter->setFilterKeyColumn(-1);
    auditFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_auditView->setModel(auditFilter);
    auto *auditSearch = new QLineEdit(this);
    auditSearch->setObjectName(QStringLiteral("auditFilter"));
    auditSearch->setPlaceholderText(tr("Filter by date (2026-11-29, 2026-11), reviewer, action or detail"));
    auditSearch->setClearButtonEnabled(true);
    connect(auditSearch, &QLineEdit::textChanged, auditFilter, &QSortFilterProxyModel::setFilterFixedString);
    // One line per audit entry (the full detail is its tooltip), so the tab shows several entries at 1024×700.
    m_auditView->setWordWrap(false);
    m_auditView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    auto *auditPage = new QWidget(this);
    auto *av = new QVBoxLayout(auditPage);
    av->setContentsMargins(0, 4, 0, 0);
    av->addWidget(auditSearch);
    av->addWidget(m_auditView, 1);
    m_tabs->addTab(auditPage, tr("Audit trail"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch(1);
    header->addWidget(m_status);
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_value, 1);
    valueRow->addLayout(m_actions);
    auto *paramsBox = new QGroupBox(tr("Serving parameters"), this);
    auto *pb = new QVBoxLayout(paramsBox);
    pb->addWidget(m_params);
    pb->addWidget(m_paramError);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addLayout(valueRow);
    layout->addWidget(m_review);
    layout->addWidget(paramsBox);
    // The breakdown and the tabs share the height through a splitter: the breakdown first (its Total row must show
    // without scrolling), the tabs never below a few rows of the audit trail.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("breakdownSplitter"));
    split->addWidget(m_table);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    // Room for the audit filter, the header and three entries of the trail.
    m_tabs->setMinimumHeight(m_tabs->tabBar()->sizeHint().height() + 4 + auditSearch->sizeHint().height() +
                             qMax(0, av->spacing()) + m_auditView->horizontalHeader()->sizeHint().height() +
                             3 * m_auditView->verticalHeader()->defaultSectionSize() + 2 * m_auditView->frameWidth() +
                             4);
    // Never squeezed below the six rows on one line each (the Total row included).
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              6 * m_table->verticalHeader()->minimumSectionSize() + 2 * m_table->frameWidth());
    m_table->viewport()->installEventFilter(this);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BreakdownPanel::fitRowsToViewport);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, linePage](const QModelIndex &current) {
                if (current.isValid()) {
                    m_detailLine = current.data(LineIdRole).toString();
                    m_tabs->setCurrentWidget(linePage);
                }
                showLineDetail();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &BreakdownPanel::showLineDetail);
    layout->addWidget(split, 1);

    connect(m_params, &ParameterPanel::parametersEdited, this, [this](EstimateParams p) {
        if (m_key.isEmpty()) {
            return;
        }
        // "Defaults" resets to the registry's serving defaults, with the settings' default runtime and device.
        if (p.toJson().isEmpty() && m_state->settings()) {
            p.runtime = m_state->settings()->defaultRuntime();
            if (m_state->settings()->defaultDevice() !=
                Settings::defaultValue(Settings::Key::DefaultDevice).toString()) {
                p.device = m_state->settings()->defaultDevice();
            }
        }
        const auto r = m_state->setParameters(m_key, p);
        m_paramError->setVisible(!r.ok());
        m_paramError->setText(r.ok() ? QString() : r.error());
    });
    connect(m_state, &StudioState::reviewChanged, this, [this](const QString &key) {
        if (key == m_key) {
            refresh();
        }
    });
    connect(m_state, &StudioState::estimatingChanged, m_params, &ParameterPanel::setBusy);
    connect(m_state, &StudioState::auditChanged, this, &BreakdownPanel::refreshAudit);
    setEnabled(false);
}

bool BreakdownPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        fitRowsToViewport();
    }
    return QWidget::eventFilter(watched, event);
}

void BreakdownPanel::fitRowsToViewport()
{
    const int rows = m_model->rowCount();
    QHeaderView *vh = m_table->verticalHeader();
    const int oneLine = vh->minimumSectionSize();
    if (rows == 0) {
        return;
    }
    // A row of n wrapped lines is n line spacings tall, and never less than the header's minimum.
    const int line = m_table->fontMetrics().lineSpacing();
    const int lines = qMax(1, m_table->viewport()->height() / rows / line);
    const int cap = qMax(oneLine, lines * line);
    if (vh->maximumSectionSize() != cap) {
        vh->setMaximumSectionSize(cap);
        m_table->resizeRowsToContents();
    }
}

void BreakdownPanel::showLineDetail()
{
    // The line shown before a recompute (or another model) stays shown after it; the first line by default.
    int row = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->index(r, 0).data(LineIdRole).toString() == m_detailLine) {
            row = r;
        }
    }
    if (m_model->rowCount() == 0) {
        m_lineDetail->clear();
        return;
    }
    const auto cell = [this, row](int column) { return m_model->index(row, column).data().toString().toHtmlEscaped(); };
    QString text = tr("<b>%1 = %2:</b> %3")
                       .arg(cell(BreakdownModel::LineColumn), cell(BreakdownModel::MibColumn),
                            cell(BreakdownModel::DerivationColumn));
    const QList<EstimateLine> &lines = m_model->estimate().lines;
    if (row < lines.size() && !lines.at(row).sources.isEmpty()) {
        // A few sources, so that the table keeps its rows at 1024×700; all of them in the Sources cell's tooltip.
        const QStringList &all = lines.at(row).sources;
        QStringList sources;
        for (const QString &source : all.mid(0, 3)) {
            sources << source.toHtmlEscaped();
        }
        if (all.size() > 3) {
            sources << tr("%n more in the Sources cell's tooltip", nullptr, int(all.size()) - 3);
        }
        text += tr("<br><i>Sources:</i> %1").arg(sources.join(QStringLiteral(" · ")));
    }
    m_lineDetail->setText(text);
}

void BreakdownPanel::setReviewActions(const QList<QAction *> &actions)
{
    for (QAction *a : actions) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_actions->addWidget(b);
    }
}

void BreakdownPanel::showModel(const QString &key)
{
    m_key = key;
    refresh();
    refreshAudit();
}

void BreakdownPanel::refreshAudit()
{
    m_audit->setEntries(m_state->audit(), m_key);
}

void BreakdownPanel::refresh()
{
    const auto review = m_state->review(m_key);
    if (!review) {
        setEnabled(false);
        m_model->clear();
        m_title->setText(tr("No model selected"));
        m_title->setToolTip(QString());
        m_status->clear();
        m_value->clear();
        m_review->clear();
        return;
    }
    setEnabled(true);
    showReview(*review);
}

void BreakdownPanel::showReview(const ModelReview &r)
{
    const Estimate &e = r.estimate;
    m_title->setText(r.entry.name);
    m_title->setToolTip(r.entry.key);
    const QColor c = StatusDelegate::statusColor(reviewStatusId(r.status));
    m_status->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                          .arg(c.name(), reviewStatusSummary(r.status).toHtmlEscaped()));
    // "MiB per worker" stays together when the line wraps (it does at 1024 px).
    QString value = tr("<b>est_memory_allocation_mb = %L1</b> MiB&nbsp;per&nbsp;worker").arg(r.effectiveMib());
    if (r.override) {
        value += tr(" &nbsp;(override; computed %L1)").arg(e.estMib);
    }
    m_value->setText(value);
    QStringList detail;
    detail << tr("%1 on %2 · basis: %3 · estimator %4")
                  .arg(e.parameters.runtime, e.parameters.device, e.basis.toHtmlEscaped(), e.estimatorVersion);
    if (r.override) {
        detail << tr("Override %L1 MiB by %2: “%3”")
                      .arg(r.override->mib)
                      .arg(r.override->who.toHtmlEscaped(), r.override->reason.toHtmlEscaped());
    }
    if (r.signOff) {
        detail << tr("Signed off by %1 on %2 for %L3 MiB · fingerprint %4")
                      .arg(r.signOff->reviewer.toHtmlEscaped(),
                           r.signOff->when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                      .arg(r.signOff->approvedMib)
                      .arg(r.signOff->fingerprint);
    }
    for (const QString &reason : r.statusReasons) {
        detail << QStringLiteral("⚠ ") + reason.toHtmlEscaped();
    }
    m_review->setText(detail.join(QStringLiteral("<br>")));

    m_params->setModel(r.entry, m_state->parameters(r.entry.key), e.parameters);
    m_params->setBusy(m_state->isEstimating());
    m_model->setEstimate(e);

    const ModelFacts *facts = m_state->workspace().facts().find(r.entry.key);
    m_evidence->setStatements(facts ? facts->cardStatements : QJsonArray());
    if (facts && !facts->card.isEmpty()) {
        // A refreshed card: the memory statements found in its text, read in the unit printed (upper bound).
        if (const auto card = ModelCard::parse(facts->card, r.entry.key + QStringLiteral("/README.md"))) {
            QList<EvidenceModel::Item> items = m_evidence->items();
            for (const MemoryStatement &m : card->memoryStatements) {
                items << EvidenceModel::Item{m.context.isEmpty() ? m.quote : m.context, qint64(m.highBytes),
                                             tr("model card (README.md), character %1").arg(m.position)};
            }
            m_evidence->setItems(items);
        }
    }
    m_evidence->setComputedBytes(e.totalBytes);
    QString cross =
        tr("<b>Computed total:</b> %1 → %L2 MiB after rounding.").arg(formatMib(e.totalBytes)).arg(e.estMib);
    if (!e.ruleOfThumb.isEmpty()) {
        cross += tr("<br><b>Rule of thumb</b> (the seed's cross-check, never the estimate): %1 = %2")
                     .arg(e.ruleOfThumb.toHtmlEscaped(), formatMib(e.ruleOfThumbBytes));
        if (e.ruleOfThumbBytes > 0) {
            const double ratio = double(e.totalBytes) / double(e.ruleOfThumbBytes);
            cross += tr(" · estimate is %1× the rule of thumb").arg(ratio, 0, 'f', 2);
        }
    }
    if (m_evidence->rowCount() == 0) {
        cross += tr("<br>The card states no memory figure%1.")
                     .arg(facts && facts->card.isEmpty() ? tr(" in the bundled facts; a refresh reads the card")
                                                         : QString());
    }
    m_crossCheck->setText(cross);
    // An empty "Card says" table only takes the space the breakdown needs.
    m_evidenceView->setVisible(m_evidence->rowCount() > 0);
    QStringList notes;
    for (const QString &n : e.notes) {
        notes << QStringLiteral("• ") + n.toHtmlEscaped();
    }
    m_notes->setText(notes.isEmpty() ? tr("No notes.") : notes.join(QStringLiteral("<br>")));
}

} // namespace memspec::ui
