// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimateparams.h"
#include "app/registry/registryentry.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace memspec::ui {

// The serving parameters the runtime really uses: context, batch, KV dtype, device, runtime, flash attention,
// diffusion resolution and margin. Shows the resolved values (registry defaults unless the reviewer set one;
// changed values are bold) and emits the reviewer's parameters on every edit. Editors that do not apply to the
// model's kind are disabled, not hidden, so the layout stays put.
class ParameterPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParameterPanel)
public:
    explicit ParameterPanel(QWidget *parent = nullptr);

    // `requested`: what the reviewer set; `resolved`: the estimate's fully resolved parameters.
    void setModel(const RegistryEntry &entry, const EstimateParams &requested, const EstimateParams &resolved);
    void setBusy(bool busy);
    EstimateParams requested() const { return m_requested; }

Q_SIGNALS:
    void parametersEdited(const memspec::EstimateParams &params);

private:
    void edited();
    void markChanged();

    RegistryEntry m_entry;
    EstimateParams m_requested;
    EstimateParams m_defaults;
    bool m_updating = false;
    QSpinBox *m_context;
    QSpinBox *m_batch;
    QSpinBox *m_ubatch;
    QComboBox *m_kvType;
    QComboBox *m_device;
    QComboBox *m_runtime;
    QCheckBox *m_flash;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QDoubleSpinBox *m_margin;
    QPushButton *m_reset;
    QLabel *m_busy;
};

} // namespace memspec::ui
