// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "envelopepanel.h"

#include "app/budget/budgetcalculator.h"
#include "app/budget/poolrule.h"
#include "app/common/units.h"

#include "ui/support/studiostate.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QLogValueAxis>
#include <QPen>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>

namespace memspec::ui {

// What one background job computes for the selected model (inputs are copied in, so nothing is shared).
struct EnvelopePanel::Computed
{
    QString key;
    Envelope now;
    qint64 nowMib = 0;
    QList<EnvelopePoint> curve;
    EnvelopeFitResult fit;
};

EnvelopePanel::EnvelopePanel(StudioState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_gpu(new QComboBox(this)), m_workers(new QSpinBox(this)),
      m_coLoadList(new QListWidget(this)), m_reason(new QLineEdit(this)),
      m_fitButton(new QPushButton(tr("&Fit to target"), this)), m_title(new QLabel(this)), m_summary(new QLabel(this)),
      m_view(new QChartView(this))
{
    setObjectName(QStringLiteral("envelopePanel"));
    if (auto catalog = GpuCatalog::bundled()) {
        m_catalog = catalog.value();
    }
    m_gpu->setObjectName(QStringLiteral("envelopeGpuCombo"));
    for (const GpuModel &g : m_catalog.gpus()) {
        if (g.kind == QLatin1String("gpu")) {
            m_gpu->addItem(g.label(), g.label());
        }
    }
    m_gpu->setCurrentIndex(std::max(0, m_gpu->findData(QStringLiteral("H100 80GB"))));
    m_gpu->setToolTip(
        tr("Capacity is the MiB the driver reports (H100 80GB = 81,559 MiB), else the nominal GB as 10^9 B"));
    m_workers->setObjectName(QStringLiteral("envelopeWorkers"));
    m_workers->setRange(1, BudgetCalculator::kMaxWorkersPerModel);
    m_workers->setToolTip(tr("Workers of this model that must start together (the pool runs up to 4 per model)"));
    m_coLoadList->setObjectName(QStringLiteral("envelopeCoLoad"));
    m_coLoadList->setToolTip(tr("Other models on the same GPU, one worker each (memspec fit --co-load): the fit leaves "
                                "room for them"));
    m_coLoadList->setMaximumHeight(110);
    m_reason->setObjectName(QStringLiteral("envelopeReason"));
    m_reason->setPlaceholderText(tr("Why this target (recorded in the audit trail)"));
    m_fitButton->setObjectName(QStringLiteral("envelopeFitButton"));
    m_fitButton->setToolTip(
        tr("Set the largest prompt limit (a multiple of 256) at which the workers pass the pool rule"));
    m_title->setObjectName(QStringLiteral("envelopeTitle"));
    m_summary->setObjectName(QStringLiteral("envelopeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_view->setObjectName(QStringLiteral("envelopeChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(320);

    auto *form = new QFormLayout;
    form->addRow(tr("Target GPU:"), m_gpu);
    form->addRow(tr("Workers:"), m_workers);
    form->addRow(tr("Sharing the GPU:"), m_coLoadList);
    form->addRow(tr("Reason:"), m_reason);
    auto *controls = new QHBoxLayout;
    controls->addLayout(form, 1);
    controls->addWidget(m_fitButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_gpu, &QComboBox::currentIndexChanged, this, &EnvelopePanel::recompute);
    connect(m_workers, &QSpinBox::valueChanged, this, &EnvelopePanel::recompute);
    connect(m_fitButton, &QPushButton::clicked, this, [this]() {
        auto done = fitToTarget();
        if (!done) {
            Q_EMIT failed(done.error());
        }
    });
    connect(m_coLoadList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString key = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked) {
            m_coLoad.insert(key);
        } else {
            m_coLoad.remove(key);
        }
        recompute();
    });
    connect(m_state, &StudioState::reviewsChanged, this, [this]() {
        rebuildCoLoadList(); // the figures (and the registry) may have changed
        recompute();
    });
    rebuildCoLoadList();
    recompute();
}

QChart *EnvelopePanel::chart() const
{
    return m_view->chart();
}

void EnvelopePanel::setModel(const QString &key)
{
    m_key = key;
    rebuildCoLoadList();
    recompute();
}

void EnvelopePanel::rebuildCoLoadList()
{
    const QSignalBlocker block(m_coLoadList);
    m_coLoadList->clear();
    QSet<QString> known;
    for (const ModelReview &r : m_state->reviews()) {
        known.insert(r.entry.key);
        if (r.entry.key == m_key) {
            continue; // the model being fitted is not its own co-load
        }
        auto *item =
            new QListWidgetItem(tr("%1 (%2 MiB)").arg(r.entry.name, groupDigits(r.effectiveMib())), m_coLoadList);
        item->setData(Qt::UserRole, r.entry.key);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(m_coLoad.contains(r.entry.key) ? Qt::Checked : Qt::Unchecked);
    }
    m_coLoad.intersect(known); // a model removed from the registry shares nothing any more
}

bool EnvelopePanel::selectGpu(const QString &label)
{
    const int i = m_gpu->findData(label);
    if (i < 0) {
        return false;
    }
    m_gpu->setCurrentIndex(i);
    return true;
}

void EnvelopePanel::setWorkers(int workers)
{
    m_workers->setValue(workers);
}

void EnvelopePanel::recompute()
{
    auto gpu = m_catalog.find(m_gpu->currentData().toString());
    m_target = gpu ? BudgetTarget::gpu(gpu.value()) : BudgetTarget::custom(0);
    const Workspace &ws = m_state->workspace();
    auto entry = m_key.isEmpty() ? Result<RegistryEntry>::failure(tr("No model selected")) : ws.entry(m_key);
    m_fitButton->setEnabled(false); // until the fit for these inputs has landed
    if (!entry) {
        m_jobs.start(
            this, []() { return Computed{}; }, [this](const Computed &c) { showComputed(c); }); // drops any in flight
        return;
    }
    // The co-load as `memspec fit --co-load` counts it: one worker of each, at its pool figure.
    qint64 coLoadMib = 0;
    for (const QString &k : std::as_const(m_coLoad)) {
        if (const auto r = m_state->review(k); r && k != entry->key) {
            coLoadMib += r->effectiveMib();
        }
    }
    const int workers = m_workers->value();
    m_jobs.start(
        this,
        [ws = Workspace(ws), e = entry.value(), target = m_target, workers, coLoadMib, catalog = m_catalog]() {
            Computed c;
            c.key = e.key;
            const Estimate current = ws.estimate(e);
            c.now = Envelope::of(e, current);
            c.nowMib = current.estMib;
            if (!c.now.adjustable) {
                return c;
            }
            auto at = [&](qint64 t) {
                EstimateParams overlay;
                overlay.context = t;
                return ws.estimate(e, overlay);
            };
            const qint64 maxTokens = e.servingInt("context");
            c.curve = EnvelopeCurve::compute(maxTokens, at);
            c.fit = EnvelopeFitter::fit(
                e.key, maxTokens, [&](qint64 t) { return at(t).estMib; }, target, workers, coLoadMib,
                PoolRule::kDefaultReserveMib, &catalog);
            return c;
        },
        [this](const Computed &c) { showComputed(c); });
}

void EnvelopePanel::showComputed(const Computed &c)
{
    m_curve = c.curve;
    m_fit = c.fit;
    m_now = c.now;
    const auto entry =
        c.key.isEmpty() ? Result<RegistryEntry>::failure(tr("No model selected")) : m_state->workspace().entry(c.key);
    if (!entry) {
        m_title->setText(tr("<b>Serving envelope</b>: select a model"));
        m_summary->clear();
        m_fitButton->setEnabled(false);
        rebuildChart();
        Q_EMIT computed();
        return;
    }
    m_title->setText(tr("<b>%1</b>: %2").arg(entry->name.toHtmlEscaped(), m_now.describe().toHtmlEscaped()));
    if (!m_now.adjustable) {
        m_summary->setText(
            tr("The prompt of this model is fixed by the model (%1): its figure does not depend on a serving "
               "limit, so there is nothing to fit.")
                .arg(m_now.promptLimitText()));
        m_fitButton->setEnabled(false);
        rebuildChart();
        Q_EMIT computed();
        return;
    }
    const int workers = m_fit.workers;
    const QString now = tr("now %1 tokens at %2 MiB").arg(groupDigits(m_now.promptLimit), groupDigits(c.nowMib));
    const QString beside =
        m_fit.coLoadMib > 0 ? tr(" beside %1 MiB of co-load").arg(groupDigits(m_fit.coLoadMib)) : QString();
    if (!m_fit.feasible) {
        m_summary->setText(
            tr("<b>Does not fit</b> %1 × %2%3 even at 512 tokens: %4 MiB per worker, the pool rule allows %5. "
               "Smallest target that holds it: <b>%6</b>. (%7)")
                .arg(workers)
                .arg(m_target.label, beside, groupDigits(m_fit.estMib), groupDigits(m_fit.perWorkerMib),
                     m_fit.smallestTarget.toHtmlEscaped(), now));
    } else {
        m_summary->setText(
            tr("<b>Fit</b> for %1 worker(s) on %2%3: prompt limit <b>%4 tokens</b> at <b>%5 MiB</b> per worker "
               "(the rule allows %6 per worker)%7. (%8)")
                .arg(workers)
                .arg(m_target.label, beside, groupDigits(m_fit.promptLimit), groupDigits(m_fit.estMib),
                     groupDigits(m_fit.perWorkerMib),
                     m_fit.fullLimit() ? tr("; the full limit fits")
                                       : tr("; 256 tokens more need %1 MiB").arg(groupDigits(m_fit.nextMib)),
                     now));
    }
    m_fitButton->setEnabled(m_fit.feasible && m_fit.promptLimit != m_now.promptLimit);
    if (m_reason->text().isEmpty() || m_reason->property("generated").toBool()) {
        m_reason->setText(m_fit.coLoadMib > 0 ? tr("fit to %1, %2 worker(s) beside %3 MiB of co-load")
                                                    .arg(m_target.label)
                                                    .arg(workers)
                                                    .arg(groupDigits(m_fit.coLoadMib))
                                              : tr("fit to %1, %2 worker(s)").arg(m_target.label).arg(workers));
        m_reason->setProperty("generated", true);
    }
    rebuildChart();
    Q_EMIT computed();
}

void EnvelopePanel::rebuildChart()
{
    auto *chart = new QChart;
    chart->setObjectName(QStringLiteral("envelopeQChart"));
    // Beside the plot, one entry a line: in a row under it six entries with their figures were cut to "pool limit
    // (1 ..." at 1024 px. Figures are grouped like the rest of the studio ("63,199"), whatever the system locale.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    if (m_curve.isEmpty()) {
        chart->setTitle(tr("Memory per worker over the prompt limit"));
        showChart(chart);
        return;
    }
    chart->setTitle(tr("Memory per worker over the prompt limit<br>%1%2 (%3 MiB), pool limit %4 MiB")
                        .arg(m_target.count > 1 ? QStringLiteral("%1 × ").arg(m_target.count) : QString(),
                             m_target.label.toHtmlEscaped(), groupDigits(m_target.capacityMib()),
                             groupDigits(PoolRule::limitMib(m_target.capacityMib()))));
    const double xMin = double(m_curve.first().tokens);
    const double xMax = double(std::max<qint64>(m_curve.last().tokens, m_curve.first().tokens * 2));
    auto *memory = new QLineSeries;
    memory->setName(tr("est_memory_allocation_mb"));
    memory->setPointsVisible(true);
    QPen pen(QColor(0x1f, 0x77, 0xb4));
    pen.setWidth(3);
    memory->setPen(pen);
    double yMax = 0;
    for (const EnvelopePoint &p : m_curve) {
        memory->append(double(p.tokens), double(p.estimate.estMib));
        yMax = std::max(yMax, double(p.estimate.estMib));
    }
    chart->addSeries(memory);
    QList<QAbstractSeries *> all{memory};
    // The pool limit (one worker) and the per-worker share for 2–4 workers, flat over the prompt limit.
    const QList<QColor> colors{QColor(0xd6, 0x27, 0x28), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                               QColor(0x94, 0x67, 0xbd)};
    for (int n = 1; n <= 4; ++n) {
        const qint64 share = PoolRule::maxPerWorkerMib(m_target.capacityMib(), n, m_fit.coLoadMib);
        auto *line = new QLineSeries;
        line->setName(n == 1 ? (m_fit.coLoadMib > 0 ? tr("pool limit − co-load: %1 MiB") : tr("pool limit: %1 MiB"))
                                   .arg(groupDigits(share))
                             : tr("%1 workers: %2 MiB each").arg(n).arg(groupDigits(share)));
        QPen dash(colors.at(n - 1));
        dash.setStyle(n == 1 ? Qt::SolidLine : Qt::DashLine);
        dash.setWidth(2);
        line->setPen(dash);
        line->append(xMin, double(share));
        line->append(xMax, double(share));
        chart->addSeries(line);
        all << line;
        yMax = std::max(yMax, double(share));
    }
    if (m_fit.feasible) {
        auto *fit = new QScatterSeries;
        fit->setName(tr("fit: %1 tokens").arg(groupDigits(m_fit.promptLimit)));
        fit->setMarkerSize(14);
        fit->setColor(QColor(0x17, 0xbe, 0xcf));
        fit->append(double(m_fit.promptLimit), double(m_fit.estMib));
        chart->addSeries(fit);
        all << fit;
    }
    auto *x = new QLogValueAxis;
    x->setBase(2);
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(tr("prompt limit (tokens, log scale)"));
    x->setRange(xMin, xMax);
    x->setMinorTickCount(-1);
    auto *y = new QValueAxis;
    y->setTitleText(tr("MiB per worker"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setRange(0, yMax * 1.08);
    y->applyNiceNumbers(); // 0, 100,000, 200,000… rather than quarters of the largest figure
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    showChart(chart);
}

void EnvelopePanel::showChart(QChart *chart)
{
    // QChartView takes the new chart and hands the previous one back to the caller (it does not delete it): every
    // recompute leaked a whole chart, series and axes until ASan's leak check found it.
    QChart *previous = m_view->chart();
    m_view->setChart(chart);
    delete previous;
}

Result<Done> EnvelopePanel::fitToTarget()
{
    if (isComputing() || m_fit.key != m_key) {
        return Result<Done>::failure(tr("%1: the fit for the current inputs is still being computed").arg(m_key));
    }
    if (!m_fit.feasible) {
        return Result<Done>::failure(
            tr("%1: no prompt limit fits %2").arg(m_key.isEmpty() ? tr("no model") : m_key, m_target.label));
    }
    const QJsonObject detail{{QStringLiteral("target"), m_target.describe()},
                             {QStringLiteral("capacity_mib"), m_target.capacityMib()},
                             {QStringLiteral("limit_mib"), PoolRule::limitMib(m_target.capacityMib())},
                             {QStringLiteral("workers"), m_fit.workers},
                             {QStringLiteral("co_load_mib"), m_fit.coLoadMib},
                             {QStringLiteral("est_mib"), m_fit.estMib}};
    const qint64 limit = m_fit.promptLimit;
    auto done = m_state->fitPromptLimit(m_key, limit, detail, m_reason->text());
    if (done) {
        m_reason->setProperty("generated", true);
        Q_EMIT fitApplied(tr("%1: prompt limit set to %2 tokens (undo with Ctrl+Z)").arg(m_key, groupDigits(limit)));
    }
    return done;
}

} // namespace memspec::ui
