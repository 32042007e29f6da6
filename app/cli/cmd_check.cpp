// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"

namespace memspec {

// Placeholder until its issue lands: says so and fails, so no script mistakes it for success.
int cmdCheck(CommandContext &ctx, const QStringList &)
{
    ctx.err << "memspec check: not implemented yet\n";
    return 3;
}

} // namespace memspec
