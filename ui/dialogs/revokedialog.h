// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace memspec::ui {

// Revokes a model's sign-off: says what is withdrawn and asks why (the reason goes into the audit trail).
class RevokeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeDialog)
public:
    RevokeDialog(const QString &modelName, const QString &signOffText, QWidget *parent = nullptr);

    QString reason() const;
    void accept() override;

private:
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
};

} // namespace memspec::ui
