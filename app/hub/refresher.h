// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/hubcache.h"
#include "app/facts/modelfacts.h"
#include "app/hub/hubclient.h"
#include "app/registry/registryentry.h"

#include <QObject>

#include <memory>

namespace memspec {

struct RefreshOutcome
{
    QString key;
    bool ok = false;
    bool unchanged = false; // every repo still at the cached commit: nothing but model info was fetched
    bool fromCache = false; // offline: served from a cache
    QString error;          // names the repo and file; the cache entry from before is left as it was
    ModelFacts facts;       // ok: the refreshed facts (also stored in the cache)
    qint64 bytes = 0;       // body bytes fetched for this model
    int files = 0;
};

// Refreshes registry models from the hub: per component repo the model info (commit, listing with sizes), the card,
// config.json / model_index.json / modules.json and index files, and the headers of the weight files (never their
// data). Models run concurrently under the client's request limit; each reports progress and ends with one
// modelFinished. A successful refresh is stored in the cache; a failed one changes nothing there.
class Refresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Refresher)

public:
    Refresher(HubClient *client, HubCache cache, QObject *parent = nullptr);
    ~Refresher() override;

    // base: the facts to start from (bundled snapshot); may be null.
    void refresh(const RegistryEntry &entry, const ModelFacts *base);
    void cancel();
    int running() const { return m_running; }

Q_SIGNALS:
    void modelProgress(const QString &key, qint64 bytes, int filesDone, int filesTotal);
    void modelFinished(const memspec::RefreshOutcome &outcome);
    void allFinished();

private:
    struct Job;
    void afterInfo(const std::shared_ptr<Job> &job);
    void startFiles(const std::shared_ptr<Job> &job);
    void text(const std::shared_ptr<Job> &job, const QString &repo, const QString &path, bool required);
    void header(const std::shared_ptr<Job> &job, const QString &repo, const QString &path);
    void taskDone(const std::shared_ptr<Job> &job);
    void fail(const std::shared_ptr<Job> &job, const QString &error);
    void finish(const std::shared_ptr<Job> &job, RefreshOutcome outcome);
    void offline(const std::shared_ptr<Job> &job);
    ModelFacts assemble(const Job &job) const;

    HubClient *m_client;
    HubCache m_cache;
    int m_running = 0;
    bool m_cancelled = false;
};

} // namespace memspec

Q_DECLARE_METATYPE(memspec::RefreshOutcome)
