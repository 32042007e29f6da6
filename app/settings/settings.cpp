// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "settings.h"

#include "app/estimate/servingwords.h"
#include "app/facts/hubcache.h"
#include "app/facts/hubdefaults.h"

#include <QSettings>
#include <QUrl>

namespace memspec {

namespace {

constexpr int CurrentVersion = 1;

struct KeyInfo
{
    Settings::Key key;
    const char *name;
};

const KeyInfo kKeys[] = {
    {Settings::Key::Endpoint, "hub/endpoint"},
    {Settings::Key::CacheDir, "hub/cacheDir"},
    {Settings::Key::DefaultRuntime, "estimate/defaultRuntime"},
    {Settings::Key::DefaultDevice, "estimate/defaultDevice"},
    {Settings::Key::ReviewerName, "review/reviewerName"},
    {Settings::Key::Offline, "hub/offline"},
    {Settings::Key::SettingsVersion, "meta/version"},
    {Settings::Key::RecentProjects, "studio/recentProjects"},
    {Settings::Key::ExportFolder, "studio/exportFolder"},
    {Settings::Key::SourceTree, "studio/sourceTree"},
    {Settings::Key::BudgetExportFolder, "studio/budgetExportFolder"},
};

} // namespace

Settings::Settings(const QString &backingFile, QObject *parent)
    : QObject(parent),
      // The default location is named, not taken from the application, so that the CLI reads the studio's file.
      m_store(backingFile.isEmpty()
                  ? std::make_unique<QSettings>(QStringLiteral("MemSpec"), QStringLiteral("memspec-studio"))
                  : std::make_unique<QSettings>(backingFile, QSettings::IniFormat))
{
    migrate();
}

Settings::~Settings() = default;

const QList<Settings::Key> &Settings::allKeys()
{
    static const QList<Key> keys = [] {
        QList<Key> k;
        for (const KeyInfo &i : kKeys) {
            k << i.key;
        }
        return k;
    }();
    return keys;
}

QString Settings::keyName(Key key)
{
    for (const KeyInfo &i : kKeys) {
        if (i.key == key) {
            return QLatin1String(i.name);
        }
    }
    return {};
}

QVariant Settings::defaultValue(Key key)
{
    switch (key) {
    case Key::Endpoint:
        return defaultHubEndpoint();
    case Key::CacheDir:
        // The CLI's cache folder too, so a `memspec refresh` shows up in the studio.
        return HubCache::defaultDir();
    case Key::DefaultRuntime:
        return QString();
    case Key::DefaultDevice:
        return serving::devices().constFirst();
    case Key::ReviewerName:
        return QString();
    case Key::Offline:
        return false;
    case Key::SettingsVersion:
        return CurrentVersion;
    case Key::RecentProjects:
        return QStringList();
    case Key::ExportFolder:
    case Key::SourceTree:
    case Key::BudgetExportFolder:
        return QString();
    }
    return {};
}

QVariant Settings::value(Key key) const
{
    return m_store->value(keyName(key), defaultValue(key));
}

// A value is stored only while it differs from its default, so a default that changes later (or the environment,
// which wins over the hub settings: HubConfig::resolve) is never pinned by saving a dialog unchanged.
void Settings::setValue(Key key, const QVariant &value)
{
    const QVariant before = this->value(key);
    if (value == defaultValue(key)) {
        m_store->remove(keyName(key));
    } else {
        m_store->setValue(keyName(key), value);
    }
    if (before != value) {
        Q_EMIT changed(key);
    }
}

void Settings::reset(Key key)
{
    const QVariant before = value(key);
    m_store->remove(keyName(key));
    if (value(key) != before) {
        Q_EMIT changed(key);
    }
}

bool Settings::isDefault(Key key) const
{
    return !m_store->contains(keyName(key));
}

void Settings::sync()
{
    m_store->sync();
}

void Settings::addRecentProject(const QString &path)
{
    QStringList recent = recentProjects();
    recent.removeAll(path);
    recent.prepend(path);
    setValue(Key::RecentProjects, recent.mid(0, kMaxRecentProjects));
}

bool Settings::environmentTokenInUse()
{
    return !environmentTokenVariable().isEmpty();
}

QString Settings::environmentTokenVariable(const QProcessEnvironment &env)
{
    for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
        if (!env.value(QLatin1String(name)).trimmed().isEmpty()) {
            return QLatin1String(name);
        }
    }
    return {};
}

QString Settings::validate(Key key, const QVariant &value)
{
    const QString s = value.toString();
    switch (key) {
    case Key::Endpoint: {
        const QUrl u(s);
        if (!u.isValid() || (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http")) ||
            u.host().isEmpty()) {
            return QStringLiteral("endpoint \"%1\" is not an http(s) URL").arg(s);
        }
        return {};
    }
    case Key::CacheDir:
        return s.trimmed().isEmpty() ? QStringLiteral("cache folder must not be empty") : QString();
    case Key::DefaultRuntime:
        return s.isEmpty() || serving::runtimes().contains(s) ? QString()
                                                              : QStringLiteral("default runtime \"%1\" is not %2")
                                                                    .arg(s, serving::alternatives(serving::runtimes()));
    case Key::DefaultDevice:
        return serving::devices().contains(s) ? QString()
                                              : QStringLiteral("default device \"%1\" is not %2")
                                                    .arg(s, serving::alternatives(serving::devices()));
    case Key::ReviewerName:
    case Key::Offline:
    case Key::SettingsVersion:
    case Key::RecentProjects:
    case Key::ExportFolder:
    case Key::SourceTree:
    case Key::BudgetExportFolder:
        return {};
    }
    return {};
}

void Settings::migrate()
{
    const int version = m_store->value(keyName(Key::SettingsVersion), 0).toInt();
    // Version 0 (studio v0) kept the reviewer under "reviewer". Nothing is written unless that is found: the CLI
    // reads these settings and must leave the file as it was.
    if (version >= CurrentVersion || !m_store->contains(QStringLiteral("reviewer"))) {
        return;
    }
    if (!m_store->contains(keyName(Key::ReviewerName))) {
        m_store->setValue(keyName(Key::ReviewerName), m_store->value(QStringLiteral("reviewer")));
    }
    m_store->remove(QStringLiteral("reviewer"));
    m_store->setValue(keyName(Key::SettingsVersion), CurrentVersion);
}

} // namespace memspec
