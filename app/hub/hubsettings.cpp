// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubsettings.h"

#include "app/settings/settings.h"

namespace memspec {

HubSources hubSourcesOf(const Settings &settings)
{
    HubSources s;
    s.settingsEndpoint = settings.isDefault(Settings::Key::Endpoint) ? QString() : settings.endpoint();
    s.settingsCacheDir = settings.isDefault(Settings::Key::CacheDir) ? QString() : settings.cacheDir();
    s.settingsOffline = settings.offline();
    return s;
}

} // namespace memspec
