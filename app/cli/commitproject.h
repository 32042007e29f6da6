// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/cli/clicommands.h"
#include "app/review/workspace.h"

#include <functional>
#include <optional>

namespace memspec {

// The workspace the global options select, or nothing with "memspec COMMAND: " and the reason on stderr.
std::optional<Workspace> openWorkspace(CommandContext &ctx, const QString &command);

// The one write sequence of the commands that change the project (approve, revoke, set, fit --apply, add, remove,
// edit): takes the project's lock (its notice, e.g. a stale lock taken over, on stderr), refuses when another holds
// it, lets `edit` make the new project (it may install steps of its own with setProject, and report an error), then
// installs it and saves atomically. Every error goes to stderr as "memspec COMMAND: <error>"; returns whether the
// project was saved.
[[nodiscard]] bool commitProject(CommandContext &ctx, const QString &command, Workspace &ws,
                                 const std::function<Result<Project>(Workspace &ws)> &edit);

} // namespace memspec
