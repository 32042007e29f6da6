// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/hub/hubconfig.h"
#include "app/hub/refresher.h"
#include "app/registry/registryentry.h"

#include <QObject>
#include <QThread>

#include <optional>

namespace memspec {

class RefreshWorker;

// Runs hub refreshes on a thread of its own: the network manager, the hub client, the refresher and all parsing
// of configs and weight headers live there, so the window never waits on the network or on a parser. Calls from
// the UI thread are posted to the worker; results come back as signals on the UI thread.
class RefreshService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshService)
public:
    explicit RefreshService(QObject *parent = nullptr);
    ~RefreshService() override;

    // `base`: the facts each model starts from (null when none). A new config replaces the previous client.
    void refresh(const HubConfig &config, const QList<RegistryEntry> &entries,
                 const QList<std::optional<ModelFacts>> &base);
    void cancel();
    bool isRunning() const { return m_running > 0; }

Q_SIGNALS:
    void started(const QStringList &keys);
    void modelProgress(const QString &key, qint64 bytes, int filesDone, int filesTotal);
    void modelFinished(const memspec::RefreshOutcome &outcome);
    void allFinished();

private:
    friend class RefreshWorker;
    QThread m_thread;
    RefreshWorker *m_worker;
    int m_running = 0;
};

} // namespace memspec
