// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubmodelloader.h"

#include "app/hub/hubclient.h"
#include "app/hub/refresher.h"

#include <QJsonObject>

namespace memspec {

QJsonArray listingJson(const QList<RepoEntry> &siblings)
{
    QJsonArray a;
    for (const RepoEntry &e : siblings) {
        a.append(QJsonObject{{QStringLiteral("type"), e.type},
                             {QStringLiteral("path"), e.path},
                             {QStringLiteral("size"), double(qMax<qint64>(0, e.size))}});
    }
    return a;
}

HubModelLoader::HubModelLoader(HubClient *client, HubCache cache, QObject *parent)
    : QObject(parent), m_client(client), m_refresher(new Refresher(client, std::move(cache), this))
{
    connect(m_refresher, &Refresher::modelProgress, this, &HubModelLoader::progress);
}

HubModelLoader::~HubModelLoader() = default;

void HubModelLoader::cancel()
{
    m_refresher->cancel();
}

void HubModelLoader::list(const QString &repo, std::function<void(Result<RepoInfo>)> done)
{
    if (m_client->config().offline) {
        done(Result<RepoInfo>::failure(
            QStringLiteral("%1: listing a repo needs the network (offline mode is on)").arg(repo)));
        return;
    }
    m_client->modelInfo(
        repo, QStringLiteral("main"), true, this,
        [repo, done = std::move(done)](const Result<RepoInfo> &r, HubReply::Error) {
            if (!r) {
                done(r);
                return;
            }
            if (RegistryEdit::weightChoices(listingJson(r->siblings)).isEmpty()) {
                done(Result<RepoInfo>::failure(
                    QStringLiteral("%1 lists no weight files (.gguf or top-level .safetensors); nothing to add")
                        .arg(repo)));
                return;
            }
            done(r);
        });
}

void HubModelLoader::refresh(const RegistryEntry &entry, std::function<void(Result<LoadedModel>)> done)
{
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_refresher, &Refresher::modelFinished, this,
                    [entry, done = std::move(done), conn](const RefreshOutcome &o) {
                        if (o.key != entry.key) {
                            return;
                        }
                        disconnect(*conn);
                        if (!o.ok) {
                            done(Result<LoadedModel>::failure(o.error));
                            return;
                        }
                        done(LoadedModel{entry, o.facts});
                    });
    m_refresher->refresh(entry, nullptr);
}

void HubModelLoader::load(const NewEntryChoice &choice, bool capabilityGiven,
                          std::function<void(Result<LoadedModel>)> done)
{
    list(choice.repo, [this, choice, capabilityGiven, done = std::move(done)](const Result<RepoInfo> &info) {
        if (!info) {
            done(Result<LoadedModel>::failure(info.error()));
            return;
        }
        auto entry = RegistryEdit::entryFromListing(choice, listingJson(info->siblings));
        if (!entry) {
            done(Result<LoadedModel>::failure(entry.error()));
            return;
        }
        refresh(entry.value(), [choice, capabilityGiven, done](const Result<LoadedModel> &m) {
            if (m && !capabilityGiven) {
                LoadedModel model = m.value();
                Capability cap = model.entry.capability;
                QString kind;
                if (RegistryEdit::inferCapability(model.facts, &cap, &kind)) {
                    model.entry.capability = cap;
                    model.entry.kind = choice.kind.isEmpty() ? kind : choice.kind;
                    model.entry.components.first().role = model.entry.kind;
                }
                done(model);
                return;
            }
            done(m);
        });
    });
}

void HubModelLoader::changeWeights(const RegistryEntry &entry, const QStringList &files, const QString &quant,
                                   std::function<void(Result<LoadedModel>)> done)
{
    if (entry.components.size() != 1) { // refused before any request
        done(Result<LoadedModel>::failure(RegistryEdit::withWeights(entry, WeightChoice{}).error()));
        return;
    }
    const QString repo = entry.components.first().repo;
    list(repo, [this, entry, files, quant, repo, done = std::move(done)](const Result<RepoInfo> &info) {
        if (!info) {
            done(Result<LoadedModel>::failure(info.error()));
            return;
        }
        auto choice = RegistryEdit::pick(repo, listingJson(info->siblings), files, quant);
        auto changed =
            choice ? RegistryEdit::withWeights(entry, choice.value()) : Result<RegistryEntry>::failure(choice.error());
        if (!changed) {
            done(Result<LoadedModel>::failure(changed.error()));
            return;
        }
        refresh(changed.value(), done);
    });
}

} // namespace memspec
