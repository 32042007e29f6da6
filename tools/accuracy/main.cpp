// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec-accuracy: developer tool (not installed, not part of the product core) that regenerates
// docs/accuracy.md from a measured-figures file.
#include "tools/accuracy/accuracy.h"

#include "app/review/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace memspec {

namespace {
constexpr const char *kSweepBegin = "<!-- llama.cpp sweep: begin -->";
constexpr const char *kSweepEnd = "<!-- llama.cpp sweep: end -->";

int runAccuracy(QTextStream &stdOut, QTextStream &stdErr, const QStringList &args)
{
    QString measured;
    QString out;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((a == QLatin1String("--measured") || a == QLatin1String("--out")) && i + 1 < args.size()) {
            (a == QLatin1String("--measured") ? measured : out) = args.at(++i);
        } else {
            stdErr << "memspec-accuracy: unknown or incomplete option " << a << "\n";
            return 2;
        }
    }
    if (measured.isEmpty()) {
        stdErr << "memspec-accuracy: --measured FILE is required (measured/public.json)\n";
        return 2;
    }
    QFile in(measured);
    if (!in.open(QIODevice::ReadOnly)) {
        stdErr << "memspec-accuracy: " << measured << ": " << in.errorString() << "\n";
        return 1;
    }
    auto ws = Workspace::openBundled();
    if (!ws) {
        stdErr << "memspec-accuracy: " << ws.error() << "\n";
        return 1;
    }
    const QString name = QDir::cleanPath(measured); // as given: the report says which file it read
    auto rep = accuracyReport(in.readAll(), name, ws->registry(), ws->facts());
    if (!rep) {
        stdErr << "memspec-accuracy: " << rep.error() << "\n";
        return 1;
    }
    if (out.isEmpty()) {
        stdOut << rep->markdown;
    } else {
        // the llama.cpp dry-run section (tests/conformance/run-llamacpp-sweep.sh) has its own generator: keep it
        QString text = rep->markdown;
        if (QFile old(out); old.open(QIODevice::ReadOnly)) {
            const QString prev = QString::fromUtf8(old.readAll());
            const qsizetype begin = prev.indexOf(QLatin1String(kSweepBegin));
            const qsizetype end = prev.indexOf(QLatin1String(kSweepEnd));
            if (begin >= 0 && end > begin) {
                text += QLatin1Char('\n') + prev.mid(begin, end - begin + qsizetype(qstrlen(kSweepEnd))) +
                        QLatin1Char('\n');
            }
        }
        QSaveFile f(out);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
            stdErr << "memspec-accuracy: " << out << ": " << f.errorString() << "\n";
            return 1;
        }
    }
    stdErr << rep->totals << " totals compared, " << rep->totalsUnder << " under-estimated, median over-estimate "
           << QString::number(rep->medianTotalOverPct, 'f', 2) << " %\n";
    return rep->totalsUnder == 0 ? 0 : 3;
}

} // namespace
} // namespace memspec

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return memspec::runAccuracy(out, err, QCoreApplication::arguments().mid(1));
}
