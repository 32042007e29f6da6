// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "breakdownpanel.h"

#include "app/common/units.h"
#include "ui/models/breakdownmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace memspec::ui {

BreakdownPanel::BreakdownPanel(QWidget *parent)
    : QWidget(parent), m_model(new BreakdownModel(this)), m_title(new QLabel(this)), m_value(new QLabel(this)),
      m_view(new QTableView(this)), m_notes(new QLabel(this))
{
    setObjectName(QStringLiteral("breakdownPanel"));
    m_title->setObjectName(QStringLiteral("breakdownTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    m_title->setFont(tf);
    m_value->setObjectName(QStringLiteral("estimateValue"));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("breakdownTable"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(true);
    m_view->horizontalHeader()->setSectionResizeMode(BreakdownModel::LineColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(BreakdownModel::MibColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(BreakdownModel::DerivationColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(BreakdownModel::SourcesColumn, QHeaderView::Interactive);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_notes->setObjectName(QStringLiteral("estimateNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_notes);
}

void BreakdownPanel::setEstimate(const QString &title, const Estimate &estimate)
{
    m_title->setText(title);
    m_value->setText(tr("<b>est_memory_allocation_mb = %L1</b> MiB per worker &nbsp;·&nbsp; runtime %2 on %3 &nbsp;·&nbsp; basis: %4")
                         .arg(estimate.estMib)
                         .arg(estimate.parameters.runtime, estimate.parameters.device, estimate.basis));
    m_model->setEstimate(estimate);
    QStringList notes;
    for (const QString &n : estimate.notes) {
        notes << QStringLiteral("• ") + n.toHtmlEscaped();
    }
    if (!estimate.ruleOfThumb.isEmpty()) {
        notes << tr("• Cross-check (seed's rule of thumb, not the estimate): %1").arg(estimate.ruleOfThumb.toHtmlEscaped());
    }
    m_notes->setText(notes.join(QStringLiteral("<br>")));
}

} // namespace memspec::ui
