// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/export/exportbundle.h"
#include "app/export/exportinput.h"

namespace memspec {

// export --out DIR [--only docs|specs|rust|cpp|json|csv]…  (all kinds when no --only)
int cmdExport(CommandContext &ctx, const QStringList &args)
{
    QString outDir;
    QList<ExportKind> kinds;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--out") && i + 1 < args.size()) {
            outDir = args.at(++i);
        } else if (a == QLatin1String("--only") && i + 1 < args.size()) {
            ExportKind k;
            const QString id = args.at(++i);
            if (!ExportBundle::kindFromId(id, &k)) {
                ctx.err << "memspec export: --only takes docs, specs, rust, cpp, json or csv, not \"" << id << "\"\n";
                return 2;
            }
            if (!kinds.contains(k)) {
                kinds << k;
            }
        } else {
            ctx.err << "memspec export: unexpected argument \"" << a << "\"\n";
            return 2;
        }
    }
    if (outDir.isEmpty()) {
        ctx.err << "memspec export: --out DIR is required\n";
        return 2;
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

} // namespace memspec
