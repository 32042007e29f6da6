// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace memspec {

// The hub unless --endpoint, HF_ENDPOINT or the settings name another: one definition for the hub configuration
// (app/hub/hubconfig.h) and the studio's setting (app/settings), which sits below the hub layer. Where refreshed
// facts are cached by default is HubCache::defaultDir().
inline QString defaultHubEndpoint()
{
    return QStringLiteral("https://huggingface.co");
}

} // namespace memspec
