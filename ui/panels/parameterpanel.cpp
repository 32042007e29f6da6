// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "parameterpanel.h"

#include "app/estimate/estimator.h"
#include "app/estimate/servingwords.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace memspec::ui {

namespace {
template<typename W>
W *named(W *w, const char *name, const QString &tip)
{
    w->setObjectName(QLatin1String(name));
    w->setToolTip(tip);
    return w;
}

void setBold(QWidget *w, bool bold)
{
    QFont f = w->font();
    if (f.bold() != bold) {
        f.setBold(bold);
        w->setFont(f);
    }
}
} // namespace

ParameterPanel::ParameterPanel(QWidget *parent)
    : QWidget(parent),
      m_context(named(new QSpinBox(this), "paramContext", tr("Tokens per sequence the runtime allocates for"))),
      m_batch(named(new QSpinBox(this), "paramBatch", tr("Parallel sequences or images per worker"))),
      m_ubatch(named(new QSpinBox(this), "paramUbatch",
                     tr("Prompt tokens per forward pass: the attention scores and activations scale with it. "
                        "llama.cpp: n_ubatch (512). candle: the whole prompt in one pass, so the context unless "
                        "the service admits shorter prompts"))),
      m_kvType(named(new QComboBox(this), "paramKvType", tr("Data type of the KV cache"))),
      m_device(named(new QComboBox(this), "paramDevice", tr("Where the worker runs"))),
      m_runtime(named(new QComboBox(this), "paramRuntime", tr("Runtime profile: candle is the target service"))),
      m_flash(named(new QCheckBox(tr("Flash attention"), this), "paramFlashAttention",
                    tr("Flash attention avoids materialising the attention scores"))),
      m_width(named(new QSpinBox(this), "paramWidth", tr("Image width in pixels (diffusion)"))),
      m_height(named(new QSpinBox(this), "paramHeight", tr("Image height in pixels (diffusion)"))),
      m_margin(named(new QDoubleSpinBox(this), "paramMargin", tr("Safety margin on the sum (policy: 10 to 20 %)"))),
      m_reset(
          named(new QPushButton(tr("Defaults"), this), "paramReset", tr("Back to the registry's serving defaults"))),
      m_busy(new QLabel(this))
{
    setObjectName(QStringLiteral("parameterPanel"));
    m_context->setRange(int(serving::kContext.min), int(serving::kContext.max));
    m_context->setGroupSeparatorShown(true);
    m_context->setSuffix(tr(" tokens"));
    m_batch->setRange(int(serving::kBatch.min), int(serving::kBatch.max));
    m_ubatch->setRange(int(serving::kUbatch.min), int(serving::kUbatch.max));
    m_ubatch->setGroupSeparatorShown(true);
    m_ubatch->setSuffix(tr(" tokens"));
    m_kvType->addItems(serving::kvTypes());
    m_device->addItems(serving::devices());
    m_runtime->addItems(serving::runtimes());
    for (QSpinBox *s : {m_width, m_height}) {
        s->setRange(0, 16384); // 0 shows "n/a": the model has no image resolution
        s->setSpecialValueText(tr("n/a"));
        s->setSingleStep(64);
        s->setSuffix(tr(" px"));
    }
    m_margin->setRange(double(serving::kMarginPct.min), double(serving::kMarginPct.max));
    m_margin->setDecimals(0);
    m_margin->setSuffix(tr(" %"));
    for (QAbstractSpinBox *s :
         std::initializer_list<QAbstractSpinBox *>{m_context, m_batch, m_ubatch, m_width, m_height, m_margin}) {
        s->setKeyboardTracking(false); // typing "32768" is one edit, not five
        s->setAccelerated(true);
    }
    m_busy->setObjectName(QStringLiteral("paramBusy"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(4);
    auto add = [grid](int row, int col, const QString &label, QWidget *w) {
        auto *l = new QLabel(label, grid->parentWidget());
        l->setBuddy(w);
        grid->addWidget(l, row, col * 2);
        grid->addWidget(w, row, col * 2 + 1);
    };
    add(0, 0, tr("&Context"), m_context);
    add(0, 1, tr("&Batch"), m_batch);
    add(0, 2, tr("&KV dtype"), m_kvType);
    add(1, 0, tr("&Runtime"), m_runtime);
    add(1, 1, tr("De&vice"), m_device);
    add(1, 2, tr("&Margin"), m_margin);
    auto *res = new QHBoxLayout;
    res->addWidget(m_width);
    res->addWidget(new QLabel(QStringLiteral("×"), this));
    res->addWidget(m_height);
    auto *resLabel = new QLabel(tr("Re&solution"), this);
    resLabel->setBuddy(m_width);
    grid->addWidget(resLabel, 2, 0);
    grid->addLayout(res, 2, 1, 1, 3);
    grid->addWidget(m_flash, 2, 4, 1, 2);
    add(3, 0, tr("&Prefill chunk"), m_ubatch);
    auto *tail = new QHBoxLayout;
    tail->addWidget(m_busy, 1);
    tail->addWidget(m_reset);
    grid->addLayout(tail, 3, 2, 1, 4);
    for (int c : {1, 3, 5}) {
        grid->setColumnStretch(c, 1);
    }

    for (QSpinBox *s : {m_context, m_batch, m_ubatch, m_width, m_height}) {
        connect(s, &QSpinBox::valueChanged, this, &ParameterPanel::edited);
    }
    connect(m_margin, &QDoubleSpinBox::valueChanged, this, &ParameterPanel::edited);
    for (QComboBox *c : {m_kvType, m_device, m_runtime}) {
        connect(c, &QComboBox::currentIndexChanged, this, &ParameterPanel::edited);
    }
    connect(m_flash, &QCheckBox::toggled, this, &ParameterPanel::edited);
    connect(m_reset, &QPushButton::clicked, this, [this]() {
        m_requested = {};
        Q_EMIT parametersEdited(m_requested);
    });
    setEnabled(false);
}

void ParameterPanel::setModel(const RegistryEntry &entry, const EstimateParams &requested,
                              const EstimateParams &resolved)
{
    m_updating = true;
    m_entry = entry;
    m_requested = requested;
    m_defaults = Estimator::resolve(entry, {});
    m_context->setValue(int(resolved.context.value_or(0)));
    m_batch->setValue(int(resolved.batch.value_or(1)));
    m_ubatch->setValue(int(resolved.ubatch.value_or(resolved.context.value_or(1))));
    m_kvType->setCurrentText(resolved.kvType);
    m_device->setCurrentText(resolved.device);
    m_runtime->setCurrentText(resolved.runtime);
    m_flash->setChecked(resolved.flashAttention.value_or(false));
    m_width->setValue(int(resolved.width.value_or(0)));
    m_height->setValue(int(resolved.height.value_or(0)));
    m_margin->setValue(resolved.marginPct.value_or(10));

    const bool diffusion = entry.kind == QLatin1String("diffusion");
    const bool decoder = entry.kind == QLatin1String("decoder") || entry.kind == QLatin1String("vlm");
    const bool images = diffusion;
    m_kvType->setEnabled(decoder);
    m_flash->setEnabled(!diffusion);
    m_ubatch->setEnabled(!diffusion);
    m_width->setEnabled(images);
    m_height->setEnabled(images);
    m_context->setToolTip(diffusion ? tr("Text-encoder tokens (T5)")
                                    : tr("Tokens per sequence the runtime allocates for"));
    setEnabled(true);
    markChanged();
    m_updating = false;
}

void ParameterPanel::setBusy(bool busy)
{
    m_busy->setText(busy ? tr("Recomputing…") : QString());
}

void ParameterPanel::markChanged()
{
    setBold(m_context, m_requested.context.has_value());
    setBold(m_batch, m_requested.batch.has_value());
    setBold(m_ubatch, m_requested.ubatch.has_value());
    setBold(m_kvType, !m_requested.kvType.isEmpty());
    setBold(m_device, !m_requested.device.isEmpty());
    setBold(m_runtime, !m_requested.runtime.isEmpty());
    setBold(m_flash, m_requested.flashAttention.has_value());
    setBold(m_width, m_requested.width.has_value());
    setBold(m_height, m_requested.height.has_value());
    setBold(m_margin, m_requested.marginPct.has_value());
    m_reset->setEnabled(!m_requested.toJson().isEmpty());
}

void ParameterPanel::edited()
{
    if (m_updating) {
        return;
    }
    EstimateParams p = m_requested;
    // A value equal to the registry default is stored as "default", so later registry changes still apply.
    auto pickInt = [](std::optional<qint64> &field, qint64 value, std::optional<qint64> def) {
        field = (def && *def == value) ? std::nullopt : std::optional<qint64>(value);
    };
    auto pickStr = [](QString &field, const QString &value, const QString &def) {
        field = value == def ? QString() : value;
    };
    QObject *s = sender();
    if (s == m_context) {
        pickInt(p.context, m_context->value(), m_defaults.context);
    } else if (s == m_batch) {
        pickInt(p.batch, m_batch->value(), m_defaults.batch);
    } else if (s == m_ubatch) {
        // The default follows the context (candle: the whole prompt), so compare with what it resolves to now.
        EstimateParams withoutUbatch = p;
        withoutUbatch.ubatch.reset();
        pickInt(p.ubatch, m_ubatch->value(), Estimator::resolve(m_entry, withoutUbatch).ubatch);
    } else if (s == m_width) {
        pickInt(p.width, m_width->value(), m_defaults.width);
    } else if (s == m_height) {
        pickInt(p.height, m_height->value(), m_defaults.height);
    } else if (s == m_kvType) {
        pickStr(p.kvType, m_kvType->currentText(), m_defaults.kvType);
    } else if (s == m_device) {
        pickStr(p.device, m_device->currentText(), m_defaults.device);
    } else if (s == m_runtime) {
        pickStr(p.runtime, m_runtime->currentText(), m_defaults.runtime);
    } else if (s == m_flash) {
        p.flashAttention = m_flash->isChecked() == m_defaults.flashAttention.value_or(false)
                               ? std::nullopt
                               : std::optional<bool>(m_flash->isChecked());
    } else if (s == m_margin) {
        p.marginPct = qFuzzyCompare(m_margin->value(), m_defaults.marginPct.value_or(-1))
                          ? std::nullopt
                          : std::optional<double>(m_margin->value());
    }
    if (p == m_requested) {
        return;
    }
    m_requested = p;
    markChanged();
    Q_EMIT parametersEdited(p);
}

} // namespace memspec::ui
