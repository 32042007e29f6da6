// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("memspec"));
    QCoreApplication::setOrganizationName(QStringLiteral("MemSpec"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MEMSPEC_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    memspec::Cli cli(out, err);
    const int rc = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return rc;
}
