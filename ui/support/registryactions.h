// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/dialogs/addmodeldialog.h"

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace memspec::ui {

class ModelLoadService;
class StudioState;

// Model ▸ Add model… (Ctrl+Shift+N), Edit model…, Change weights…, Remove model: registry edits from the studio.
// Dialogs open window-modal with open(); the hub work runs on ModelLoadService's thread; every edit is one undoable
// step recorded in the audit trail.
class RegistryActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegistryActions)
public:
    RegistryActions(StudioState *state, QWidget *dialogParent);
    ~RegistryActions() override;

    void setCurrentKey(const QString &key);
    QList<QAction *> actions() const { return {m_add, m_edit, m_weights, m_remove}; }
    QAction *addAction() const { return m_add; }
    QAction *editAction() const { return m_edit; }
    QAction *changeWeightsAction() const { return m_weights; }
    QAction *removeAction() const { return m_remove; }
    // The open Add model / Change weights dialog, if any (tests fill it in).
    AddModelDialog *openDialog() const { return m_dialog; }

Q_SIGNALS:
    void failed(const QString &message);
    void done(const QString &message);
    void modelAdded(const QString &key);

private:
    void updateEnabled();
    void openAdd();
    void openEdit();
    void openChangeWeights();
    void removeCurrent();

    StudioState *m_state;
    QWidget *m_parent;
    ModelLoadService *m_service;
    QString m_key;
    QPointer<AddModelDialog> m_dialog;
    QAction *m_add;
    QAction *m_edit;
    QAction *m_weights;
    QAction *m_remove;
};

} // namespace memspec::ui
