// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "servingoptions.h"

#include "app/estimate/estimator.h"

namespace memspec {

namespace {

struct Flag
{
    const char *name;
    const char *valueName; // nullptr: a switch
    const char *field;     // the EstimateParams JSON field it sets; nullptr: --resolution (width and height)
    enum Type { Text, Int, Number, OnOff, Switch, Resolution } type;
    const char *description;
};

constexpr Flag kFlags[] = {
    {"context", "N", "context", Flag::Int, "the prompt limit in tokens"},
    {"batch", "N", "batch", Flag::Int, "parallel sequences (images for diffusion)"},
    {"ubatch", "N", "ubatch", Flag::Int, "tokens per forward pass (llama.cpp n_ubatch; candle: the whole prompt)"},
    {"runtime", "R", "runtime", Flag::Text, "candle, llama.cpp or diffusers (default: the model's own profile)"},
    {"device", "D", "device", Flag::Text, "cuda or cpu"},
    {"kv-type", "T", "kv_type", Flag::Text, "the KV cache type: f32, f16, bf16, q8_0 or q4_0"},
    {"compute-dtype", "T", "compute_dtype", Flag::Text, "f32, f16 or bf16: the dtype float weights are loaded in"},
    {"flash-attn", "on|off", "flash_attention", Flag::OnOff, "flash attention"},
    {"margin", "PCT", "margin_pct", Flag::Number, "the safety margin in percent (10 to 20)"},
    {"resolution", "WxH", nullptr, Flag::Resolution, "diffusion: the image size (64 to 16384 pixels a side)"},
    {"width", "PX", "width", Flag::Int, "diffusion: the image width"},
    {"height", "PX", "height", Flag::Int, "diffusion: the image height"},
    {"residency", "R", "residency", Flag::Text, "diffusion: resident or phased"},
    {"offload", "O", "offload", Flag::Text, "diffusers: none, model or sequential"},
    {"drop-t5", nullptr, "drop_t5", Flag::Switch, "diffusion: run without the T5 text encoder"},
};

// One flag's value into *params; an error naming the flag and the value otherwise.
QString take(const Flag &f, const QString &v, QJsonObject *params)
{
    const QString flag = QStringLiteral("--") + QLatin1String(f.name);
    bool ok = true;
    switch (f.type) {
    case Flag::Text:
        params->insert(QLatin1String(f.field), v);
        break;
    case Flag::Int:
        params->insert(QLatin1String(f.field), v.toLongLong(&ok));
        if (!ok) {
            return QStringLiteral("%1 takes a whole number, not \"%2\"").arg(flag, v);
        }
        break;
    case Flag::Number:
        params->insert(QLatin1String(f.field), v.toDouble(&ok));
        if (!ok) {
            return QStringLiteral("%1 takes a number, not \"%2\"").arg(flag, v);
        }
        break;
    case Flag::OnOff:
        if (v != QLatin1String("on") && v != QLatin1String("off")) {
            return QStringLiteral("%1 takes on or off, not \"%2\"").arg(flag, v);
        }
        params->insert(QLatin1String(f.field), v == QLatin1String("on"));
        break;
    case Flag::Switch:
        params->insert(QLatin1String(f.field), true);
        break;
    case Flag::Resolution: {
        const QStringList wh = v.split(QLatin1Char('x'));
        qint64 w = 0;
        qint64 h = 0;
        bool okW = false;
        bool okH = false;
        if (wh.size() == 2) {
            w = wh[0].toLongLong(&okW);
            h = wh[1].toLongLong(&okH);
        }
        if (!okW || !okH) {
            return QStringLiteral("%1 takes WxH (e.g. 1024x1024), not \"%2\"").arg(flag, v);
        }
        params->insert(QStringLiteral("width"), w);
        params->insert(QStringLiteral("height"), h);
        break;
    }
    }
    // The ranges of EstimateParams, reported against the flag that broke them.
    QJsonObject one;
    const QStringList fields =
        f.field ? QStringList{QLatin1String(f.field)} : QStringList{QStringLiteral("width"), QStringLiteral("height")};
    for (const QString &k : fields) {
        one.insert(k, params->value(k));
    }
    auto single = EstimateParams::fromJson(one);
    auto checked = single ? Estimator::validate(single.value()) : Result<EstimateParams>::failure(single.error());
    return checked ? QString() : QStringLiteral("%1 \"%2\": %3").arg(flag, v, checked.error());
}

} // namespace

QList<QCommandLineOption> ServingOptions::options()
{
    QList<QCommandLineOption> out;
    for (const Flag &f : kFlags) {
        out << QCommandLineOption(QLatin1String(f.name), QLatin1String(f.description),
                                  f.valueName ? QLatin1String(f.valueName) : QString());
    }
    return out;
}

Result<QJsonObject> ServingOptions::parse(const QCommandLineParser &args)
{
    QJsonObject params;
    for (const Flag &f : kFlags) {
        const QString name = QLatin1String(f.name);
        if (!args.isSet(name)) {
            continue;
        }
        const QString error = take(f, f.valueName ? args.value(name) : QString(), &params);
        if (!error.isEmpty()) {
            return Result<QJsonObject>::failure(error);
        }
    }
    auto all = EstimateParams::fromJson(params);
    auto valid = all ? Estimator::validate(all.value()) : Result<EstimateParams>::failure(all.error());
    if (!valid) {
        return Result<QJsonObject>::failure(valid.error());
    }
    return params;
}

} // namespace memspec
