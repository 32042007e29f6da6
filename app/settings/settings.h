// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSettings;

namespace memspec {

// The studio's persistent preferences, which the CLI reads too (never writes): one key enum, one table of names and
// defaults, typed getters, a changed(key) signal. A value is stored only while it differs from its default, and no
// default comes from the environment: HF_ENDPOINT and HF_HUB_OFFLINE win over the hub settings where the hub
// configuration is resolved (HubConfig::resolve, app/hub/hubsettings.h). The backing file is injectable so tests
// never touch the user's settings.
// The hub token is not here: it lives in the OS keychain (app/keychain/tokenstore.h) or in HF_TOKEN.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)
public:
    enum class Key {
        Endpoint,           // hub endpoint; default defaultHubEndpoint() (https://huggingface.co)
        CacheDir,           // where refreshed facts are cached; default HubCache::defaultDir()
        DefaultRuntime,     // "" (each model's own profile) or one of serving::runtimes()
        DefaultDevice,      // one of serving::devices(); default the first
        ReviewerName,       // remembered for sign-offs
        Offline,            // never touch the network; default false
        SettingsVersion,    // for migrate()
        RecentProjects,     // the studio's File > Open Recent, newest first (QStringList of absolute paths)
        ExportFolder,       // the studio's last export folder
        SourceTree,         // the studio's last service source tree (Apply / check)
        BudgetExportFolder, // the studio's last folder for the budget chart and table
    };
    Q_ENUM(Key)

    // Empty path: the studio's file in the platform's default location (organisation MemSpec, application
    // memspec-studio), named so that the CLI finds it too.
    explicit Settings(const QString &backingFile = {}, QObject *parent = nullptr);
    ~Settings() override;

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    static const QList<Key> &allKeys();

    QVariant value(Key key) const;
    // Stores value, or removes the key when value is the default; emits changed(key) when the value changes.
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    bool isDefault(Key key) const;
    void sync();

    QString endpoint() const { return value(Key::Endpoint).toString(); }
    QString cacheDir() const { return value(Key::CacheDir).toString(); }
    QString defaultRuntime() const { return value(Key::DefaultRuntime).toString(); }
    QString defaultDevice() const { return value(Key::DefaultDevice).toString(); }
    QString reviewerName() const { return value(Key::ReviewerName).toString(); }
    bool offline() const { return value(Key::Offline).toBool(); }
    QStringList recentProjects() const { return value(Key::RecentProjects).toStringList(); }
    // Puts `path` first in the recent list (at most kMaxRecentProjects, no duplicates).
    void addRecentProject(const QString &path);
    static constexpr int kMaxRecentProjects = 8;

    // A token is set in the environment (it wins over a keychain token): HF_TOKEN, else the older
    // HUGGING_FACE_HUB_TOKEN. A variable that is empty or only spaces counts as unset, as in huggingface_hub
    // (`HF_TOKEN or HUGGING_FACE_HUB_TOKEN`). HubConfig::fromEnvironment reads the token through this too.
    static bool environmentTokenInUse();
    // The name of the variable that token comes from; empty when there is none.
    static QString environmentTokenVariable(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // Validates a value for a key; an error that names the key otherwise.
    static QString validate(Key key, const QVariant &value);

    // Brings older files up to the current layout (renamed keys); run once on construction. Writes nothing when
    // there is nothing to bring up, so a program that only reads (the CLI) leaves the file as it was.
    void migrate();

Q_SIGNALS:
    void changed(memspec::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_store;
};

} // namespace memspec
