// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSettings;

namespace memspec {

// The studio's and the CLI's persistent preferences: one key enum, one table of names and defaults, typed
// getters, a changed(key) signal. The backing file is injectable so tests never touch the user's settings.
// The hub token is not here: it lives in the OS keychain (app/keychain/tokenstore.h) or in HF_TOKEN.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)
public:
    enum class Key {
        Endpoint,         // hub endpoint; default HF_ENDPOINT or https://huggingface.co
        CacheDir,         // where refreshed facts are cached
        DefaultRuntime,   // "" (each model's own profile) | candle | llama.cpp | diffusers
        DefaultDevice,    // cuda | cpu
        ReviewerName,     // remembered for sign-offs
        Offline,          // never touch the network
        SettingsVersion,  // for migrate()
        RecentProjects,   // the studio's File > Open Recent, newest first (QStringList of absolute paths)
        ExportFolder,     // the studio's last export folder
        SourceTree,       // the studio's last service source tree (Apply / check)
        BudgetExportFolder, // the studio's last folder for the budget chart and table
    };
    Q_ENUM(Key)

    // Empty path: the platform's default location (QSettings with organisation/application names).
    explicit Settings(const QString &backingFile = {}, QObject *parent = nullptr);
    ~Settings() override;

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    static const QList<Key> &allKeys();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);   // emits changed(key) when the stored value changes
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

    // HF_TOKEN is set in the environment (it wins over a keychain token).
    static bool environmentTokenInUse();
    // Validates a value for a key; an error that names the key otherwise.
    static QString validate(Key key, const QVariant &value);

    // Brings older files up to the current layout (renamed keys); run once on construction.
    void migrate();

Q_SIGNALS:
    void changed(memspec::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_store;
};

} // namespace memspec
