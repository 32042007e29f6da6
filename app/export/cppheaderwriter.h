// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QList>

class QIODevice;

namespace memspec {

// memspec_models.h: a self-contained C++17 header with a constexpr array of {registry_key, name, capability,
// est_memory_allocation_mb, status, …} and constexpr lookups by registry key or alias (std::string_view).
class CppHeaderWriter final
{
public:
    static QByteArray render(const QList<ModelReview> &reviews);
    static Result<Done> write(QIODevice *device, const QList<ModelReview> &reviews);
    // A C++ string literal (quotes included) for any UTF-8 text.
    static QByteArray literal(const QString &text);
};

} // namespace memspec
