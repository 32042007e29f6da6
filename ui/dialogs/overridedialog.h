// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace memspec::ui {

// Replaces a model's computed value with the reviewer's, with a written reason: OK stays disabled and accept()
// refuses while the reason is empty.
class OverrideDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverrideDialog)
public:
    OverrideDialog(const QString &modelName, qint64 computedMib, qint64 currentMib, const QString &currentReason,
                   QWidget *parent = nullptr);

    qint64 mib() const;
    QString reason() const;
    void accept() override;

private:
    void updateState();

    QSpinBox *m_mib;
    QPlainTextEdit *m_reason;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace memspec::ui
