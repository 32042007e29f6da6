// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "clicommands.h"

#include "app/export/exportinput.h"
#include "app/review/workspace.h"

namespace memspec {

namespace {
const QString kProject = QStringLiteral("project");
const QString kOffline = QStringLiteral("offline");
const QString kEndpoint = QStringLiteral("endpoint");
const QString kCacheDir = QStringLiteral("cache-dir");
} // namespace

QList<QCommandLineOption> GlobalOptions::options()
{
    return {
        QCommandLineOption(
            kProject,
            QStringLiteral("the review project (docs/project-file.md); without it every command uses the "
                           "default project $XDG_DATA_HOME/MemSpec/memspec/default-project.json (created by "
                           "the first approve or set)"),
            QStringLiteral("FILE")),
        QCommandLineOption(kOffline, QStringLiteral("never touch the network: the caches only (so do "
                                                    "HF_HUB_OFFLINE=1 and the studio's Work offline setting)")),
        QCommandLineOption(kEndpoint,
                           QStringLiteral("the hub (default: HF_ENDPOINT, else the studio's setting, else "
                                          "https://huggingface.co)"),
                           QStringLiteral("URL")),
        QCommandLineOption(kCacheDir,
                           QStringLiteral("where refreshed facts are cached (default: the studio's "
                                          "setting, else ~/.cache/MemSpec/memspec/hub)"),
                           QStringLiteral("DIR")),
    };
}

GlobalOptions GlobalOptions::fromParser(const QCommandLineParser &parser)
{
    GlobalOptions g;
    g.projectFile = parser.value(kProject);
    g.offline = parser.isSet(kOffline);
    g.endpoint = parser.value(kEndpoint);
    g.cacheDir = parser.value(kCacheDir);
    return g;
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("show this help"));
}

QList<QCommandLineOption> topLevelOptions()
{
    return {QCommandLineOption(QStringLiteral("version"), QStringLiteral("print the version")), helpOption()};
}

const QList<Command> &commands()
{
    static const QList<Command> all{
        refreshCommand(), listCommand(),   estimateCommand(),  statusCommand(), approveCommand(), revokeCommand(),
        setCommand(),     addCommand(),    removeCommand(),    editCommand(),   budgetCommand(),  curveCommand(),
        fitCommand(),     exportCommand(), applyRustCommand(), checkCommand(),
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

Result<ExportInput> loadExportInput(const GlobalOptions &global)
{
    // The project given with --project, else the default project (docs/project-file.md); an absent file is an
    // empty project, so every model is then "estimated".
    auto ws = Workspace::open(global.projectFile, global.cacheDir);
    if (!ws) {
        return Result<ExportInput>::failure(ws.error());
    }
    return ExportInput::fromWorkspace(ws.value());
}

} // namespace memspec
