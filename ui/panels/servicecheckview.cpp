// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "servicecheckview.h"

#include "app/export/servicemismatch.h"

#include "ui/commands/reviewcontroller.h"
#include "ui/support/studiostate.h"

#include <QCheckBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace memspec::ui {

namespace {

const QColor kPass(0x2e, 0x9d, 0x4a);
const QColor kFail(0xe1, 0x57, 0x59);

} // namespace

ServiceCheckView::ServiceCheckView(StudioState *state, QWidget *parent)
    : QWidget(parent), m_state(state), m_run(new QPushButton(tr("&Check source tree"), this)),
      m_allowUnapproved(new QCheckBox(tr("Accept values nobody signed off"), this)), m_verdict(new QLabel(this)),
      m_differences(new QListWidget(this)), m_mismatches(new QTreeWidget(this)),
      m_adopt(new QPushButton(tr("Adopt the service's model"), this))
{
    setObjectName(QStringLiteral("serviceCheckView"));
    m_run->setObjectName(QStringLiteral("serviceCheckRun"));
    m_run->setToolTip(tr("The same check CI runs (memspec check): every static must hold the signed-off value"));
    m_allowUnapproved->setObjectName(QStringLiteral("serviceCheckAllowUnapproved"));
    m_allowUnapproved->setToolTip(tr("Compare with the current values instead of the signed-off ones"));
    m_verdict->setObjectName(QStringLiteral("serviceCheckVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setText(tr("Not checked yet."));
    m_differences->setObjectName(QStringLiteral("serviceCheckDifferences"));
    m_differences->setWordWrap(true);
    m_mismatches->setObjectName(QStringLiteral("serviceMismatchList"));
    m_mismatches->setRootIsDecorated(false);
    m_mismatches->setHeaderLabels({tr("Mismatch"), tr("Registry"), tr("Service"), tr("Where")});
    m_mismatches->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_adopt->setObjectName(QStringLiteral("serviceMismatchAdopt"));
    m_adopt->setToolTip(tr("Make the registry's model the one the service's static names (undoable)"));
    m_adopt->setEnabled(false);

    // The controls on one row, the verdict under them at the full width (beside them it wrapped word by word).
    auto *top = new QHBoxLayout;
    top->addStretch(1);
    top->addWidget(m_allowUnapproved);
    top->addWidget(m_run);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_adopt);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_verdict);
    layout->addWidget(m_differences, 1);
    layout->addWidget(new QLabel(tr("Registry and service"), this));
    layout->addWidget(m_mismatches, 1);
    layout->addLayout(bottom);

    connect(m_run, &QPushButton::clicked, this, &ServiceCheckView::runCheck);
    connect(m_mismatches, &QTreeWidget::currentItemChanged, this, &ServiceCheckView::updateAdopt);
    connect(m_adopt, &QPushButton::clicked, this, [this]() {
        const Result<Done> done = adoptMismatch(m_mismatches->indexOfTopLevelItem(m_mismatches->currentItem()));
        if (!done) {
            m_verdict->setText(done.error().toHtmlEscaped());
        }
    });
}

void ServiceCheckView::setSourceTree(const QString &dir)
{
    m_tree = dir.trimmed();
}

void ServiceCheckView::runCheck()
{
    if (m_tree.isEmpty()) {
        show(Result<RustCheckReport>::failure(tr("Choose the service's source tree first.")));
        return;
    }
    m_verdict->setText(tr("Checking %1…").arg(m_tree.toHtmlEscaped()));
    const quint64 mine = ++m_generation;
    auto *watcher = new QFutureWatcher<Result<RustCheckReport>>(this);
    connect(watcher, &QFutureWatcher<Result<RustCheckReport>>::finished, this, [this, watcher, mine]() {
        watcher->deleteLater();
        if (mine == m_generation) {
            show(watcher->result());
        }
    });
    watcher->setFuture(
        QtConcurrent::run([tree = m_tree, reviews = m_state->reviews(), allow = m_allowUnapproved->isChecked()]() {
            return RustCheck::run(tree, reviews, allow);
        }));
}

void ServiceCheckView::show(const Result<RustCheckReport> &result)
{
    m_result = result;
    m_differences->clear();
    m_mismatches->clear();
    if (!result) {
        m_verdict->setText(QStringLiteral("<b style='color:%1'>%2</b> %3")
                               .arg(kFail.name(), tr("Cannot check."), result.error().toHtmlEscaped()));
    } else {
        const RustCheckReport &r = result.value();
        m_verdict->setText(QStringLiteral("<b style='color:%1'>%2</b> %3")
                               .arg((r.ok() ? kPass : kFail).name(), r.ok() ? tr("Passes.") : tr("Fails."),
                                    r.summary().toHtmlEscaped()));
        m_differences->addItems(r.differences);
        for (const ServiceMismatch &m : r.mismatches) {
            auto *item = new QTreeWidgetItem(m_mismatches);
            item->setText(0, m.kindTitle());
            item->setText(1, m.modelKey);
            item->setText(2, m.serviceKey.isEmpty() ? m.staticName
                                                    : QStringLiteral("%1 (%2)").arg(m.serviceKey, m.staticName));
            item->setText(3, m.file.isEmpty() ? QString() : QStringLiteral("%1:%2").arg(m.file).arg(m.line));
            item->setToolTip(0, m.describe());
        }
    }
    updateAdopt();
    Q_EMIT checked();
}

void ServiceCheckView::updateAdopt()
{
    const int row = m_mismatches->indexOfTopLevelItem(m_mismatches->currentItem());
    m_adopt->setEnabled(m_result && *m_result && row >= 0 && row < m_result->value().mismatches.size() &&
                        m_result->value().mismatches.at(row).canAdopt());
}

Result<Done> ServiceCheckView::adoptMismatch(int row)
{
    if (!m_result || !*m_result || row < 0 || row >= m_result->value().mismatches.size()) {
        return Result<Done>::failure(tr("No mismatch at row %1: run the check first.").arg(row + 1));
    }
    const ServiceMismatch m = m_result->value().mismatches.at(row);
    auto entry = m_state->workspace().entry(m.modelKey);
    if (!entry) {
        return Result<Done>::failure(entry.error());
    }
    auto adopted = ServiceMismatches::adopted(entry.value(), m);
    if (!adopted) {
        return Result<Done>::failure(adopted.error());
    }
    const Result<Done> done = m_state->controller()->replaceRegistryEntry(m.modelKey, adopted.value(), m_state->who());
    if (done) {
        runCheck(); // the list follows the registry
    }
    return done;
}

} // namespace memspec::ui
