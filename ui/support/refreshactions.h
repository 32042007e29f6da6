// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/refresher.h"

#include <QHash>
#include <QObject>

class QAction;

namespace memspec {
class RefreshService;
class TokenStore;
} // namespace memspec

namespace memspec::ui {

class ModelListModel;
class StudioState;

// Refresh of the selected model (F5) or of all (Shift+F5), with per-model progress in the model list, a
// cancel action, and every failure reported with the model and input it names; a failed model keeps its
// earlier facts. The hub token comes from HF_TOKEN, else from the OS keychain.
class RefreshActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshActions)
public:
    RefreshActions(StudioState *state, ModelListModel *list, QObject *parent = nullptr);
    ~RefreshActions() override;

    void setCurrentKey(const QString &key);
    void refreshKeys(const QStringList &keys);
    bool isRunning() const;

    QAction *refreshAction() const { return m_refresh; }
    QAction *refreshAllAction() const { return m_refreshAll; }
    QAction *cancelAction() const { return m_cancel; }

Q_SIGNALS:
    void modelFailed(const QString &key, const QString &message);
    void modelRefreshed(const QString &key, const QString &summary);
    void finished(int refreshed, int failed);
    void statusMessage(const QString &message);

private:
    void start(const QStringList &keys, const QString &token);
    void onFinished(const RefreshOutcome &outcome);
    void updateEnabled();

    StudioState *m_state;
    ModelListModel *m_list;
    RefreshService *m_service;
    TokenStore *m_tokens;
    QString m_key;
    QStringList m_pendingKeys;
    QHash<QString, bool> m_active;
    int m_ok = 0;
    int m_failed = 0;
    QAction *m_refresh;
    QAction *m_refreshAll;
    QAction *m_cancel;
};

} // namespace memspec::ui
