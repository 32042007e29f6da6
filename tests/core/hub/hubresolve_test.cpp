// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// HubConfig::resolve, the one hub configuration of the CLI and the studio, and the CLI reading the studio's settings.
#include "tests/support/fastretry.h"

#include "app/facts/hubcache.h"
#include "app/hub/hubconfig.h"
#include "app/hub/hubsettings.h"
#include "app/settings/settings.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

// No token from the environment or a token file unless a test puts one there.
QProcessEnvironment cleanEnvironment(const QTemporaryDir &dir)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_HOME"), dir.filePath(QStringLiteral("hf-home")));
    return env;
}

} // namespace

TEST(HubConfigResolve, EndpointPrecedenceIsFlagThenHfEndpointThenSettingsThenDefault)
{
    struct Row
    {
        const char *flag;
        const char *env;
        const char *settings;
        const char *expected;
    };
    const Row rows[] = {
        {"", "", "", "https://huggingface.co"},
        {"", "", "http://settings:1", "http://settings:1"},
        {"", "http://env:2", "", "http://env:2"},
        {"", "http://env:2", "http://settings:1", "http://env:2"},
        {"http://flag:3", "", "", "http://flag:3"},
        {"http://flag:3", "", "http://settings:1", "http://flag:3"},
        {"http://flag:3", "http://env:2", "", "http://flag:3"},
        {"http://flag:3", "http://env:2", "http://settings:1", "http://flag:3"},
    };
    QTemporaryDir dir;
    for (const Row &r : rows) {
        QProcessEnvironment env = cleanEnvironment(dir);
        if (*r.env) {
            env.insert(QStringLiteral("HF_ENDPOINT"), QLatin1String(r.env));
        }
        HubSources s;
        s.endpointFlag = QLatin1String(r.flag);
        s.settingsEndpoint = QLatin1String(r.settings);
        EXPECT_EQ(HubConfig::resolve(env, s).endpoint, QUrl(QLatin1String(r.expected)))
            << "flag=" << r.flag << " env=" << r.env << " settings=" << r.settings;
    }
}

TEST(HubConfigResolve, CacheDirPrecedenceIsFlagThenSettingsThenDefault)
{
    QTemporaryDir dir;
    const QProcessEnvironment env = cleanEnvironment(dir);
    HubSources s;
    EXPECT_EQ(HubConfig::resolve(env, s).cacheDir, HubCache::defaultDir());
    s.settingsCacheDir = QStringLiteral("/tmp/settings-cache");
    EXPECT_EQ(HubConfig::resolve(env, s).cacheDir, QStringLiteral("/tmp/settings-cache"));
    s.cacheDirFlag = QStringLiteral("/tmp/flag-cache");
    EXPECT_EQ(HubConfig::resolve(env, s).cacheDir, QStringLiteral("/tmp/flag-cache"));
}

TEST(HubConfigResolve, HfHubOfflineIsReadOneWay)
{
    QTemporaryDir dir;
    for (const char *yes : {"1", "true", "TRUE", "yes", "Yes", "on", " ON "}) {
        EXPECT_TRUE(HubConfig::truthy(QLatin1String(yes))) << yes;
        QProcessEnvironment env = cleanEnvironment(dir);
        env.insert(QStringLiteral("HF_HUB_OFFLINE"), QLatin1String(yes));
        EXPECT_TRUE(HubConfig::resolve(env, {}).offline) << yes;
    }
    for (const char *no : {"", "0", "false", "no", "off", "2", "offline"}) {
        EXPECT_FALSE(HubConfig::truthy(QLatin1String(no))) << no;
        QProcessEnvironment env = cleanEnvironment(dir);
        env.insert(QStringLiteral("HF_HUB_OFFLINE"), QLatin1String(no));
        EXPECT_FALSE(HubConfig::resolve(env, {}).offline) << no;
        HubSources flag;
        flag.offlineFlag = true;
        EXPECT_TRUE(HubConfig::resolve(env, flag).offline);
        HubSources setting;
        setting.settingsOffline = true;
        EXPECT_TRUE(HubConfig::resolve(env, setting).offline);
    }
    // The settings do not read the environment: their default stays "online", the environment wins at resolve.
    qputenv("HF_HUB_OFFLINE", "yes");
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    EXPECT_FALSE(settings.offline());
    EXPECT_TRUE(HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(settings)).offline);
    qunsetenv("HF_HUB_OFFLINE");
}

TEST(HubConfigResolve, TokenPrecedenceIsHfTokenThenTokenFileThenKeychain)
{
    QTemporaryDir dir;
    int asked = 0;
    HubSources s;
    s.keychainToken = [&asked](QString *) {
        ++asked;
        return QStringLiteral("hf_keychain");
    };
    QProcessEnvironment env = cleanEnvironment(dir);
    EXPECT_EQ(HubConfig::resolve(env, s).token, QStringLiteral("hf_keychain"));
    EXPECT_EQ(asked, 1);
    const QString tokenFile = dir.filePath(QStringLiteral("token"));
    QFile f(tokenFile);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("hf_file\n");
    f.close();
    env.insert(QStringLiteral("HF_TOKEN_PATH"), tokenFile);
    EXPECT_EQ(HubConfig::resolve(env, s).token, QStringLiteral("hf_file"));
    env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_env"));
    EXPECT_EQ(HubConfig::resolve(env, s).token, QStringLiteral("hf_env"));
    EXPECT_EQ(asked, 1); // the keychain is asked only when nothing else gives a token
    // Offline: no token needed, the keychain is left alone.
    QProcessEnvironment offline = cleanEnvironment(dir);
    offline.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
    EXPECT_TRUE(HubConfig::resolve(offline, s).token.isEmpty());
    EXPECT_EQ(asked, 1);
    // A keychain failure is reported, and resolving goes on without a token.
    HubSources failing;
    failing.keychainToken = [](QString *error) {
        *error = QStringLiteral("no secret service");
        return QString();
    };
    QString why;
    EXPECT_TRUE(HubConfig::resolve(cleanEnvironment(dir), failing, &why).token.isEmpty());
    EXPECT_EQ(why, QStringLiteral("no secret service"));
}

// The settings dialog names the variable the token comes from (Settings::environmentTokenVariable); the hub must
// send that variable's token, also when HF_TOKEN is set but empty or blank (it then counts as unset, as
// huggingface_hub's `HF_TOKEN or HUGGING_FACE_HUB_TOKEN` does).
TEST(HubConfigResolve, EnvironmentTokenIsHfTokenThenTheOlderNameAndBlankCountsAsUnset)
{
    QTemporaryDir dir;
    HubSources s;
    s.keychainToken = [](QString *) { return QStringLiteral("hf_keychain"); };
    struct Case
    {
        const char *hfToken;    // nullptr: unset
        const char *olderToken; // HUGGING_FACE_HUB_TOKEN; nullptr: unset
        const char *variable;   // what the dialog names
        const char *token;      // what the hub sends
    };
    const Case cases[] = {
        {"hf_new", "hf_old", "HF_TOKEN", "hf_new"},
        {nullptr, "hf_old", "HUGGING_FACE_HUB_TOKEN", "hf_old"},
        {"", "hf_old", "HUGGING_FACE_HUB_TOKEN", "hf_old"},
        {"  ", " hf_old ", "HUGGING_FACE_HUB_TOKEN", "hf_old"},
        {"", "", "", "hf_keychain"},
        {nullptr, nullptr, "", "hf_keychain"},
    };
    for (const Case &c : cases) {
        QProcessEnvironment env = cleanEnvironment(dir);
        if (c.hfToken) {
            env.insert(QStringLiteral("HF_TOKEN"), QLatin1String(c.hfToken));
        }
        if (c.olderToken) {
            env.insert(QStringLiteral("HUGGING_FACE_HUB_TOKEN"), QLatin1String(c.olderToken));
        }
        const auto shown = [](const char *v) {
            return v ? QStringLiteral("'%1'").arg(QLatin1String(v)) : QStringLiteral("unset");
        };
        const QString label =
            QStringLiteral("HF_TOKEN=%1 HUGGING_FACE_HUB_TOKEN=%2").arg(shown(c.hfToken), shown(c.olderToken));
        EXPECT_EQ(Settings::environmentTokenVariable(env), QLatin1String(c.variable)) << label.toStdString();
        EXPECT_EQ(HubConfig::resolve(env, s).token, QLatin1String(c.token)) << label.toStdString();
    }
}

TEST(HubConfigResolve, RetryKnobsComeFromTheEnvironment)
{
    QTemporaryDir dir;
    QProcessEnvironment env = cleanEnvironment(dir);
    const RetryPolicy defaults = HubConfig::resolve(env, {}).retry;
    EXPECT_EQ(defaults.maxRetries, RetryPolicy().maxRetries);
    EXPECT_EQ(defaults.transferTimeoutMs, RetryPolicy().transferTimeoutMs);
    test::insertFastRetry(env);
    const RetryPolicy fast = HubConfig::resolve(env, {}).retry;
    EXPECT_EQ(fast.maxRetries, 3);
    EXPECT_EQ(fast.baseDelayMs, 2);
    EXPECT_EQ(fast.maxDelayMs, 16);
    EXPECT_EQ(fast.maxRetryAfterMs, 120);
    EXPECT_EQ(fast.transferTimeoutMs, 400 * test::kSlowdown);
    // Values that are not numbers (or not positive) leave the defaults.
    for (const char *bad : {"soon", "-1", "0"}) {
        env.insert(QStringLiteral("MEMSPEC_HUB_RETRY_DELAY"), QLatin1String(bad));
        env.insert(QStringLiteral("HF_HUB_DOWNLOAD_TIMEOUT"), QLatin1String(bad));
        env.insert(QStringLiteral("MEMSPEC_HUB_RETRIES"), QStringLiteral("many"));
        const RetryPolicy p = HubConfig::resolve(env, {}).retry;
        EXPECT_EQ(p.baseDelayMs, RetryPolicy().baseDelayMs) << bad;
        EXPECT_EQ(p.transferTimeoutMs, RetryPolicy().transferTimeoutMs) << bad;
        EXPECT_EQ(p.maxRetries, RetryPolicy().maxRetries) << bad;
    }
}

TEST(HubConfigResolve, DeadlineIsTheFlagThenMemspecHubDeadlineThenThirtySeconds)
{
    QTemporaryDir dir;
    QProcessEnvironment env = cleanEnvironment(dir);
    test::insertFastRetry(env); // the turned-down retry knobs leave the deadline alone
    HubSources s;
    EXPECT_EQ(HubConfig::resolve(env, s).retry.deadlineMs, 30000);
    env.insert(QStringLiteral("MEMSPEC_HUB_DEADLINE"), QStringLiteral("2.5"));
    EXPECT_EQ(HubConfig::resolve(env, s).retry.deadlineMs, 2500);
    s.deadlineMsFlag = 1200; // refresh --deadline 1.2
    EXPECT_EQ(HubConfig::resolve(env, s).retry.deadlineMs, 1200);
    env.insert(QStringLiteral("MEMSPEC_HUB_DEADLINE"), QStringLiteral("soon"));
    EXPECT_EQ(HubConfig::resolve(env, s).retry.deadlineMs, 1200);
    s.deadlineMsFlag = 0;
    EXPECT_EQ(HubConfig::resolve(env, s).retry.deadlineMs, 30000);
}

TEST(HubConfigResolve, CliReadsTheStudiosSettingsBelowHfEndpointAndTheFlag)
{
    // The studio's settings file where both programs look for it; a closed port, so nothing is fetched.
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    {
        QSettings studio(config + QStringLiteral("/MemSpec/memspec-studio.conf"), QSettings::IniFormat);
        studio.setValue(QStringLiteral("hub/endpoint"), QStringLiteral("http://127.0.0.1:9/settings"));
    }
    auto refresh = [&](const QStringList &global, const QString &hfEndpoint) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        env.remove(QStringLiteral("HF_HUB_OFFLINE"));
        env.remove(QStringLiteral("HF_ENDPOINT"));
        if (!hfEndpoint.isEmpty()) {
            env.insert(QStringLiteral("HF_ENDPOINT"), hfEndpoint);
        }
        test::insertFastRetry(env);
        env.insert(QStringLiteral("MEMSPEC_HUB_RETRIES"), QStringLiteral("0"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"),
                global + QStringList{QStringLiteral("--cache-dir"), dir.filePath(QStringLiteral("cache")),
                                     QStringLiteral("refresh"), QStringLiteral("bert-minilm")});
        EXPECT_TRUE(p.waitForFinished(60000));
        return QString::fromUtf8(p.readAllStandardError());
    };
    EXPECT_TRUE(refresh({}, {}).contains(QStringLiteral("from http://127.0.0.1:9/settings")));
    EXPECT_TRUE(
        refresh({}, QStringLiteral("http://127.0.0.1:9/env")).contains(QStringLiteral("from http://127.0.0.1:9/env")));
    EXPECT_TRUE(refresh({QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:9/flag")},
                        QStringLiteral("http://127.0.0.1:9/env"))
                    .contains(QStringLiteral("from http://127.0.0.1:9/flag")));
    {
        QSettings studio(config + QStringLiteral("/MemSpec/memspec-studio.conf"), QSettings::IniFormat);
        studio.setValue(QStringLiteral("hub/offline"), true);
    }
    EXPECT_TRUE(refresh({}, {}).contains(QStringLiteral("from the caches (offline)")));
    // The CLI only reads the settings: it never adds to the file.
    QSettings after(config + QStringLiteral("/MemSpec/memspec-studio.conf"), QSettings::IniFormat);
    EXPECT_EQ(after.allKeys().size(), 2);
}
