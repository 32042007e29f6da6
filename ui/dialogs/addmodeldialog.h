// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/hub/hubconfig.h"
#include "app/hub/repoinfo.h"
#include "app/registry/registryentry.h"
#include "app/review/registryedit.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace memspec::ui {

class ModelLoadService;
class StudioState;

// Model ▸ Add model… (a repo id, its weight choices listed from the hub, capability and name) and Model ▸ Change
// weights… (the same picker for the selected model's repo). Listing and the header-only refresh run on
// ModelLoadService's thread with progress in the dialog; the model is recorded (undoably) only when all of it
// succeeded, and any error is shown in the dialog, naming the repo, with nothing changed.
class AddModelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddModelDialog)
public:
    // Add a repo.
    AddModelDialog(StudioState *state, ModelLoadService *service, QWidget *parent = nullptr);
    // Change the weights of `entry` (its single component's repo).
    AddModelDialog(StudioState *state, ModelLoadService *service, const RegistryEntry &entry,
                   QWidget *parent = nullptr);

    void listFiles();
    void accept() override;
    bool isBusy() const { return m_busy; }
    QString message() const;

Q_SIGNALS:
    // After the model was recorded: its registry key.
    void modelRecorded(const QString &key);

private:
    void build();
    void setBusy(bool busy, const QString &what);
    void fail(const QString &message);
    void updateState();
    void listed(const QString &repo, const Result<RepoInfo> &info);
    QString withKeychainNote(const QString &error) const;

    StudioState *m_state;
    ModelLoadService *m_service;
    std::optional<RegistryEntry> m_entry; // change weights of this model
    QList<WeightChoice> m_choices;
    QString m_listedRepo;
    HubConfig m_config;      // what the listing used (with the keychain's token); the headers use it too
    QString m_keychainError; // why the keychain gave no token, if it failed
    bool m_busy = false;
    QLineEdit *m_repo = nullptr;
    QPushButton *m_list = nullptr;
    QListWidget *m_choiceList = nullptr;
    QComboBox *m_capability = nullptr;
    QLineEdit *m_name = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

// Model ▸ Edit model…: name, short name, capability and serving context of the selected model.
class EditModelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditModelDialog)
public:
    EditModelDialog(const RegistryEntry &entry, QWidget *parent = nullptr);
    // The entry with the dialog's values.
    RegistryEntry edited() const;

private:
    RegistryEntry m_entry;
    QLineEdit *m_name;
    QLineEdit *m_short;
    QComboBox *m_capability;
    QSpinBox *m_context;
};

} // namespace memspec::ui
