// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "asyncestimator.h"

#include "app/estimate/estimator.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace memspec::ui {

AsyncEstimator::AsyncEstimator(QObject *parent) : QObject(parent) {}

AsyncEstimator::~AsyncEstimator() = default;

quint64 AsyncEstimator::request(const RegistryEntry &entry, const std::optional<ModelFacts> &facts,
                                const EstimateParams &params)
{
    const QString key = entry.key;
    const quint64 generation = ++m_generation[key];
    if (generation == m_delivered.value(key) + 1) {
        Q_EMIT busyChanged(key, true);
    }
    ++m_running;
    // The watcher is parented to this object: if the window goes away first, the result is simply dropped.
    auto *watcher = new QFutureWatcher<Estimate>(this);
    connect(watcher, &QFutureWatcher<Estimate>::finished, this, [this, watcher, key, generation]() {
        watcher->deleteLater();
        --m_running;
        if (generation != m_generation.value(key)) {
            return;   // a newer request for this model is on its way
        }
        m_delivered[key] = generation;
        Q_EMIT finished(key, watcher->result());
        Q_EMIT busyChanged(key, false);
    });
    watcher->setFuture(QtConcurrent::run([entry, facts, params]() {
        return Estimator::estimate(entry, facts ? &*facts : nullptr, params);
    }));
    return generation;
}

bool AsyncEstimator::isBusy(const QString &key) const
{
    return m_generation.value(key) != m_delivered.value(key);
}

} // namespace memspec::ui
