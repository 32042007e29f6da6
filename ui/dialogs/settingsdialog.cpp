// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "settingsdialog.h"

#include "app/estimate/servingwords.h"
#include "app/hub/hubconfig.h"
#include "app/keychain/tokenstore.h"
#include "app/settings/settings.h"

#include "ui/support/filedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace memspec::ui {

SettingsDialog::SettingsDialog(Settings *settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_tokens(new TokenStore(this)), m_endpoint(new QLineEdit(this)),
      m_cacheDir(new QLineEdit(this)), m_offline(new QCheckBox(tr("Work offline (never contact the hub)"), this)),
      m_runtime(new QComboBox(this)), m_device(new QComboBox(this)), m_reviewer(new QLineEdit(this)),
      m_token(new QLineEdit(this)), m_tokenStatus(new QLabel(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_endpoint->setObjectName(QStringLiteral("settingsEndpoint"));
    m_endpoint->setText(settings->endpoint());
    m_endpoint->setPlaceholderText(Settings::defaultValue(Settings::Key::Endpoint).toString());
    m_cacheDir->setObjectName(QStringLiteral("settingsCacheDir"));
    m_cacheDir->setText(settings->cacheDir());
    m_offline->setObjectName(QStringLiteral("settingsOffline"));
    m_offline->setChecked(settings->offline());
    m_runtime->setObjectName(QStringLiteral("settingsRuntime"));
    m_runtime->addItem(tr("Each model's own profile"), QString());
    for (const QString &r : serving::runtimes()) {
        m_runtime->addItem(r, r);
    }
    m_runtime->setCurrentIndex(qMax(0, m_runtime->findData(settings->defaultRuntime())));
    m_device->setObjectName(QStringLiteral("settingsDevice"));
    m_device->addItems(serving::devices());
    m_device->setCurrentText(settings->defaultDevice());
    m_runtime->setToolTip(
        tr("What a model's parameters reset to (Defaults in the breakdown); CLI estimates take --runtime"));
    m_device->setToolTip(m_runtime->toolTip());
    m_reviewer->setObjectName(QStringLiteral("settingsReviewer"));
    m_reviewer->setText(settings->reviewerName());
    m_token->setObjectName(QStringLiteral("settingsToken"));
    m_token->setEchoMode(QLineEdit::Password);
    // The placeholder shares its row with two buttons: the hint that would not fit goes to the tooltip.
    m_token->setPlaceholderText(tr("hf_…"));
    m_token->setToolTip(tr("A Hugging Face access token; stored in the OS keychain, never in a file"));
    m_tokenStatus->setObjectName(QStringLiteral("settingsTokenStatus"));
    // One line: a wrapped label in a form row is laid out one line short, and the last words were cut off.
    m_tokenStatus->setWordWrap(false);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *cacheRow = new QHBoxLayout;
    cacheRow->addWidget(m_cacheDir, 1);
    cacheRow->addWidget(browse);
    auto *saveToken = new QPushButton(tr("Save to keychain"), this);
    saveToken->setObjectName(QStringLiteral("settingsSaveToken"));
    auto *forgetToken = new QPushButton(tr("Forget"), this);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(saveToken);
    tokenRow->addWidget(forgetToken);
    saveToken->setEnabled(TokenStore::keychainAvailable());
    forgetToken->setEnabled(TokenStore::keychainAvailable());

    auto *form = new QFormLayout;
    form->addRow(tr("Hub &endpoint"), m_endpoint);
    // A label beside a layout has no buddy of its own, so it is given one: otherwise its "&" would show literally.
    auto buddyLabel = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(buddyLabel(tr("&Cache folder"), m_cacheDir), cacheRow);
    form->addRow(QString(), m_offline);
    // The environment wins over these two (HubConfig::resolve): say so rather than show a value that is not used.
    QStringList overrides;
    const QString envEndpoint = qEnvironmentVariable("HF_ENDPOINT");
    if (!envEndpoint.isEmpty()) {
        overrides << tr("HF_ENDPOINT=%1 is set: it wins over the endpoint above.").arg(envEndpoint);
    }
    if (HubConfig::truthy(qEnvironmentVariable("HF_HUB_OFFLINE"))) {
        overrides << tr("HF_HUB_OFFLINE is on: the hub is not contacted whatever the box says.");
    }
    if (!overrides.isEmpty()) {
        auto *environment = new QLabel(overrides.join(QLatin1Char(' ')), this);
        environment->setObjectName(QStringLiteral("settingsEnvironment"));
        environment->setWordWrap(true);
        form->addRow(QString(), environment);
    }
    form->addRow(tr("Default &runtime"), m_runtime);
    form->addRow(tr("Default &device"), m_device);
    form->addRow(tr("Re&viewer name"), m_reviewer);
    form->addRow(buddyLabel(tr("Hub &token"), m_token), tokenRow);
    form->addRow(QString(), m_tokenStatus);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    if (TokenStore::environmentTokenInUse()) {
        updateTokenStatus(tr("%1 from the environment is in use; it wins over a token in the keychain.")
                              .arg(Settings::environmentTokenVariable()));
    } else if (!TokenStore::keychainAvailable()) {
        updateTokenStatus(tr("This build has no keychain support: set HF_TOKEN to use gated repos."));
    } else {
        updateTokenStatus(tr("No token from the environment. A token saved here is kept in the OS keychain."));
    }

    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString dir = FileDialog::existingDirectory(this, tr("Cache folder"), m_cacheDir->text());
        if (!dir.isEmpty()) {
            m_cacheDir->setText(dir);
        }
    });
    connect(saveToken, &QPushButton::clicked, this, [this]() {
        if (m_token->text().trimmed().isEmpty()) {
            updateTokenStatus(tr("Enter a token first."));
            return;
        }
        m_tokens->write(m_token->text().trimmed());
    });
    connect(forgetToken, &QPushButton::clicked, m_tokens, &TokenStore::remove);
    connect(m_tokens, &TokenStore::written, this, [this](const QString &error) {
        m_token->clear();
        updateTokenStatus(error.isEmpty() ? tr("Token saved in the OS keychain.") : error);
    });
    connect(m_tokens, &TokenStore::removed, this, [this](const QString &error) {
        updateTokenStatus(error.isEmpty() ? tr("Token removed from the OS keychain.") : error);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this]() {
        m_endpoint->setText(Settings::defaultValue(Settings::Key::Endpoint).toString());
        m_cacheDir->setText(Settings::defaultValue(Settings::Key::CacheDir).toString());
        m_offline->setChecked(Settings::defaultValue(Settings::Key::Offline).toBool());
        m_runtime->setCurrentIndex(0);
        m_device->setCurrentText(Settings::defaultValue(Settings::Key::DefaultDevice).toString());
    });
    resize(560, 0);
}

void SettingsDialog::updateTokenStatus(const QString &text)
{
    m_tokenStatus->setText(text);
}

void SettingsDialog::accept()
{
    const QList<QPair<Settings::Key, QVariant>> values{
        {Settings::Key::Endpoint, m_endpoint->text().trimmed()},
        {Settings::Key::CacheDir, m_cacheDir->text().trimmed()},
        {Settings::Key::Offline, m_offline->isChecked()},
        {Settings::Key::DefaultRuntime, m_runtime->currentData().toString()},
        {Settings::Key::DefaultDevice, m_device->currentText()},
        {Settings::Key::ReviewerName, m_reviewer->text().trimmed()},
    };
    for (const auto &[key, value] : values) {
        const QString error = Settings::validate(key, value);
        if (!error.isEmpty()) {
            m_error->setText(error);
            return;
        }
    }
    for (const auto &[key, value] : values) {
        m_settings->setValue(key, value);
    }
    m_settings->sync();
    QDialog::accept();
}

} // namespace memspec::ui
