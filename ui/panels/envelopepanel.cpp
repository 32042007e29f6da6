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
#include <QLogValueAxis>
#include <QPen>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

namespace memspec::ui {

EnvelopePanel::EnvelopePanel(StudioState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_gpu(new QComboBox(this)), m_workers(new QSpinBox(this)), m_reason(new QLineEdit(this)),
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
    m_gpu->setToolTip(tr("Capacity is the MiB the driver reports (H100 80GB = 81,559 MiB), else the nominal GB as 10^9 B"));
    m_workers->setObjectName(QStringLiteral("envelopeWorkers"));
    m_workers->setRange(1, BudgetCalculator::kMaxWorkersPerModel);
    m_workers->setToolTip(tr("Workers of this model that must start together (the pool runs up to 4 per model)"));
    m_reason->setObjectName(QStringLiteral("envelopeReason"));
    m_reason->setPlaceholderText(tr("Why this target (recorded in the audit trail)"));
    m_fitButton->setObjectName(QStringLiteral("envelopeFitButton"));
    m_fitButton->setToolTip(tr("Set the largest prompt limit (a multiple of 256) at which the workers pass the pool rule"));
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
    connect(m_state, &StudioState::reviewsChanged, this, &EnvelopePanel::recompute);
    recompute();
}

QChart *EnvelopePanel::chart() const
{
    return m_view->chart();
}

void EnvelopePanel::setModel(const QString &key)
{
    m_key = key;
    recompute();
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
    m_curve.clear();
    m_fit = {};
    auto gpu = m_catalog.find(m_gpu->currentData().toString());
    m_target = gpu ? BudgetTarget::gpu(gpu.value()) : BudgetTarget::custom(0);
    const Workspace &ws = m_state->workspace();
    auto entry = m_key.isEmpty() ? Result<RegistryEntry>::failure(tr("No model selected")) : ws.entry(m_key);
    if (!entry) {
        m_title->setText(tr("<b>Serving envelope</b>: select a model"));
        m_summary->clear();
        m_fitButton->setEnabled(false);
        rebuildChart();
        return;
    }
    m_now = Envelope::of(entry.value(), ws.estimate(entry.value()));
    m_title->setText(tr("<b>%1</b>: %2").arg(entry->name.toHtmlEscaped(), m_now.describe().toHtmlEscaped()));
    if (!m_now.adjustable) {
        m_summary->setText(tr("The prompt of this model is fixed by the model (%1): its figure does not depend on a serving "
                              "limit, so there is nothing to fit.")
                               .arg(m_now.promptLimitText()));
        m_fitButton->setEnabled(false);
        rebuildChart();
        return;
    }
    const qint64 maxTokens = entry->servingInt("context");
    auto at = [&](qint64 t) {
        EstimateParams overlay;
        overlay.context = t;
        return ws.estimate(entry.value(), overlay);
    };
    m_curve = EnvelopeCurve::compute(maxTokens, at);
    const int workers = m_workers->value();
    m_fit = EnvelopeFitter::fit(entry->key, maxTokens, [&](qint64 t) { return at(t).estMib; }, m_target, workers, 0,
                                PoolRule::kDefaultReserveMib, &m_catalog);
    const QString now = tr("now %1 tokens at %2 MiB").arg(groupDigits(m_now.promptLimit), groupDigits(ws.estimate(entry.value()).estMib));
    if (!m_fit.feasible) {
        m_summary->setText(tr("<b>Does not fit</b> %1 × %2 even at 512 tokens: %3 MiB per worker, the pool rule allows %4. "
                              "Smallest target that holds it: <b>%5</b>. (%6)")
                               .arg(workers)
                               .arg(m_target.label, groupDigits(m_fit.estMib), groupDigits(m_fit.perWorkerMib),
                                    m_fit.smallestTarget.toHtmlEscaped(), now));
    } else {
        m_summary->setText(tr("<b>Fit</b> for %1 worker(s) on %2: prompt limit <b>%3 tokens</b> at <b>%4 MiB</b> per worker "
                              "(the rule allows %5 per worker)%6. (%7)")
                               .arg(workers)
                               .arg(m_target.label, groupDigits(m_fit.promptLimit), groupDigits(m_fit.estMib), groupDigits(m_fit.perWorkerMib),
                                    m_fit.fullLimit() ? tr("; the full limit fits")
                                                      : tr("; 256 tokens more need %1 MiB").arg(groupDigits(m_fit.nextMib)),
                                    now));
    }
    m_fitButton->setEnabled(m_fit.feasible && m_fit.promptLimit != m_now.promptLimit);
    if (m_reason->text().isEmpty() || m_reason->property("generated").toBool()) {
        m_reason->setText(tr("fit to %1, %2 worker(s)").arg(m_target.label).arg(workers));
        m_reason->setProperty("generated", true);
    }
    rebuildChart();
}

void EnvelopePanel::rebuildChart()
{
    auto *chart = new QChart;
    chart->setObjectName(QStringLiteral("envelopeQChart"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    if (m_curve.isEmpty()) {
        chart->setTitle(tr("Memory per worker over the prompt limit"));
        m_view->setChart(chart);   // the view owns the chart and deletes the previous one
        return;
    }
    chart->setTitle(tr("Memory per worker over the prompt limit; %1, pool limit %2 MiB")
                        .arg(m_target.describe(), groupDigits(PoolRule::limitMib(m_target.capacityMib()))));
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
    const QList<QColor> colors{QColor(0xd6, 0x27, 0x28), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd)};
    for (int n = 1; n <= 4; ++n) {
        const qint64 share = PoolRule::maxPerWorkerMib(m_target.capacityMib(), n);
        auto *line = new QLineSeries;
        line->setName(n == 1 ? tr("pool limit (1 worker): %1 MiB").arg(groupDigits(share))
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
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    m_view->setChart(chart);
}

Result<Done> EnvelopePanel::fitToTarget()
{
    if (!m_fit.feasible) {
        return Result<Done>::failure(tr("%1: no prompt limit fits %2").arg(m_key.isEmpty() ? tr("no model") : m_key, m_target.label));
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
