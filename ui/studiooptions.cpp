// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiooptions.h"

namespace memspec::ui {

bool StudioOptions::parse(const QStringList &arguments, StudioOptions *out, QString *error)
{
    const QStringList args = arguments.mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        QString *target = nullptr;
        if (a == QLatin1String("--project")) {
            target = &out->project;
        } else if (a == QLatin1String("--select")) {
            target = &out->select;
        } else if (a == QLatin1String("--view")) {
            target = &out->view;
        } else if (a == QLatin1String("--screenshot")) {
            target = &out->screenshot;
        } else {
            *error = QStringLiteral("unknown argument \"%1\"").arg(a);
            return false;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(a);
            return false;
        }
        *target = args.at(++i);
    }
    static const QStringList views{QStringLiteral("card"), QStringLiteral("budget"), QStringLiteral("export")};
    if (!views.contains(out->view)) {
        *error = QStringLiteral("--view takes card, budget or export, not \"%1\"").arg(out->view);
        return false;
    }
    return true;
}

} // namespace memspec::ui
