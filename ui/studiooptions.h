// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace memspec::ui {

// memspec-studio's command line (DESIGN §6).
struct StudioOptions
{
    QString project;
    QString select;
    QString view = QStringLiteral("card");
    QString screenshot;
    bool help = false;
    bool version = false;

    static bool parse(const QStringList &arguments, StudioOptions *out, QString *error);
    // What --help prints.
    static QString usage();
};

} // namespace memspec::ui
