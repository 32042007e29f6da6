// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace memspec::ui {

// Runs Estimator::estimate off the UI thread (QtConcurrent), one generation counter per model: a result is
// delivered only when no newer request for the same model was made meanwhile, so fast typing never shows a
// stale figure and never blocks the window.
class AsyncEstimator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncEstimator)
public:
    explicit AsyncEstimator(QObject *parent = nullptr);
    ~AsyncEstimator() override;

    // Returns the generation of this request.
    quint64 request(const RegistryEntry &entry, const std::optional<ModelFacts> &facts, const EstimateParams &params);
    bool isBusy(const QString &key) const;
    int pending() const { return m_running; }

Q_SIGNALS:
    void finished(const QString &key, const memspec::Estimate &estimate);
    void busyChanged(const QString &key, bool busy);

private:
    QHash<QString, quint64> m_generation;
    QHash<QString, quint64> m_delivered;
    int m_running = 0;
};

} // namespace memspec::ui
