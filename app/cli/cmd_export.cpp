// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/export/exportbundle.h"
#include "app/export/exportinput.h"

namespace memspec {

namespace {

int runExport(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString outDir = args.value(QStringLiteral("out"));
    if (outDir.isEmpty()) {
        ctx.err << "memspec export: --out DIR is required\n";
        return 2;
    }
    QList<ExportKind> kinds;
    for (const QString &id : args.values(QStringLiteral("only"))) {
        ExportKind k;
        if (!ExportBundle::kindFromId(id, &k)) {
            ctx.err << "memspec export: --only takes docs, specs, rust, cpp, json or csv, not \"" << id << "\"\n";
            return 2;
        }
        if (!kinds.contains(k)) {
            kinds << k;
        }
    }
    if (kinds.isEmpty()) {
        kinds = ExportBundle::allKinds();
    }
    auto input = loadExportInput(ctx.global);
    if (!input) {
        ctx.err << "memspec: " << input.error() << "\n";
        return 1;
    }
    auto written = ExportBundle::write(outDir, input.value(), kinds);
    if (!written) {
        ctx.err << "memspec export: " << written.error() << "\n";
        return 1;
    }
    for (const QString &path : written.value()) {
        ctx.out << path << "\n";
    }
    return 0;
}

} // namespace

Command exportCommand()
{
    return Command{
        QStringLiteral("export"),
        QStringLiteral("model docs, MEMORY_SPECS.md, Rust snippet, C++ header, JSON, CSV"),
        {},
        {QCommandLineOption(QStringLiteral("out"), QStringLiteral("the folder to write into (required)"),
                            QStringLiteral("DIR")),
         QCommandLineOption(QStringLiteral("only"),
                            QStringLiteral("docs, specs, rust, cpp, json or csv; repeat for more (default: all)"),
                            QStringLiteral("KIND"))},
        &runExport,
    };
}

} // namespace memspec
