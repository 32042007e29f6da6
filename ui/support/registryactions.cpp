// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "registryactions.h"

#include "ui/dialogs/addmodeldialog.h"
#include "ui/support/modelloadservice.h"
#include "ui/support/studiostate.h"

#include <QAction>
#include <QIcon>
#include <QWidget>

namespace memspec::ui {

RegistryActions::RegistryActions(StudioState *state, QWidget *dialogParent)
    : QObject(dialogParent), m_state(state), m_parent(dialogParent), m_service(new ModelLoadService(this)),
      m_add(new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add model…"), this)),
      m_edit(new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Edit model…"), this)),
      m_weights(new QAction(tr("Change &weights…"), this)),
      m_remove(new QAction(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove model"), this))
{
    m_add->setObjectName(QStringLiteral("actionAddModel"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_add->setToolTip(
        tr("Add a Hugging Face repo to the registry: pick its weights, read their headers (Ctrl+Shift+N)"));
    m_edit->setObjectName(QStringLiteral("actionEditModel"));
    m_edit->setToolTip(tr("Change the selected model's name, short name, capability or serving context"));
    m_weights->setObjectName(QStringLiteral("actionChangeWeights"));
    m_weights->setToolTip(tr("Pick other weight files of the selected model's repo (another quant, other files)"));
    m_remove->setObjectName(QStringLiteral("actionRemoveModel"));
    m_remove->setToolTip(tr("Remove the selected model from this project's registry (undoable)"));
    connect(m_add, &QAction::triggered, this, &RegistryActions::openAdd);
    connect(m_edit, &QAction::triggered, this, &RegistryActions::openEdit);
    connect(m_weights, &QAction::triggered, this, &RegistryActions::openChangeWeights);
    connect(m_remove, &QAction::triggered, this, &RegistryActions::removeCurrent);
    connect(m_state, &StudioState::reviewsChanged, this, &RegistryActions::updateEnabled);
    updateEnabled();
}

RegistryActions::~RegistryActions() = default;

void RegistryActions::setCurrentKey(const QString &key)
{
    m_key = key;
    updateEnabled();
}

void RegistryActions::updateEnabled()
{
    const auto e = m_key.isEmpty() ? Result<RegistryEntry>::failure(QString()) : m_state->workspace().entry(m_key);
    m_edit->setEnabled(e.ok());
    m_remove->setEnabled(e.ok());
    m_weights->setEnabled(e.ok() && e->components.size() == 1);
}

void RegistryActions::openAdd()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new AddModelDialog(m_state, m_service, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &AddModelDialog::modelRecorded, this, [this](const QString &key) {
        Q_EMIT done(tr("Added %1 to the registry (Ctrl+Z undoes it)").arg(key));
        Q_EMIT modelAdded(key);
    });
    m_dialog->open();
}

void RegistryActions::openChangeWeights()
{
    auto e = m_state->workspace().entry(m_key);
    if (!e || m_dialog) {
        return;
    }
    m_dialog = new AddModelDialog(m_state, m_service, e.value(), m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &AddModelDialog::modelRecorded, this,
            [this](const QString &key) { Q_EMIT done(tr("Changed the weights of %1 (Ctrl+Z undoes it)").arg(key)); });
    m_dialog->open();
}

void RegistryActions::openEdit()
{
    auto e = m_state->workspace().entry(m_key);
    if (!e) {
        return;
    }
    auto *dialog = new EditModelDialog(e.value(), m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        const RegistryEntry edited = dialog->edited();
        if (auto r = m_state->editModel(edited); !r) {
            Q_EMIT failed(tr("Cannot edit %1: %2").arg(edited.key, r.error()));
        } else {
            Q_EMIT done(tr("Edited %1 (Ctrl+Z undoes it)").arg(edited.key));
        }
    });
    dialog->open();
}

void RegistryActions::removeCurrent()
{
    auto e = m_state->workspace().entry(m_key);
    if (!e) {
        return;
    }
    if (auto r = m_state->removeModel(e->key); !r) {
        Q_EMIT failed(tr("Cannot remove %1: %2").arg(e->key, r.error()));
        return;
    }
    Q_EMIT done(tr("Removed %1 from the registry (Ctrl+Z brings it back)").arg(e->key));
    m_key.clear();
    updateEnabled();
}

} // namespace memspec::ui
