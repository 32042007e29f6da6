// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "commitproject.h"

namespace memspec {

std::optional<Workspace> openWorkspace(CommandContext &ctx, const QString &command)
{
    auto ws = Workspace::open(ctx.global.projectFile, ctx.global.cacheDir);
    if (!ws) {
        ctx.err << "memspec " << command << ": " << ws.error() << "\n";
        return std::nullopt;
    }
    return std::move(ws.value());
}

bool commitProject(CommandContext &ctx, const QString &command, Workspace &ws,
                   const std::function<Result<Project>(Workspace &ws)> &edit)
{
    ProjectFile *file = ws.projectFile();
    auto done = file ? file->lock() : Result<Done>::failure(QStringLiteral("no project file"));
    if (file && !file->lockNotice().isEmpty()) {
        ctx.err << "memspec " << command << ": " << file->lockNotice() << "\n";
    }
    if (done) {
        auto p = edit(ws);
        done = p ? ws.setProject(p.value()) : Result<Done>::failure(p.error());
    }
    if (done) {
        done = ws.save();
    }
    if (!done) {
        ctx.err << "memspec " << command << ": " << done.error() << "\n";
        return false;
    }
    return true;
}

} // namespace memspec
