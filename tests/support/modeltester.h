// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModelTester>

#include <memory>

namespace memspec::test {

// Runs QAbstractItemModelTester on a model for the lifetime of the returned object; failures are reported as
// fatal Qt warnings, which the test main turns into test failures.
inline std::unique_ptr<QAbstractItemModelTester> testModel(QAbstractItemModel *model)
{
    return std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
}

} // namespace memspec::test
