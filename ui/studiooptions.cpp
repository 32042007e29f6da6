// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiooptions.h"

#include "app/review/workspace.h"

namespace memspec::ui {

bool StudioOptions::parse(const QStringList &arguments, StudioOptions *out, QString *error)
{
    const QStringList args = arguments.mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        QString *target = nullptr;
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out->help = true;
            continue;
        }
        if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            out->version = true;
            continue;
        }
        if (a == QLatin1String("--project")) {
            target = &out->project;
        } else if (a == QLatin1String("--select")) {
            target = &out->select;
        } else if (a == QLatin1String("--view")) {
            target = &out->view;
        } else if (a == QLatin1String("--screenshot")) {
            target = &out->screenshot;
        } else {
            *error = QStringLiteral("unknown argument \"%1\" (memspec-studio --help lists the options)").arg(a);
            return false;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(a);
            return false;
        }
        *target = args.at(++i);
    }
    static const QStringList views{QStringLiteral("card"), QStringLiteral("budget"), QStringLiteral("export"),
                                   QStringLiteral("envelope")};
    if (!views.contains(out->view)) {
        *error = QStringLiteral("--view takes card, budget, export or envelope, not \"%1\"").arg(out->view);
        return false;
    }
    return true;
}

QString StudioOptions::usage()
{
    return QStringLiteral(
               "Usage: memspec-studio [--project FILE] [--select KEY] [--view card|budget|export|envelope] "
               "[--screenshot FILE.png]\n"
               "\n"
               "MemSpec Studio: review, sign off and export per-worker GPU memory estimates.\n"
               "\n"
               "Options:\n"
               "  --project FILE        open this project file (created on the first save when it does not exist);\n"
               "                        without it the studio opens its default project:\n"
               "                        %1\n"
               "  --select KEY          select this model (registry key org/name or short name)\n"
               "  --view VIEW           start in the card, budget, export or envelope view (default: card)\n"
               "  --screenshot FILE.png render the window after loading, save it as PNG and exit\n"
               "  -h, --help            print this help and exit\n"
               "  -v, --version         print the version and exit\n"
               "\n"
               "The command-line tool for the same projects is memspec (memspec --help).\n")
        .arg(Workspace::defaultProjectPath());
}

} // namespace memspec::ui
