// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "refreshactions.h"

#include "app/common/units.h"
#include "app/hub/hubconfig.h"
#include "app/hub/hubsettings.h"
#include "app/hub/refreshservice.h"
#include "app/keychain/tokenstore.h"
#include "app/settings/settings.h"

#include "ui/models/modellistmodel.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QProcessEnvironment>

namespace memspec::ui {

RefreshActions::RefreshActions(StudioState *state, ModelListModel *list, QObject *parent)
    : QObject(parent), m_state(state), m_list(list), m_service(new RefreshService(this)),
      m_tokens(new TokenStore(this)),
      m_refresh(new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), this)),
      m_refreshAll(new QAction(tr("Refresh &all"), this)),
      m_cancel(new QAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel refresh"), this))
{
    m_refresh->setObjectName(QStringLiteral("actionRefresh"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setToolTip(tr("Fetch the selected model's card, configs, file sizes and weight headers (F5)"));
    m_refreshAll->setObjectName(QStringLiteral("actionRefreshAll"));
    m_refreshAll->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_refreshAll->setToolTip(tr("Refresh every model of the registry (Shift+F5)"));
    m_cancel->setObjectName(QStringLiteral("actionCancelRefresh"));
    m_cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_cancel->setEnabled(false);

    connect(m_refresh, &QAction::triggered, this, [this]() { refreshKeys({m_key}); });
    connect(m_refreshAll, &QAction::triggered, this, [this]() {
        QStringList keys;
        for (const RegistryEntry &e : m_state->workspace().registry().entries()) {
            keys << e.key;
        }
        refreshKeys(keys);
    });
    connect(m_cancel, &QAction::triggered, this, [this]() {
        m_service->cancel();
        Q_EMIT statusMessage(tr("Cancelling the refresh…"));
    });
    connect(m_service, &RefreshService::modelProgress, this,
            [this](const QString &key, qint64 bytes, int done, int total) {
                const int percent = total > 0 ? qBound(1, done * 100 / total, 99) : 1;
                m_list->setProgress(key, percent, tr("%1/%2 · %3").arg(done).arg(total).arg(formatBytes(bytes)));
            });
    connect(m_service, &RefreshService::modelFinished, this, &RefreshActions::onFinished);
    connect(m_service, &RefreshService::allFinished, this, [this]() {
        for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
            m_list->setProgress(it.key(), -1, {});
        }
        m_active.clear();
        updateEnabled();
        Q_EMIT finished(m_ok, m_failed);
    });
    connect(m_tokens, &TokenStore::tokenRead, this, [this](const QString &token, const QString &) {
        const QStringList keys = m_pendingKeys;
        m_pendingKeys.clear();
        start(keys, token);
    });
    updateEnabled();
}

RefreshActions::~RefreshActions() = default;

void RefreshActions::setCurrentKey(const QString &key)
{
    m_key = key;
    updateEnabled();
}

bool RefreshActions::isRunning() const
{
    return !m_active.isEmpty() || !m_pendingKeys.isEmpty();
}

void RefreshActions::updateEnabled()
{
    const bool running = isRunning();
    m_refresh->setEnabled(!m_key.isEmpty() && !m_active.contains(m_key));
    m_refreshAll->setEnabled(!running);
    m_cancel->setEnabled(running);
}

void RefreshActions::refreshKeys(const QStringList &keys)
{
    QStringList todo;
    for (const QString &k : keys) {
        if (!k.isEmpty() && !m_active.contains(k) && !m_pendingKeys.contains(k)) {
            todo << k;
        }
    }
    if (todo.isEmpty()) {
        return;
    }
    if (m_active.isEmpty()) {
        m_ok = 0;
        m_failed = 0;
    }
    for (const QString &k : std::as_const(todo)) {
        m_active.insert(k, true);
        m_list->setError(k, {});
        m_list->setProgress(k, 0, tr("queued"));
    }
    updateEnabled();
    // HF_TOKEN wins; otherwise ask the keychain (asynchronously) before the first request goes out.
    const HubConfig withoutKeychain =
        HubConfig::resolve(QProcessEnvironment::systemEnvironment(), hubSourcesOf(*m_state->settings()));
    if (!withoutKeychain.token.isEmpty() || withoutKeychain.offline || !TokenStore::keychainAvailable()) {
        start(todo, QString());
        return;
    }
    const bool reading = !m_pendingKeys.isEmpty();
    m_pendingKeys << todo;
    if (!reading) {
        m_tokens->read();
    }
}

void RefreshActions::start(const QStringList &keys, const QString &keychainToken)
{
    HubSources sources = hubSourcesOf(*m_state->settings());
    sources.keychainToken = [keychainToken](QString *) { return keychainToken; }; // read before, asynchronously
    const HubConfig config = HubConfig::resolve(QProcessEnvironment::systemEnvironment(), sources);
    QList<RegistryEntry> entries;
    QList<std::optional<ModelFacts>> base;
    for (const QString &k : keys) {
        auto e = m_state->workspace().entry(k);
        if (!e) {
            m_active.remove(k);
            Q_EMIT modelFailed(k, e.error());
            continue;
        }
        entries << e.value();
        const ModelFacts *f = m_state->workspace().facts().find(e->key);
        base << (f ? std::optional<ModelFacts>(*f) : std::nullopt);
    }
    Q_EMIT statusMessage(tr("Refreshing %n model(s) from %1…", nullptr, int(entries.size()))
                             .arg(config.offline ? tr("the caches (offline)") : config.endpoint.toString()));
    m_service->refresh(config, entries, base);
}

void RefreshActions::onFinished(const RefreshOutcome &o)
{
    m_list->setProgress(o.key, -1, {});
    m_active.remove(o.key);
    if (!o.ok) {
        ++m_failed;
        m_list->setError(o.key, o.error);
        Q_EMIT modelFailed(o.key, o.error);
    } else {
        ++m_ok;
        m_list->setError(o.key, {});
        m_state->applyFacts(o.facts);
        Q_EMIT modelRefreshed(
            o.key, o.unchanged ? tr("%1 is unchanged on the hub").arg(o.key)
                               : tr("%1 refreshed: %n file(s), %2", nullptr, o.files).arg(o.key, formatBytes(o.bytes)));
    }
    updateEnabled();
}

} // namespace memspec::ui
