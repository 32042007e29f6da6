// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modelloadservice.h"

#include "app/hub/hubclient.h"
#include "app/hub/hubsettings.h"
#include "app/keychain/tokenstore.h"
#include "app/settings/settings.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

namespace memspec::ui {

// Lives on the service's thread: one network manager, and a client + loader per configuration.
class ModelLoadWorker final : public QObject
{
public:
    HubModelLoader &loaderFor(const HubConfig &config, ModelLoadService *service)
    {
        if (!m_nam) {
            m_nam = std::make_unique<QNetworkAccessManager>();
        }
        m_loader.reset();
        m_client = std::make_unique<HubClient>(m_nam.get(), config);
        m_loader = std::make_unique<HubModelLoader>(m_client.get(), HubCache(config.cacheDir));
        QPointer<ModelLoadService> guard(service);
        connect(m_loader.get(), &HubModelLoader::progress,
                [guard](const QString &key, qint64 bytes, int done, int total) {
                    QMetaObject::invokeMethod(guard, [guard, key, bytes, done, total]() {
                        if (guard) {
                            Q_EMIT guard->progress(key, bytes, done, total);
                        }
                    });
                });
        return *m_loader;
    }
    void cancel()
    {
        if (m_loader) {
            m_loader->cancel();
        }
    }
    void shutdown()
    {
        m_loader.reset();
        m_client.reset();
        m_nam.reset();
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<HubModelLoader> m_loader;
};

ModelLoadService::ModelLoadService(QObject *parent) : QObject(parent), m_worker(new ModelLoadWorker)
{
    m_thread.setObjectName(QStringLiteral("memspec-add-model"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ModelLoadService::~ModelLoadService()
{
    ModelLoadWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker]() { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

HubConfig ModelLoadService::configFor(const Settings *settings)
{
    return HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(*settings));
}

void ModelLoadService::withConfig(const Settings *settings,
                                  std::function<void(const HubConfig &config, const QString &keychainError)> use)
{
    const HubConfig config = configFor(settings);
    if (!config.token.isEmpty() || config.offline || !TokenStore::keychainAvailable()) {
        use(config, QString());
        return;
    }
    auto *tokens = new TokenStore(this); // one per request: answers never cross
    connect(tokens, &TokenStore::tokenRead, this,
            [tokens, config, use = std::move(use)](const QString &token, const QString &error) {
                tokens->deleteLater();
                HubConfig withToken = config;
                withToken.token = token;
                use(withToken, error);
            });
    tokens->read();
}

void ModelLoadService::post(const HubConfig &config, std::function<void(HubModelLoader &)> job)
{
    ModelLoadWorker *worker = m_worker;
    QPointer<ModelLoadService> self(this);
    QMetaObject::invokeMethod(worker, [worker, config, job = std::move(job), self]() {
        if (self) {
            job(worker->loaderFor(config, self.data()));
        }
    });
}

namespace {
// Wraps a UI-thread callback so that the worker's result is delivered on the service's (UI) thread.
template<typename T>
std::function<void(Result<T>)> onUiThread(ModelLoadService *service, std::function<void(Result<T>)> done)
{
    QPointer<ModelLoadService> guard(service);
    return [guard, done](Result<T> r) {
        QMetaObject::invokeMethod(guard, [guard, done, r]() {
            if (guard) {
                done(r);
            }
        });
    };
}
} // namespace

void ModelLoadService::list(const HubConfig &config, const QString &repo, std::function<void(Result<RepoInfo>)> done)
{
    auto back = onUiThread<RepoInfo>(this, std::move(done));
    post(config, [repo, back](HubModelLoader &l) { l.list(repo, back); });
}

void ModelLoadService::load(const HubConfig &config, const NewEntryChoice &choice, bool capabilityGiven,
                            std::function<void(Result<LoadedModel>)> done)
{
    auto back = onUiThread<LoadedModel>(this, std::move(done));
    post(config, [choice, capabilityGiven, back](HubModelLoader &l) { l.load(choice, capabilityGiven, back); });
}

void ModelLoadService::changeWeights(const HubConfig &config, const RegistryEntry &entry, const QStringList &files,
                                     const QString &quant, std::function<void(Result<LoadedModel>)> done)
{
    auto back = onUiThread<LoadedModel>(this, std::move(done));
    post(config, [entry, files, quant, back](HubModelLoader &l) { l.changeWeights(entry, files, quant, back); });
}

void ModelLoadService::cancel()
{
    ModelLoadWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker]() { worker->cancel(); });
}

} // namespace memspec::ui
