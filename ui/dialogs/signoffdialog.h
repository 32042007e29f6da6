// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace memspec::ui {

// Signs off a model's value: the reviewer's name (remembered in the settings) and what is being approved.
class SignOffDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignOffDialog)
public:
    SignOffDialog(const QString &modelName, qint64 mib, const QString &summaryHtml, const QString &reviewer,
                  QWidget *parent = nullptr);

    QString reviewer() const;
    void accept() override;

private:
    QLineEdit *m_reviewer;
    QDialogButtonBox *m_buttons;
};

} // namespace memspec::ui
