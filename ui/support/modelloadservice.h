// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/hubconfig.h"
#include "app/hub/hubmodelloader.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace memspec {
class Settings;
}

namespace memspec::ui {

class ModelLoadWorker;

// The Add model / Change weights dialogs' hub work (listing, header-only refresh) on a thread of its own, like
// RefreshService: the window never waits on the network or a header parser. Callbacks run on the UI thread; a job
// started while another runs cancels nothing — the dialogs start one at a time.
class ModelLoadService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelLoadService)
public:
    explicit ModelLoadService(QObject *parent = nullptr);
    ~ModelLoadService() override;

    // The hub configuration the studio's settings give (endpoint, cache, offline; HF_TOKEN or the token file).
    static HubConfig configFor(const Settings *settings);
    // configFor(), with the token the Settings dialog stored in the OS keychain when neither HF_TOKEN nor the token
    // file gives one (as Refresh and `memspec add` do). `use` runs on the UI thread once the keychain answered (at
    // once when there is nothing to ask); a keychain failure goes without a token and says why in `keychainError`.
    void withConfig(const Settings *settings,
                    std::function<void(const HubConfig &config, const QString &keychainError)> use);

    void list(const HubConfig &config, const QString &repo, std::function<void(Result<RepoInfo>)> done);
    void load(const HubConfig &config, const NewEntryChoice &choice, bool capabilityGiven,
              std::function<void(Result<LoadedModel>)> done);
    void changeWeights(const HubConfig &config, const RegistryEntry &entry, const QStringList &files,
                       const QString &quant, std::function<void(Result<LoadedModel>)> done);
    void cancel();

Q_SIGNALS:
    void progress(const QString &key, qint64 bytes, int filesDone, int filesTotal);

private:
    // Runs `job` on the worker thread with a loader for `config`.
    void post(const HubConfig &config, std::function<void(HubModelLoader &)> job);

    QThread m_thread;
    ModelLoadWorker *m_worker;
};

} // namespace memspec::ui
