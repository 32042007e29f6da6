// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "overridedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace memspec::ui {

OverrideDialog::OverrideDialog(const QString &modelName, qint64 computedMib, qint64 currentMib,
                               const QString &currentReason, QWidget *parent)
    : QDialog(parent), m_mib(new QSpinBox(this)), m_reason(new QPlainTextEdit(this)), m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("overrideDialog"));
    setWindowTitle(tr("Override %1").arg(modelName));
    m_mib->setObjectName(QStringLiteral("overrideMib"));
    m_mib->setRange(1, 16 * 1024 * 1024);
    m_mib->setSingleStep(100);
    m_mib->setGroupSeparatorShown(true);
    m_mib->setSuffix(tr(" MiB"));
    m_mib->setValue(int(currentMib));
    m_reason->setObjectName(QStringLiteral("overrideReason"));
    m_reason->setPlaceholderText(tr("Why the computed value is wrong for this deployment (measured peak, vendor "
                                    "figure, …). Required; it goes into the docs and the audit trail."));
    m_reason->setPlainText(currentReason);
    m_reason->setTabChangesFocus(true);
    m_hint->setObjectName(QStringLiteral("overrideHint"));
    m_hint->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Override"));

    auto *form = new QFormLayout;
    form->addRow(tr("Computed"), new QLabel(tr("%L1 MiB per worker").arg(computedMib), this));
    form->addRow(tr("&Value"), m_mib);
    form->addRow(tr("&Reason"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &OverrideDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OverrideDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &OverrideDialog::updateState);
    updateState();
    resize(480, 280);
}

qint64 OverrideDialog::mib() const
{
    return m_mib->value();
}

QString OverrideDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void OverrideDialog::updateState()
{
    const bool ok = !reason().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_hint->setText(ok ? QString() : tr("An override needs a reason."));
}

void OverrideDialog::accept()
{
    if (reason().isEmpty()) {
        updateState();
        m_reason->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace memspec::ui
