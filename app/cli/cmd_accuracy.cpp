// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Hidden command: regenerates docs/accuracy.md from a measured-figures file.
#include "app/cli/clicommands.h"
#include "app/estimate/accuracy.h"
#include "app/review/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace memspec {

namespace {
constexpr const char *kSweepBegin = "<!-- llama.cpp sweep: begin -->";
constexpr const char *kSweepEnd = "<!-- llama.cpp sweep: end -->";

int runAccuracy(CommandContext &ctx, const QCommandLineParser &args)
{
    const QString measured = args.value(QStringLiteral("measured"));
    const QString out = args.value(QStringLiteral("out"));
    if (measured.isEmpty()) {
        ctx.err << "memspec accuracy: --measured FILE is required (measured/public.json)\n";
        return 2;
    }
    QFile in(measured);
    if (!in.open(QIODevice::ReadOnly)) {
        ctx.err << "memspec accuracy: " << measured << ": " << in.errorString() << "\n";
        return 1;
    }
    auto ws = Workspace::openBundled();
    if (!ws) {
        ctx.err << "memspec: " << ws.error() << "\n";
        return 1;
    }
    const QString name = QDir::cleanPath(measured);   // as given: the report says which file it read
    auto rep = accuracyReport(in.readAll(), name, ws->registry(), ws->facts());
    if (!rep) {
        ctx.err << "memspec accuracy: " << rep.error() << "\n";
        return 1;
    }
    if (out.isEmpty()) {
        ctx.out << rep->markdown;
    } else {
        // the llama.cpp dry-run section (tests/conformance/run-llamacpp-sweep.sh) has its own generator: keep it
        QString text = rep->markdown;
        if (QFile old(out); old.open(QIODevice::ReadOnly)) {
            const QString prev = QString::fromUtf8(old.readAll());
            const qsizetype begin = prev.indexOf(QLatin1String(kSweepBegin));
            const qsizetype end = prev.indexOf(QLatin1String(kSweepEnd));
            if (begin >= 0 && end > begin) {
                text += QLatin1Char('\n') + prev.mid(begin, end - begin + qsizetype(qstrlen(kSweepEnd))) + QLatin1Char('\n');
            }
        }
        QSaveFile f(out);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
            ctx.err << "memspec accuracy: " << out << ": " << f.errorString() << "\n";
            return 1;
        }
    }
    ctx.err << rep->totals << " totals compared, " << rep->totalsUnder << " under-estimated, median over-estimate "
            << QString::number(rep->medianTotalOverPct, 'f', 2) << " %\n";
    return rep->totalsUnder == 0 ? 0 : 3;
}

} // namespace

Command accuracyCommand()
{
    Command c{
        QStringLiteral("accuracy"),
        QStringLiteral("developer tooling: compare the estimates with measured figures (docs/accuracy.md); exit 3 when "
                       "any total is under-estimated"),
        {},
        {QCommandLineOption(QStringLiteral("measured"), QStringLiteral("the measured figures (measured/public.json; required)"),
                            QStringLiteral("FILE")),
         QCommandLineOption(QStringLiteral("out"), QStringLiteral("write the report here (default: stdout)"),
                            QStringLiteral("FILE"))},
        &runAccuracy,
    };
    c.hidden = true;
    return c;
}

} // namespace memspec
