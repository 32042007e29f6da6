// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "addmodeldialog.h"

#include "app/common/units.h"

#include "ui/support/modelloadservice.h"
#include "ui/support/studiostate.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {
constexpr Capability kCapabilities[] = {Capability::TextEmbedding, Capability::TextToText, Capability::ImageEmbedding,
                                        Capability::Vision, Capability::TextToImage};

void fillCapabilities(QComboBox *box, bool withAuto)
{
    if (withAuto) {
        box->addItem(QObject::tr("From config.json / GGUF header"), QString());
    }
    for (Capability c : kCapabilities) {
        box->addItem(capabilityTitle(c), capabilityId(c));
    }
}
} // namespace

AddModelDialog::AddModelDialog(StudioState *state, ModelLoadService *service, QWidget *parent)
    : QDialog(parent), m_state(state), m_service(service)
{
    setWindowTitle(tr("Add model"));
    build();
}

AddModelDialog::AddModelDialog(StudioState *state, ModelLoadService *service, const RegistryEntry &entry,
                               QWidget *parent)
    : QDialog(parent), m_state(state), m_service(service), m_entry(entry)
{
    setWindowTitle(tr("Change weights of %1").arg(entry.name));
    build();
    m_repo->setText(entry.components.isEmpty() ? entry.key : entry.components.first().repo);
    m_repo->setReadOnly(true);
    m_capability->setVisible(false);
    m_name->setVisible(false);
    listFiles();
}

void AddModelDialog::build()
{
    setObjectName(QStringLiteral("addModelDialog"));
    setWindowModality(Qt::WindowModal);
    m_repo = new QLineEdit(this);
    m_repo->setObjectName(QStringLiteral("addModelRepo"));
    m_repo->setPlaceholderText(tr("org/name, as on the Hub"));
    m_list = new QPushButton(tr("&List files"), this);
    m_list->setObjectName(QStringLiteral("addModelList"));
    m_choiceList = new QListWidget(this);
    m_choiceList->setObjectName(QStringLiteral("addModelChoices"));
    m_choiceList->setMinimumHeight(140);
    m_capability = new QComboBox(this);
    m_capability->setObjectName(QStringLiteral("addModelCapability"));
    fillCapabilities(m_capability, true);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("addModelName"));
    m_name->setPlaceholderText(tr("default: the repo's name"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("addModelProgress"));
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("addModelStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_entry ? tr("&Change weights") : tr("&Add"));

    auto *repoRow = new QHBoxLayout;
    repoRow->addWidget(m_repo, 1);
    repoRow->addWidget(m_list);
    auto *form = new QFormLayout;
    form->addRow(tr("&Repository:"), repoRow);
    form->addRow(tr("&Weights:"), m_choiceList);
    if (!m_entry) {
        form->addRow(tr("C&apability:"), m_capability);
        form->addRow(tr("&Name:"), m_name);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_list, &QPushButton::clicked, this, &AddModelDialog::listFiles);
    connect(m_repo, &QLineEdit::returnPressed, this, &AddModelDialog::listFiles);
    connect(m_repo, &QLineEdit::textChanged, this, &AddModelDialog::updateState);
    connect(m_choiceList, &QListWidget::currentRowChanged, this, &AddModelDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddModelDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddModelDialog::reject);
    connect(this, &QDialog::rejected, m_service, &ModelLoadService::cancel);
    connect(m_service, &ModelLoadService::progress, this, [this](const QString &, qint64 bytes, int done, int total) {
        if (!m_busy) {
            return;
        }
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(done);
        m_status->setText(tr("Reading headers: %1 of %2 files, %3 bytes").arg(done).arg(total).arg(groupDigits(bytes)));
    });
    updateState();
    resize(560, 420);
}

QString AddModelDialog::message() const
{
    return m_status->text();
}

void AddModelDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_progress->setRange(0, 0); // busy until the first progress report
    m_status->setText(what);
    updateState();
}

void AddModelDialog::fail(const QString &message)
{
    setBusy(false, QString());
    m_status->setText(tr("Nothing was added: %1").arg(message));
}

void AddModelDialog::updateState()
{
    const QString repo = m_repo->text().trimmed();
    m_list->setEnabled(!m_busy && !repo.isEmpty() && !m_entry);
    m_repo->setEnabled(!m_busy);
    m_choiceList->setEnabled(!m_busy);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_busy && repo == m_listedRepo && m_choiceList->currentRow() >= 0);
}

void AddModelDialog::listFiles()
{
    const QString repo = m_repo->text().trimmed();
    if (repo.isEmpty() || m_busy) {
        return;
    }
    m_choices.clear();
    m_choiceList->clear();
    m_listedRepo.clear();
    setBusy(true, tr("Listing %1…").arg(repo));
    QPointer<AddModelDialog> self(this);
    m_service->withConfig(m_state->settings(), [self, repo](const HubConfig &config, const QString &keychainError) {
        if (self) {
            self->m_config = config;
            self->m_keychainError = keychainError;
            self->m_service->list(config, repo, [self, repo](const Result<RepoInfo> &info) {
                if (self) {
                    self->listed(repo, info);
                }
            });
        }
    });
}

void AddModelDialog::listed(const QString &repo, const Result<RepoInfo> &info)
{
    if (!info) {
        fail(withKeychainNote(info.error()));
        return;
    }
    m_choices = RegistryEdit::weightChoices(listingJson(info->siblings));
    for (const WeightChoice &c : std::as_const(m_choices)) {
        auto *item = new QListWidgetItem(c.label, m_choiceList);
        item->setToolTip(c.files.join(QLatin1Char('\n')));
    }
    m_listedRepo = repo;
    // Preselect what `memspec add` would pick (the safetensors checkpoint, or the only choice).
    auto preferred = RegistryEdit::pick(repo, listingJson(info->siblings), {}, {});
    for (int i = 0; preferred && i < m_choices.size(); ++i) {
        if (m_choices.at(i).files == preferred->files) {
            m_choiceList->setCurrentRow(i);
        }
    }
    setBusy(false, tr("%1 at %2: %n weight choice(s)", nullptr, int(m_choices.size())).arg(repo, info->sha.left(12)));
}

QString AddModelDialog::withKeychainNote(const QString &error) const
{
    return m_keychainError.isEmpty() ? error : tr("%1 (no token from the OS keychain: %2)").arg(error, m_keychainError);
}

void AddModelDialog::accept()
{
    const int row = m_choiceList->currentRow();
    if (m_busy || row < 0 || row >= m_choices.size() || m_listedRepo != m_repo->text().trimmed()) {
        return;
    }
    const WeightChoice choice = m_choices.at(row);
    QPointer<AddModelDialog> self(this);
    auto done = [self](const Result<LoadedModel> &m) {
        if (!self) {
            return;
        }
        if (!m) {
            self->fail(self->withKeychainNote(m.error()));
            return;
        }
        auto recorded =
            self->m_entry ? self->m_state->editModel(m->entry, m->facts) : self->m_state->addModel(m->entry, m->facts);
        if (!recorded) {
            self->fail(recorded.error());
            return;
        }
        self->setBusy(false, QString());
        Q_EMIT self->modelRecorded(m->entry.key);
        self->QDialog::accept();
    };
    // The configuration the listing used (with the keychain's token, if any): a gated repo's headers need it too.
    const HubConfig config = m_config;
    if (m_entry) {
        setBusy(true, tr("Reading the headers of %1…").arg(choice.label));
        m_service->changeWeights(config, *m_entry, choice.files, QString(), done);
        return;
    }
    NewEntryChoice c;
    c.repo = m_listedRepo;
    c.files = choice.files;
    c.name = m_name->text().trimmed();
    const QString cap = m_capability->currentData().toString();
    const bool given = !cap.isEmpty() && capabilityFromId(cap, &c.capability);
    if (const RegistryEntry *existing = m_state->workspace().registry().find(c.repo)) {
        fail(tr("%1 is already in the registry as %2").arg(c.repo, existing->key));
        return;
    }
    setBusy(true, tr("Reading the headers of %1…").arg(choice.label));
    m_service->load(config, c, given, done);
}

EditModelDialog::EditModelDialog(const RegistryEntry &entry, QWidget *parent)
    : QDialog(parent), m_entry(entry), m_name(new QLineEdit(entry.name, this)),
      m_short(new QLineEdit(entry.shortName, this)), m_capability(new QComboBox(this)), m_context(new QSpinBox(this))
{
    setObjectName(QStringLiteral("editModelDialog"));
    setWindowTitle(tr("Edit %1").arg(entry.key));
    setWindowModality(Qt::WindowModal);
    m_name->setObjectName(QStringLiteral("editModelName"));
    m_short->setObjectName(QStringLiteral("editModelShort"));
    m_capability->setObjectName(QStringLiteral("editModelCapability"));
    fillCapabilities(m_capability, false);
    m_capability->setCurrentIndex(m_capability->findData(capabilityId(entry.capability)));
    m_context->setObjectName(QStringLiteral("editModelContext"));
    m_context->setRange(0, 16 * 1024 * 1024);
    m_context->setSpecialValueText(tr("runtime default"));
    m_context->setGroupSeparatorShown(true);
    m_context->setValue(int(entry.servingInt("context")));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Short name:"), m_short);
    form->addRow(tr("C&apability:"), m_capability);
    form->addRow(tr("Serving &context (tokens):"), m_context);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

RegistryEntry EditModelDialog::edited() const
{
    RegistryEntry e = m_entry;
    e.name = m_name->text().trimmed();
    e.shortName = m_short->text().trimmed();
    Capability c = e.capability;
    if (capabilityFromId(m_capability->currentData().toString(), &c)) {
        e = RegistryEdit::withCapability(e, c);
    }
    if (m_context->value() > 0) {
        e.serving.insert(QStringLiteral("context"), m_context->value());
    } else {
        e.serving.remove(QStringLiteral("context"));
    }
    return e;
}

} // namespace memspec::ui
