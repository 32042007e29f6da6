// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The hub's retry knobs turned down so fault tests stay fast: the product's own variables (HubConfig::resolve),
// as a user with a local mirror might set them, for a `memspec` child process or the in-process studio; and the
// same policy for a client a test makes itself.
#pragma once

#include "tests/support/sanitizers.h"

#include "app/hub/hubconfig.h"

#include <QByteArray>
#include <QProcessEnvironment>

#include <utility>

namespace memspec::test {

// The idle timeout of both forms: 400 ms, times kSlowdown under ASan (where a loaded machine misses 400 ms now and
// then).
inline constexpr int kFastIdleTimeoutMs = 400 * kSlowdown;

inline QList<std::pair<const char *, QByteArray>> fastRetryVariables()
{
    return {{"MEMSPEC_HUB_RETRIES", "3"},
            {"MEMSPEC_HUB_RETRY_DELAY", "0.002"},
            {"HF_HUB_DOWNLOAD_TIMEOUT", QByteArray::number(kFastIdleTimeoutMs / 1000.0)}};
}

inline void insertFastRetry(QProcessEnvironment &env)
{
    for (const auto &[name, value] : fastRetryVariables()) {
        env.insert(QLatin1String(name), QString::fromLatin1(value));
    }
}

inline void putFastRetry()
{
    for (const auto &[name, value] : fastRetryVariables()) {
        qputenv(name, value);
    }
}

inline void unsetFastRetry()
{
    for (const auto &[name, value] : fastRetryVariables()) {
        qunsetenv(name);
    }
}

// For a HubClient made in-process: few milliseconds everywhere, and Retry-After read as milliseconds.
inline RetryPolicy fastRetryPolicy()
{
    RetryPolicy p;
    p.maxRetries = 3;
    p.baseDelayMs = 2;
    p.maxDelayMs = 10;
    p.msPerRetryAfterSecond = 1;
    p.maxRetryAfterMs = 50;
    p.transferTimeoutMs = kFastIdleTimeoutMs;
    return p;
}

} // namespace memspec::test
