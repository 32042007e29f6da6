// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/cli.h"
#include "app/keychain/tokenstore.h"

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
    cli.setKeychainTokenSource([](QString *error) { return memspec::TokenStore::readNow(5000, error); });
    const int rc = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return rc;
}
