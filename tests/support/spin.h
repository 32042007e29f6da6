// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>

namespace memspec::test {

// Waits for done() while serving events, without QTest::qWaitFor's 10 ms naps: a mock hub may live on this thread,
// and over HTTP/2 every frame it answers waits for its turn in this loop.
inline bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

} // namespace memspec::test
