// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
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
    s.setValue(Settings::Key::ReviewerName, QStringLiteral("Ada"));   // no change, no signal
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.first().first().value<Settings::Key>(), Settings::Key::ReviewerName);
    s.sync();
    Settings again(file);   // the backing file carries it
    EXPECT_EQ(again.reviewerName(), QStringLiteral("Ada"));
    again.reset(Settings::Key::ReviewerName);
    EXPECT_TRUE(again.reviewerName().isEmpty());
    for (Settings::Key k : Settings::allKeys()) {
        EXPECT_FALSE(Settings::keyName(k).isEmpty());
    }
}

TEST(Settings, EndpointDefaultsToHfEndpoint)
{
    QTemporaryDir dir;
    qputenv("HF_ENDPOINT", "http://127.0.0.1:9/hub");
    EXPECT_EQ(Settings(dir.filePath(QStringLiteral("a.ini"))).endpoint(), QStringLiteral("http://127.0.0.1:9/hub"));
    qunsetenv("HF_ENDPOINT");
    EXPECT_EQ(Settings(dir.filePath(QStringLiteral("b.ini"))).endpoint(), QStringLiteral("https://huggingface.co"));
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
    EXPECT_TRUE(d.findChild<QLabel *>(QStringLiteral("settingsTokenStatus"))->text().contains(QStringLiteral("HF_TOKEN")));
    qunsetenv("HF_TOKEN");
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
