// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/hubcache.h"
#include "app/facts/modelfacts.h"
#include "app/hub/repoinfo.h"
#include "app/registry/registryentry.h"
#include "app/review/registryedit.h"

#include <QJsonArray>
#include <QObject>

#include <functional>

namespace memspec {

class HubClient;
class Refresher;

// A repo's listing as RegistryEdit reads it: [{"type": "file", "path", "size"}, ...].
QJsonArray listingJson(const QList<RepoEntry> &siblings);

// A model taken from the hub: its registry entry and the facts a refresh read (headers only).
struct LoadedModel
{
    RegistryEntry entry;
    ModelFacts facts;
};

// What `memspec add`, `memspec estimate org/name`, `memspec edit --file` and the studio's Add model dialog share:
// list a repo's weight files, build the registry entry from the user's choice, refresh its facts (stored in the
// given refresh cache on success, nothing stored on failure). Asynchronous on the client's thread; each call ends
// with exactly one callback (unless the loader is destroyed first).
class HubModelLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HubModelLoader)
public:
    HubModelLoader(HubClient *client, HubCache cache, QObject *parent = nullptr);
    ~HubModelLoader() override;

    // The repo's model info with file sizes. Fails naming the repo when it is unknown (404), needs a token
    // (401/403) or lists no weight files.
    void list(const QString &repo, std::function<void(Result<RepoInfo>)> done);
    // list → RegistryEdit::entryFromListing → refresh. Unless `capabilityGiven`, capability and kind come from the
    // refreshed config.json / GGUF header (RegistryEdit::inferCapability), else from the choice.
    void load(const NewEntryChoice &choice, bool capabilityGiven, std::function<void(Result<LoadedModel>)> done);
    // list → RegistryEdit::withWeights → refresh: the same model with other weight files of its repo.
    void changeWeights(const RegistryEntry &entry, const QStringList &files, const QString &quant,
                       std::function<void(Result<LoadedModel>)> done);
    // Refreshes an entry built elsewhere.
    void refresh(const RegistryEntry &entry, std::function<void(Result<LoadedModel>)> done);
    void cancel();

Q_SIGNALS:
    void progress(const QString &key, qint64 bytes, int filesDone, int filesTotal);

private:
    HubClient *m_client;
    Refresher *m_refresher;
};

} // namespace memspec
