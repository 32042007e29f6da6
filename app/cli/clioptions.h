// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace memspec::cliopt {

// Options more than one command declares, so each is spelled and described once.
QCommandLineOption json(const QString &description = QStringLiteral("one JSON document on stdout instead of text"));
QCommandLineOption who(); // --who NAME: the audit trail's author (default $USER)
QCommandLineOption sourceTree(const QString &description);
QCommandLineOption allowUnapproved(const QString &description);
QCommandLineOption file(const QString &description);  // --file NAME, repeatable
QCommandLineOption quant(const QString &description); // --quant Q
// The target of budget and fit: --gpu NAME | --capacity-mib N, --count N, --reserve-mib N.
QList<QCommandLineOption> targetOptions();

// --who's value, else $USER, else "unknown".
QString whoValue(const QCommandLineParser &args);

// A comma-separated list of keys (--models a,b), blanks dropped.
QStringList keyList(const QCommandLineParser &args, const QString &name);

// The option's value as a whole number from min to max into *out (untouched when the option is absent); an error
// naming the option and the value otherwise.
QString wholeNumber(const QCommandLineParser &args, const QString &name, qint64 min, qint64 max, qint64 *out);

} // namespace memspec::cliopt
