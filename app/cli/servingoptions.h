// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

namespace memspec {

// The serving parameters `memspec estimate` and `memspec set` take (--context, --runtime, --resolution, ...):
// declared and parsed in one place so both commands accept the same flags and reject the same values.
class ServingOptions final
{
public:
    static QList<QCommandLineOption> options();
    // The parameters given, as EstimateParams::toJson fields (only those given), checked by Estimator::validate;
    // an error naming the option and its value otherwise.
    static Result<QJsonObject> parse(const QCommandLineParser &args);
};

} // namespace memspec
