// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/cli/clicommands.h"
#include "app/common/result.h"
#include "app/hub/hubconfig.h"
#include "app/hub/hubmodelloader.h"

#include <functional>

namespace memspec {

// The hub configuration of a CLI command (HubConfig::resolve over the global options, the environment, the stored
// settings and the keychain, and the command's --deadline in ms when it has one (0: not given); a keychain failure
// is reported on stderr as `command`'s.
HubConfig cliHubConfig(CommandContext &ctx, const QString &command, int deadlineMs = 0);

// Runs a HubModelLoader job to its end with a client for `config` whose refresh cache is `cacheDir`; progress on
// stderr. `start` calls one of the loader's methods with the callback it is given.
Result<LoadedModel>
cliLoadModel(CommandContext &ctx, const HubConfig &config, const QString &cacheDir,
             const std::function<void(HubModelLoader &, std::function<void(Result<LoadedModel>)>)> &start);

} // namespace memspec
