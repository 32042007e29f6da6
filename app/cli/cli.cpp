// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "cli.h"

#include "app/cli/clicommands.h"
#include "app/hub/hubsettings.h"
#include "app/settings/settings.h"

namespace memspec {

int Cli::run(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        m_err << usageText();
        return 2;
    }
    // The global options come before the command; everything after it is the command's.
    QCommandLineParser top;
    top.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    top.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    top.addOptions(GlobalOptions::options());
    top.addOptions(topLevelOptions());
    if (!top.parse(arguments)) {
        const QStringList unknown = top.unknownOptionNames();
        m_err << "memspec: "
              << (unknown.isEmpty()
                      ? top.errorText()
                      : QStringLiteral("unknown global option --%1 (see memspec --help)").arg(unknown.first()))
              << "\n";
        return 2;
    }
    if (top.isSet(QStringLiteral("version"))) {
        m_out << "memspec " << MEMSPEC_VERSION << "\n";
        return 0;
    }
    if (top.isSet(QStringLiteral("help"))) {
        m_out << usageText();
        return 0;
    }
    QStringList args = top.positionalArguments();
    if (args.isEmpty()) {
        m_err << "memspec: no command given\n" << usageText();
        return 2;
    }
    const QString name = args.takeFirst();
    const Command *command = findCommand(name);
    if (!command) {
        m_err << "memspec: unknown command \"" << name << "\" (see memspec --help)\n";
        return 2;
    }
    QCommandLineParser parser;
    QString error;
    if (!command->parse(args, &parser, &error)) {
        m_err << "memspec " << name << ": " << error << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << command->helpText();
        return 0;
    }
    GlobalOptions global = GlobalOptions::fromParser(top);
    HubSources hub = hubSourcesOf(Settings(m_settingsFile));
    hub.endpointFlag = global.endpoint;
    hub.cacheDirFlag = global.cacheDir;
    hub.offlineFlag = global.offline;
    hub.keychainToken = m_keychain;
    if (global.cacheDir.isEmpty()) {
        global.cacheDir = hub.settingsCacheDir; // what Workspace reads the refresh cache from
    }
    CommandContext ctx{global, m_out, m_err, hub};
    return command->run(ctx, parser);
}

} // namespace memspec
