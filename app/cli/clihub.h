// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/cli/clicommands.h"
#include "app/common/result.h"
#include "app/hub/hubconfig.h"
#include "app/hub/hubmodelloader.h"

#include <functional>

namespace memspec {

// The hub configuration of a CLI command: environment, global options, the keychain token when neither HF_TOKEN
// nor the token file gives one (a keychain failure is reported on stderr as `command`'s), the fast-retry test seam.
HubConfig cliHubConfig(CommandContext &ctx, const QString &command);

// Runs a HubModelLoader job to its end with a client for `config` whose refresh cache is `cacheDir`; progress on
// stderr. `start` calls one of the loader's methods with the callback it is given.
Result<LoadedModel> cliLoadModel(CommandContext &ctx, const HubConfig &config, const QString &cacheDir,
                                 const std::function<void(HubModelLoader &, std::function<void(Result<LoadedModel>)>)> &start);

} // namespace memspec
