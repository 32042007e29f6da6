// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "refreshservice.h"

#include "app/facts/hubcache.h"
#include "app/hub/hubclient.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <memory>

namespace memspec {

// Lives on the service's thread; owns everything that touches the network.
class RefreshWorker final : public QObject
{
public:
    explicit RefreshWorker(RefreshService *service) : m_service(service) {}

    void run(const HubConfig &config, const QList<RegistryEntry> &entries, const QList<std::optional<ModelFacts>> &base)
    {
        if (!m_nam) {
            m_nam = std::make_unique<QNetworkAccessManager>();
        }
        if (!m_refresher || m_refresher->running() == 0) {
            m_refresher.reset();
            m_client = std::make_unique<HubClient>(m_nam.get(), config);
            m_refresher = std::make_unique<Refresher>(m_client.get(), HubCache(config.cacheDir));
            QObject::connect(m_refresher.get(), &Refresher::modelProgress, this,
                             [this](const QString &key, qint64 bytes, int done, int total) {
                                 post([s = m_service, key, bytes, done, total]() {
                                     Q_EMIT s->modelProgress(key, bytes, done, total);
                                 });
                             });
            QObject::connect(m_refresher.get(), &Refresher::modelFinished, this, [this](const RefreshOutcome &o) {
                post([s = m_service, o]() { Q_EMIT s->modelFinished(o); });
            });
            QObject::connect(m_refresher.get(), &Refresher::allFinished, this, [this]() {
                post([s = m_service]() {
                    s->m_running = 0;
                    Q_EMIT s->allFinished();
                });
            });
        }
        for (int i = 0; i < entries.size(); ++i) {
            const std::optional<ModelFacts> &b = base.value(i);
            m_refresher->refresh(entries.at(i), b ? &*b : nullptr);
        }
        if (m_refresher->running() == 0) { // everything answered synchronously (offline caches)
            post([s = m_service]() {
                s->m_running = 0;
                Q_EMIT s->allFinished();
            });
        }
    }

    void cancel()
    {
        if (m_refresher) {
            m_refresher->cancel();
        }
    }

    void shutdown()
    {
        m_refresher.reset();
        m_client.reset();
        m_nam.reset();
    }

private:
    template<typename F>
    void post(F &&f)
    {
        QMetaObject::invokeMethod(m_service, std::forward<F>(f), Qt::QueuedConnection);
    }

    RefreshService *m_service;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<Refresher> m_refresher;
};

RefreshService::RefreshService(QObject *parent) : QObject(parent), m_worker(new RefreshWorker(this))
{
    m_thread.setObjectName(QStringLiteral("memspec-refresh"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

RefreshService::~RefreshService()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker]() { w->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RefreshService::refresh(const HubConfig &config, const QList<RegistryEntry> &entries,
                             const QList<std::optional<ModelFacts>> &base)
{
    if (entries.isEmpty()) {
        return;
    }
    m_running += int(entries.size());
    QStringList keys;
    for (const RegistryEntry &e : entries) {
        keys << e.key;
    }
    Q_EMIT started(keys);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, config, entries, base]() { w->run(config, entries, base); }, Qt::QueuedConnection);
}

void RefreshService::cancel()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker]() { w->cancel(); }, Qt::QueuedConnection);
}

} // namespace memspec
