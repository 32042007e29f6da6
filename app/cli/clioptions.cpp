// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "clioptions.h"

namespace memspec::cliopt {

QCommandLineOption json(const QString &description)
{
    return QCommandLineOption(QStringLiteral("json"), description);
}

QCommandLineOption who()
{
    return QCommandLineOption(QStringLiteral("who"),
                              QStringLiteral("who makes the change, for the audit trail (default: $USER)"),
                              QStringLiteral("NAME"));
}

QCommandLineOption sourceTree(const QString &description)
{
    return QCommandLineOption(QStringLiteral("source-tree"), description, QStringLiteral("DIR"));
}

QCommandLineOption allowUnapproved(const QString &description)
{
    return QCommandLineOption(QStringLiteral("allow-unapproved"), description);
}

QCommandLineOption file(const QString &description)
{
    return QCommandLineOption(QStringLiteral("file"), description, QStringLiteral("NAME"));
}

QCommandLineOption quant(const QString &description)
{
    return QCommandLineOption(QStringLiteral("quant"), description, QStringLiteral("Q"));
}

QList<QCommandLineOption> targetOptions()
{
    return {
        QCommandLineOption(QStringLiteral("gpu"),
                           QStringLiteral("a GPU of the catalog (\"H100 80GB\", \"RTX 4090\"), or \"host\" for this "
                                          "machine's RAM"),
                           QStringLiteral("NAME")),
        QCommandLineOption(QStringLiteral("capacity-mib"),
                           QStringLiteral("a custom capacity per device, in MiB (e.g. what nvidia-smi reports)"),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("count"),
                           QStringLiteral("N identical devices (default 1); the rule is applied to their sum"),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("reserve-mib"), QStringLiteral("the pool's reserve (default 2048)"),
                           QStringLiteral("N")),
    };
}

QStringList keyList(const QCommandLineParser &args, const QString &name)
{
    QStringList out;
    for (const QString &k : args.value(name).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!k.trimmed().isEmpty()) {
            out << k.trimmed();
        }
    }
    return out;
}

QString whoValue(const QCommandLineParser &args)
{
    return args.isSet(QStringLiteral("who")) ? args.value(QStringLiteral("who"))
                                             : qEnvironmentVariable("USER", QStringLiteral("unknown"));
}

QString wholeNumber(const QCommandLineParser &args, const QString &name, qint64 min, qint64 max, qint64 *out)
{
    if (!args.isSet(name)) {
        return {};
    }
    const QString v = args.value(name);
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (!ok || n < min || n > max) {
        return QStringLiteral("--%1 takes a whole number from %2 to %3, not \"%4\"").arg(name).arg(min).arg(max).arg(v);
    }
    *out = n;
    return {};
}

} // namespace memspec::cliopt
