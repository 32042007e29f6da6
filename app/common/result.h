// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace memspec {

// A value or an error message that names the failing input. Parsers and loaders return this instead of throwing,
// so nothing throws across a slot or QtConcurrent boundary. [[nodiscard]]: a failure nobody reads is a failure
// lost, so the compiler (warnings are errors) rejects a call whose Result is dropped; (void) only where that is meant.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message) // NOLINT(performance-unnecessary-value-param): moved from below
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const QString &error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

// Convenience for functions that only succeed or fail.
struct Done
{
};

} // namespace memspec
