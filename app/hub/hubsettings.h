// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/hubconfig.h"

namespace memspec {

class Settings;

// The hub settings as stored, for HubConfig::resolve: empty (or false) where they hold the default, so the
// environment (HF_ENDPOINT) wins over a value nobody chose.
HubSources hubSourcesOf(const Settings &settings);

} // namespace memspec
