// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <utility>

namespace memspec::ui {

// One kind of background job of a widget, run on the thread pool with its result handed back on the UI thread.
// Two policies, one tracker per kind of job:
//   LatestOnly — a preview: a newer start() supersedes the older ones, whose results are dropped;
//   Every      — a write: every outcome, success or error, is delivered, whatever else started meanwhile.
// A tracker never sees another tracker's jobs, so starting a preview can never drop a write's outcome.
// Results are dropped only when the owner (the watcher's parent) is gone.
class JobTracker final
{
public:
    enum class Policy { LatestOnly, Every };
    explicit JobTracker(Policy policy) : m_policy(policy) {}

    int running() const { return m_running; }

    template<typename Work, typename Done>
    void start(QObject *owner, Work work, Done done)
    {
        using T = decltype(work());
        const quint64 mine = ++m_latest;
        ++m_running;
        auto *watcher = new QFutureWatcher<T>(owner);
        QObject::connect(watcher, &QFutureWatcher<T>::finished, owner, [this, watcher, mine, done = std::move(done)]() {
            watcher->deleteLater();
            --m_running;
            if (m_policy == Policy::Every || mine == m_latest) {
                done(watcher->result());
            }
        });
        watcher->setFuture(QtConcurrent::run(std::move(work)));
    }

private:
    Policy m_policy;
    quint64 m_latest = 0;
    int m_running = 0;
};

} // namespace memspec::ui
