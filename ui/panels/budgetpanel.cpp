// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "budgetpanel.h"

#include "app/budget/budgetcalculator.h"
#include "app/common/units.h"
#include "app/settings/settings.h"

#include "ui/models/budgetselectionmodel.h"
#include "ui/models/budgettablemodel.h"
#include "ui/panels/budgetchartbuilder.h"
#include "ui/support/filedialog.h"
#include "ui/support/messagebox.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {

const QString kCustom = QStringLiteral("custom");
const QString kHost = QStringLiteral("host");

Result<Done> saveAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        return Result<Done>::failure(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    return Done{};
}

} // namespace

BudgetPanel::BudgetPanel(QWidget *parent)
    : QWidget(parent), m_selection(new BudgetSelectionModel(this)), m_table(new BudgetTableModel(this))
{
    setObjectName(QStringLiteral("budgetPanel"));
    if (auto cat = GpuCatalog::bundled()) {
        m_catalog = cat.value();
    }
    if (auto host = BudgetTarget::hostRam()) {
        m_hostMib = host->deviceMib;
    }

    m_chartView = new QChartView(new QChart, this);
    m_chartView->setObjectName(QStringLiteral("budgetChartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(300);
    chart()->legend()->setVisible(false); // the label under the chart is the legend: it wraps (see legendHtml)
    chart()->setMargins(QMargins(4, 4, 4, 4));
    connect(chart(), &QChart::plotAreaChanged, this,
            [this]() { BudgetChartBuilder::fitCategoryLabels(chart(), m_chartData); });
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("budgetLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_legend->setToolTip(tr("Hover a bar or a line in the chart for its figures"));
    auto *chartPane = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(2);
    chartLayout->addWidget(m_chartView, 1);
    chartLayout->addWidget(m_legend);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("budgetVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("budgetTable"));
    m_tableView->setModel(m_table);
    m_tableView->verticalHeader()->hide();
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The whole table is readable at 1024 px without a horizontal scroll bar: the names and figures take the width
    // they need, the verdicts the rest, elided (each verdict's tooltip holds it whole).
    QHeaderView *columns = m_tableView->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(BudgetTableModel::VerdictColumn, QHeaderView::Stretch);
    columns->setStretchLastSection(false);
    m_tableView->setWordWrap(false);
    m_tableView->setTextElideMode(Qt::ElideRight);
    m_tableView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *exports = new QHBoxLayout;
    exports->addStretch(1);
    const struct
    {
        const char *name;
        QString text;
        QString filter;
        QString suffix;
        Result<Done> (BudgetPanel::*fn)(const QString &) const;
    } buttons[] = {{"budgetExportPng", tr("Export chart PNG…"), tr("PNG image (*.png)"), QStringLiteral(".png"),
                    &BudgetPanel::exportPng},
                   {"budgetExportSvg", tr("Export chart SVG…"), tr("SVG image (*.svg)"), QStringLiteral(".svg"),
                    &BudgetPanel::exportSvg},
                   {"budgetExportCsv", tr("Export table CSV…"), tr("CSV (*.csv)"), QStringLiteral(".csv"),
                    &BudgetPanel::exportCsv}};
    for (const auto &b : buttons) {
        auto *button = new QPushButton(b.text, this);
        button->setObjectName(QLatin1String(b.name));
        const auto filter = b.filter;
        const auto suffix = b.suffix;
        const auto fn = b.fn;
        connect(button, &QPushButton::clicked, this,
                [this, filter, suffix, fn] { exportWithDialog(filter, suffix, fn); });
        exports->addWidget(button);
    }

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_verdict);
    lowerLayout->addWidget(m_tableView, 1);
    lowerLayout->addLayout(exports);
    // The controls beside the chart; the verdict and the table under both, the whole width of the view, so that the
    // table's columns need no horizontal scrolling at 1024 px.
    auto *upper = new QWidget(this);
    auto *upperLayout = new QHBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addWidget(buildControls());
    upperLayout->addWidget(chartPane, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("budgetSplitter"));
    split->addWidget(upper);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({560, 320});
    split->setChildrenCollapsible(false);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(split, 1);

    connect(m_selection, &BudgetSelectionModel::checkedChanged, this, &BudgetPanel::recompute);
    applyTheme();
    onTargetChanged();
}

QWidget *BudgetPanel::buildControls()
{
    auto *box = new QWidget(this);
    box->setMaximumWidth(340);
    auto *target = new QGroupBox(tr("Target"), box);
    m_gpuCombo = new QComboBox(target);
    m_gpuCombo->setObjectName(QStringLiteral("budgetGpuCombo"));
    m_gpuCombo->setEditable(true);
    m_gpuCombo->setInsertPolicy(QComboBox::NoInsert);
    m_gpuCombo->completer()->setFilterMode(Qt::MatchContains);
    m_gpuCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_gpuCombo->setToolTip(tr("GPUs from the Hugging Face hardware list; capacity is the MiB the driver reports (H100 "
                              "80GB = 81,559 MiB), else the nominal GB as 10^9 B"));
    fillGpuCombo();
    m_customMib = new QSpinBox(target);
    m_customMib->setObjectName(QStringLiteral("budgetCustomMib"));
    m_customMib->setRange(1, std::numeric_limits<int>::max());
    m_customMib->setSuffix(tr(" MiB"));
    m_customMib->setGroupSeparatorShown(true);
    m_customMib->setValue(24576);
    m_customMib->setToolTip(tr("The memory of one device. Typing a size here makes the target a custom capacity."));
    m_count = new QSpinBox(target);
    m_count->setObjectName(QStringLiteral("budgetGpuCount"));
    m_count->setRange(1, BudgetTarget::kMaxCount);
    m_count->setPrefix(tr("× "));
    m_reserve = new QSpinBox(target);
    m_reserve->setObjectName(QStringLiteral("budgetReserveMib"));
    m_reserve->setRange(0, std::numeric_limits<int>::max());
    m_reserve->setSingleStep(256);
    m_reserve->setGroupSeparatorShown(true);
    m_reserve->setSuffix(tr(" MiB"));
    m_reserve->setValue(int(BudgetCalculator::kDefaultReserveMib));
    m_reserve->setToolTip(tr("The pool admits a worker while allocated + est ≤ 0.80 × capacity − reserve"));
    m_targetInfo = new QLabel(box);
    m_targetInfo->setObjectName(QStringLiteral("budgetTargetInfo"));
    m_targetInfo->setWordWrap(true);
    m_targetInfo->setToolTip(BudgetCalculator::rulesText());
    auto *form = new QFormLayout(target);
    form->addRow(tr("Device"), m_gpuCombo);
    form->addRow(tr("Per device"), m_customMib);
    form->addRow(tr("Count"), m_count);
    form->addRow(tr("Pool reserve"), m_reserve);

    auto *models = new QGroupBox(tr("Co-load set"), box);
    m_modelList = new QListView(models);
    m_modelList->setObjectName(QStringLiteral("budgetModelList"));
    m_modelList->setModel(m_selection);
    auto *all = new QPushButton(tr("All"), models);
    all->setObjectName(QStringLiteral("budgetSelectAll"));
    auto *none = new QPushButton(tr("None"), models);
    none->setObjectName(QStringLiteral("budgetSelectNone"));
    connect(all, &QPushButton::clicked, this, [this] { m_selection->setAllChecked(true); });
    connect(none, &QPushButton::clicked, this, [this] { m_selection->setAllChecked(false); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(all);
    buttons->addWidget(none);
    buttons->addStretch(1);
    auto *modelsLayout = new QVBoxLayout(models);
    modelsLayout->addWidget(m_modelList, 1);
    modelsLayout->addLayout(buttons);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(target);
    layout->addWidget(m_targetInfo);
    layout->addWidget(models, 1);

    connect(m_gpuCombo, &QComboBox::currentIndexChanged, this, &BudgetPanel::onTargetChanged);
    connect(m_customMib, &QSpinBox::valueChanged, this, &BudgetPanel::onPerDeviceEdited);
    connect(m_count, &QSpinBox::valueChanged, this, &BudgetPanel::recompute);
    connect(m_reserve, &QSpinBox::valueChanged, this, &BudgetPanel::recompute);
    return box;
}

void BudgetPanel::fillGpuCombo()
{
    m_gpuCombo->addItem(tr("Custom capacity"), kCustom);
    m_gpuCombo->addItem(tr("Host RAM (this machine, %1 MiB)").arg(groupDigits(m_hostMib)), kHost);
    if (m_hostMib <= 0) {
        if (auto *items = qobject_cast<QStandardItemModel *>(m_gpuCombo->model())) {
            items->item(1)->setEnabled(false); // this machine's RAM could not be read
        }
    }
    for (const GpuModel &g : m_catalog.gpus()) {
        m_gpuCombo->addItem(g.label(), g.label());
        m_gpuCombo->setItemData(
            m_gpuCombo->count() - 1,
            tr("%1 %2: %3 MiB = %4 GiB (%5; %6)")
                .arg(g.vendor, g.label())
                .arg(groupDigits(g.mib()))
                .arg(g.gib(), 0, 'f', 1)
                .arg(g.reported() ? g.reportedSource : tr("%1 GB nominal read as 10^9 B").arg(g.memoryGb))
                .arg(g.kind),
            Qt::ToolTipRole);
    }
    const int h100 = m_gpuCombo->findData(QStringLiteral("H100 80GB"));
    m_gpuCombo->setCurrentIndex(h100 >= 0 ? h100 : 0);
}

QChart *BudgetPanel::chart() const
{
    return m_chartView->chart();
}

BudgetTarget BudgetPanel::currentTarget() const
{
    const QString id = m_gpuCombo->currentData().toString();
    BudgetTarget t = BudgetTarget::custom(m_customMib->value(), m_count->value());
    if (id == kHost) {
        t.kind = BudgetTarget::Kind::HostRam;
        t.label = QStringLiteral("host RAM");
        t.deviceMib = m_hostMib;
    } else if (id != kCustom) {
        if (auto gpu = m_catalog.find(id)) {
            t = BudgetTarget::gpu(gpu.value(), m_count->value());
        }
    }
    return t;
}

void BudgetPanel::onPerDeviceEdited()
{
    // A typed size is a custom target: the listed GPU (or host RAM) no longer describes it.
    if (!m_updating && m_gpuCombo->currentData().toString() != kCustom) {
        m_updating = true;
        m_gpuCombo->setCurrentIndex(m_gpuCombo->findData(kCustom));
        m_updating = false;
    }
    recompute();
}

void BudgetPanel::onTargetChanged()
{
    if (m_updating) {
        return;
    }
    if (m_gpuCombo->currentData().toString() != kCustom) {
        m_updating = true; // showing the device's size is not an edit
        m_customMib->setValue(int(std::min<qint64>(currentTarget().deviceMib, std::numeric_limits<int>::max())));
        m_updating = false;
    }
    recompute();
}

void BudgetPanel::setReviews(const QList<ModelReview> &reviews)
{
    const qint64 limit = PoolRule::limitMib(currentTarget().capacityMib(), m_reserve->value());
    m_selection->setReviews(reviews, [limit](const BudgetItem &i) { return i.mib <= limit; });
}

bool BudgetPanel::selectGpu(const QString &name)
{
    QString id = name;
    if (name.compare(kHost, Qt::CaseInsensitive) == 0) {
        id = kHost;
    } else if (name.compare(kCustom, Qt::CaseInsensitive) == 0) {
        id = kCustom;
    } else if (auto gpu = m_catalog.find(name)) {
        id = gpu->label();
    } else {
        return false;
    }
    const int index = m_gpuCombo->findData(id);
    if (index < 0) {
        return false;
    }
    m_gpuCombo->setCurrentIndex(index);
    return true;
}

void BudgetPanel::setCheckedKeys(const QStringList &keys)
{
    m_selection->setCheckedKeys(keys);
}

void BudgetPanel::recompute()
{
    if (m_updating) {
        return;
    }
    const BudgetTarget target = currentTarget();
    m_result = BudgetCalculator::compute(target, m_selection->checkedItems(), m_reserve->value());
    m_chartData = BudgetChartData::fromResult(m_result);
    m_table->setResult(m_result);
    BudgetChartBuilder::populate(chart(), m_chartData, palette());
    BudgetChartBuilder::fitCategoryLabels(chart(), m_chartData);
    m_legend->setText(BudgetChartBuilder::legendHtml(palette()));
    m_targetInfo->setText(tr("%1<br>Capacity <b>%2 MiB</b><br>Pool limit floor(0.80 × capacity) − %3 = <b>%4 MiB</b>")
                              .arg(target.describe().toHtmlEscaped(), groupDigits(m_result.capacityMib),
                                   groupDigits(m_result.reserveMib), groupDigits(m_result.limitMib)));
    m_verdict->setText(tr("<b style='color:%1'>%2</b> %3")
                           .arg(BudgetTableModel::verdictColor(m_result.verdict()).name(),
                                m_result.verdictTitle().toHtmlEscaped(), m_result.verdictDetail().toHtmlEscaped()));
    // Two short lines: the whole description ("… MiB as the driver reports = 79.6 GiB") is beside the chart.
    chart()->setTitle(tr("Per-worker memory on %1%2 (%3 MiB)<br>pool limit %4 MiB")
                          .arg(target.count > 1 ? QStringLiteral("%1 × ").arg(target.count) : QString(),
                               target.label.toHtmlEscaped(), groupDigits(m_result.capacityMib),
                               groupDigits(m_result.limitMib)));
    Q_EMIT resultChanged();
}

void BudgetPanel::applyTheme()
{
    const bool dark = BudgetChartBuilder::isDark(palette());
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->legend()->setVisible(false); // a theme change can show it again; the label under the chart is the legend
    chart()->setBackgroundBrush(palette().color(QPalette::Base));
    chart()->setTitleBrush(palette().color(QPalette::WindowText));
    m_chartView->setBackgroundBrush(palette().color(QPalette::Window));
}

void BudgetPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_chartView) {
        applyTheme();
        recompute();
    }
}

Result<Done> BudgetPanel::exportPng(const QString &path) const
{
    const QByteArray bytes = BudgetChartBuilder::pngBytes(m_chartView, m_legend, palette().color(QPalette::Window));
    if (bytes.isEmpty()) {
        return Result<Done>::failure(QStringLiteral("%1: cannot encode the chart as PNG").arg(path));
    }
    return saveAtomically(path, bytes);
}

Result<Done> BudgetPanel::exportSvg(const QString &path) const
{
    return saveAtomically(
        path, BudgetChartBuilder::svgBytes(m_chartView, m_legend, tr("MemSpec budget chart; figures in MiB")));
}

Result<Done> BudgetPanel::exportCsv(const QString &path) const
{
    return saveAtomically(path, m_result.toCsv().toUtf8());
}

void BudgetPanel::exportWithDialog(const QString &filter, const QString &suffix,
                                   Result<Done> (BudgetPanel::*fn)(const QString &) const)
{
    const QString folder = m_settings ? m_settings->value(Settings::Key::BudgetExportFolder).toString() : QString();
    const QString name = QStringLiteral("budget") + suffix;
    QString path = FileDialog::saveFileName(this, tr("Export budget"),
                                            folder.isEmpty() ? name : QDir(folder).filePath(name), filter);
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(suffix, Qt::CaseInsensitive)) {
        path += suffix;
    }
    const Result<Done> done = (this->*fn)(path);
    if (!done) {
        MessageBox::warning(this, tr("Export failed"), done.error());
    } else if (m_settings) {
        m_settings->setValue(Settings::Key::BudgetExportFolder, QFileInfo(path).absolutePath());
    }
}

} // namespace memspec::ui
