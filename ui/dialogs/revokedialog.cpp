// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "revokedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace memspec::ui {

RevokeDialog::RevokeDialog(const QString &modelName, const QString &signOffText, QWidget *parent)
    : QDialog(parent), m_reason(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("revokeDialog"));
    setWindowTitle(tr("Revoke sign-off of %1").arg(modelName));
    m_reason->setObjectName(QStringLiteral("revokeReason"));
    m_reason->setPlaceholderText(tr("Why the value is no longer approved (recorded in the audit trail)"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Revoke"));
    auto *what = new QLabel(signOffText, this);
    what->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Reason"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    auto update = [this]() { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty()); };
    connect(m_reason, &QLineEdit::textChanged, this, update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RevokeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RevokeDialog::reject);
    update();
    resize(480, 180);
}

QString RevokeDialog::reason() const
{
    return m_reason->text().trimmed();
}

void RevokeDialog::accept()
{
    if (reason().isEmpty()) {
        m_reason->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace memspec::ui
