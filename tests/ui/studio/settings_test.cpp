// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/facts/hubcache.h"
#include "app/hub/hubsettings.h"
#include "app/settings/settings.h"

#include "ui/dialogs/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

TEST(Settings, DefaultsTypedGettersAndChangedSignal)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    Settings s(file);
    EXPECT_EQ(s.defaultDevice(), QStringLiteral("cuda"));
    EXPECT_TRUE(s.defaultRuntime().isEmpty());
    EXPECT_TRUE(s.isDefault(Settings::Key::Endpoint));
    QSignalSpy spy(&s, &Settings::changed);
    s.setValue(Settings::Key::ReviewerName, QStringLiteral("Ada"));
    s.setValue(Settings::Key::ReviewerName, QStringLiteral("Ada")); // no change, no signal
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.first().first().value<Settings::Key>(), Settings::Key::ReviewerName);
    s.sync();
    Settings again(file); // the backing file carries it
    EXPECT_EQ(again.reviewerName(), QStringLiteral("Ada"));
    again.reset(Settings::Key::ReviewerName);
    EXPECT_TRUE(again.reviewerName().isEmpty());
    for (Settings::Key k : Settings::allKeys()) {
        EXPECT_FALSE(Settings::keyName(k).isEmpty());
    }
}

TEST(Settings, DefaultsDoNotDependOnTheEnvironment)
{
    // HF_ENDPOINT and HF_HUB_OFFLINE win over the settings when the hub configuration is resolved; they are not
    // the settings' defaults (a dialog saved while they were set would have pinned them).
    QTemporaryDir dir;
    qputenv("HF_ENDPOINT", "http://127.0.0.1:9/hub");
    qputenv("HF_HUB_OFFLINE", "1");
    const Settings s(dir.filePath(QStringLiteral("a.ini")));
    EXPECT_EQ(s.endpoint(), QStringLiteral("https://huggingface.co"));
    EXPECT_FALSE(s.offline());
    EXPECT_EQ(s.cacheDir(), HubCache::defaultDir());
    qunsetenv("HF_ENDPOINT");
    qunsetenv("HF_HUB_OFFLINE");
}

TEST(Settings, StoresOnlyWhatDiffersFromTheDefault)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    Settings s(file);
    s.setValue(Settings::Key::Endpoint, QStringLiteral("http://mirror:1"));
    s.setValue(Settings::Key::DefaultDevice, QStringLiteral("cuda")); // the default
    s.sync();
    EXPECT_FALSE(s.isDefault(Settings::Key::Endpoint));
    EXPECT_TRUE(s.isDefault(Settings::Key::DefaultDevice));
    s.setValue(Settings::Key::Endpoint, QStringLiteral("https://huggingface.co")); // back to the default: removed
    s.sync();
    EXPECT_TRUE(s.isDefault(Settings::Key::Endpoint));
    EXPECT_TRUE(QSettings(file, QSettings::IniFormat).allKeys().isEmpty());
}

TEST(Settings, ValidatesAndMigrates)
{
    EXPECT_FALSE(Settings::validate(Settings::Key::Endpoint, QStringLiteral("ftp://x")).isEmpty());
    EXPECT_TRUE(Settings::validate(Settings::Key::Endpoint, QStringLiteral("https://hf.example")).isEmpty());
    EXPECT_FALSE(Settings::validate(Settings::Key::DefaultRuntime, QStringLiteral("vllm")).isEmpty());
    EXPECT_FALSE(Settings::validate(Settings::Key::DefaultDevice, QStringLiteral("tpu")).isEmpty());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("old.ini"));
    {
        QSettings old(file, QSettings::IniFormat);
        old.setValue(QStringLiteral("reviewer"), QStringLiteral("Grace"));
    }
    Settings s(file);
    EXPECT_EQ(s.reviewerName(), QStringLiteral("Grace"));
}

TEST(SettingsDialog, WritesValidatedValuesAndShowsTheEnvironmentToken)
{
    QTemporaryDir dir;
    Settings s(dir.filePath(QStringLiteral("s.ini")));
    qputenv("HF_TOKEN", "hf_test_only");
    ui::SettingsDialog d(&s);
    EXPECT_TRUE(
        d.findChild<QLabel *>(QStringLiteral("settingsTokenStatus"))->text().contains(QStringLiteral("HF_TOKEN")));
    qunsetenv("HF_TOKEN");
    {
        // the older name HubConfig also reads: the dialog must not say there is no environment token
        qputenv("HUGGING_FACE_HUB_TOKEN", "hf_test_only");
        ui::SettingsDialog old(&s);
        const QString status = old.findChild<QLabel *>(QStringLiteral("settingsTokenStatus"))->text();
        qunsetenv("HUGGING_FACE_HUB_TOKEN");
        EXPECT_TRUE(status.startsWith(QStringLiteral("HUGGING_FACE_HUB_TOKEN from the environment is in use")))
            << status.toStdString();
    }
    d.findChild<QLineEdit *>(QStringLiteral("settingsEndpoint"))->setText(QStringLiteral("not a url"));
    d.accept();
    EXPECT_EQ(d.result(), QDialog::Rejected);
    EXPECT_FALSE(d.findChild<QLabel *>(QStringLiteral("settingsError"))->text().isEmpty());
    EXPECT_EQ(s.endpoint(), QStringLiteral("https://huggingface.co"));

    QSignalSpy spy(&s, &Settings::changed);
    d.findChild<QLineEdit *>(QStringLiteral("settingsEndpoint"))->setText(QStringLiteral("http://127.0.0.1:8080"));
    d.findChild<QComboBox *>(QStringLiteral("settingsDevice"))->setCurrentText(QStringLiteral("cpu"));
    d.findChild<QLineEdit *>(QStringLiteral("settingsReviewer"))->setText(QStringLiteral("Ada"));
    d.accept();
    EXPECT_EQ(d.result(), QDialog::Accepted);
    EXPECT_EQ(s.endpoint(), QStringLiteral("http://127.0.0.1:8080"));
    EXPECT_EQ(s.defaultDevice(), QStringLiteral("cpu"));
    EXPECT_EQ(s.reviewerName(), QStringLiteral("Ada"));
    EXPECT_EQ(spy.count(), 3);
}

TEST(SettingsDialog, SavingUnchangedStoresNothingAndHfEndpointStillWins)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    Settings s(file);
    {
        ui::SettingsDialog d(&s);
        d.accept();
        ASSERT_EQ(d.result(), QDialog::Accepted);
    }
    EXPECT_TRUE(QSettings(file, QSettings::IniFormat).allKeys().isEmpty());
    qputenv("HF_ENDPOINT", "http://127.0.0.1:9/later");
    EXPECT_EQ(HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(s)).endpoint,
              QUrl(QStringLiteral("http://127.0.0.1:9/later")));
    {
        // Opened while HF_ENDPOINT is set: the dialog says it wins, and saving it unchanged still pins nothing.
        ui::SettingsDialog d(&s);
        const auto *note = d.findChild<QLabel *>(QStringLiteral("settingsEnvironment"));
        ASSERT_NE(note, nullptr);
        EXPECT_TRUE(note->text().contains(QStringLiteral("HF_ENDPOINT")));
        EXPECT_EQ(d.findChild<QLineEdit *>(QStringLiteral("settingsEndpoint"))->text(),
                  QStringLiteral("https://huggingface.co"));
        d.accept();
    }
    EXPECT_TRUE(QSettings(file, QSettings::IniFormat).allKeys().isEmpty());
    // A mirror chosen in the dialog is stored; HF_ENDPOINT still wins over it, and it applies once that is unset.
    {
        ui::SettingsDialog d(&s);
        d.findChild<QLineEdit *>(QStringLiteral("settingsEndpoint"))
            ->setText(QStringLiteral("http://127.0.0.1:9/mirror"));
        d.accept();
    }
    EXPECT_EQ(HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(s)).endpoint,
              QUrl(QStringLiteral("http://127.0.0.1:9/later")));
    qunsetenv("HF_ENDPOINT");
    EXPECT_EQ(HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(s)).endpoint,
              QUrl(QStringLiteral("http://127.0.0.1:9/mirror")));
}
