// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace memspec {
class Settings;
class TokenStore;
} // namespace memspec

namespace memspec::ui {

// Edits the Settings class: hub endpoint, cache folder, offline, default runtime and device, reviewer name,
// and the hub token (OS keychain; HF_TOKEN from the environment is shown when it is in use). Values are
// validated and written on OK only.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);

    void accept() override;

private:
    void updateTokenStatus(const QString &text);

    Settings *m_settings;
    TokenStore *m_tokens;
    QLineEdit *m_endpoint;
    QLineEdit *m_cacheDir;
    QCheckBox *m_offline;
    QComboBox *m_runtime;
    QComboBox *m_device;
    QLineEdit *m_reviewer;
    QLineEdit *m_token;
    QLabel *m_tokenStatus;
    QLabel *m_error;
};

} // namespace memspec::ui
