// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "signoffdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace memspec::ui {

SignOffDialog::SignOffDialog(const QString &modelName, qint64 mib, const QString &summaryHtml, const QString &reviewer,
                             QWidget *parent)
    : QDialog(parent), m_reviewer(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("signOffDialog"));
    setWindowTitle(tr("Sign off %1").arg(modelName));
    m_reviewer->setObjectName(QStringLiteral("signOffReviewer"));
    m_reviewer->setText(reviewer);
    m_reviewer->setPlaceholderText(tr("Your name"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign off"));
    auto *summary = new QLabel(summaryHtml, this);
    summary->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Value"), new QLabel(tr("<b>%L1 MiB</b> per worker").arg(mib), this));
    form->addRow(tr("&Reviewer"), m_reviewer);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(summary);
    layout->addWidget(m_buttons);

    auto update = [this]() { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!this->reviewer().isEmpty()); };
    connect(m_reviewer, &QLineEdit::textChanged, this, update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignOffDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignOffDialog::reject);
    update();
    resize(460, 220);
}

QString SignOffDialog::reviewer() const
{
    return m_reviewer->text().trimmed();
}

void SignOffDialog::accept()
{
    if (reviewer().isEmpty()) {
        m_reviewer->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace memspec::ui
