// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "estimateparams.h"

namespace memspec {

namespace {
void putStr(QJsonObject &o, const char *k, const QString &v)
{
    if (!v.isEmpty()) {
        o.insert(QLatin1String(k), v);
    }
}
template<typename T>
void putOpt(QJsonObject &o, const char *k, const std::optional<T> &v)
{
    if (v) {
        o.insert(QLatin1String(k), *v);
    }
}
} // namespace

QJsonObject EstimateParams::toJson() const
{
    QJsonObject o;
    putStr(o, "runtime", runtime);
    putStr(o, "device", device);
    putOpt(o, "context", context);
    putOpt(o, "batch", batch);
    putOpt(o, "ubatch", ubatch);
    putStr(o, "kv_type", kvType);
    putStr(o, "compute_dtype", computeDtype);
    putOpt(o, "flash_attention", flashAttention);
    putOpt(o, "width", width);
    putOpt(o, "height", height);
    putOpt(o, "margin_pct", marginPct);
    putStr(o, "residency", residency);
    putStr(o, "offload", offload);
    putOpt(o, "drop_t5", dropT5);
    return o;
}

Result<EstimateParams> EstimateParams::fromJson(const QJsonObject &o)
{
    EstimateParams p;
    QString err;
    auto str = [&](const char *k) {
        const QJsonValue v = o.value(QLatin1String(k));
        if (!v.isUndefined() && !v.isString() && err.isEmpty()) {
            err = QStringLiteral("parameter \"%1\" must be a string").arg(QLatin1String(k));
        }
        return v.toString();
    };
    auto num = [&](const char *k, qint64 min, qint64 max) -> std::optional<qint64> {
        const QJsonValue v = o.value(QLatin1String(k));
        if (v.isUndefined()) {
            return std::nullopt;
        }
        if (!v.isDouble() || v.toDouble() < double(min) || v.toDouble() > double(max)) {
            if (err.isEmpty()) {
                err = QStringLiteral("parameter \"%1\" must be a number from %2 to %3")
                          .arg(QLatin1String(k))
                          .arg(min)
                          .arg(max);
            }
            return std::nullopt;
        }
        return qint64(v.toDouble());
    };
    p.runtime = str("runtime");
    p.device = str("device");
    p.context = num("context", 1, qint64(1) << 24);
    p.batch = num("batch", 1, 4096);
    p.ubatch = num("ubatch", 1, qint64(1) << 24);
    p.kvType = str("kv_type");
    p.computeDtype = str("compute_dtype");
    if (o.contains(QLatin1String("flash_attention"))) {
        p.flashAttention = o.value(QLatin1String("flash_attention")).toBool();
    }
    p.width = num("width", 64, 16384);
    p.height = num("height", 64, 16384);
    if (o.contains(QLatin1String("margin_pct"))) {
        const double m = o.value(QLatin1String("margin_pct")).toDouble(-1);
        if (m < 0 || m > 100) {
            err = QStringLiteral("parameter \"margin_pct\" must be a number from 0 to 100");
        }
        p.marginPct = m;
    }
    p.residency = str("residency");
    p.offload = str("offload");
    if (o.contains(QLatin1String("drop_t5"))) {
        p.dropT5 = o.value(QLatin1String("drop_t5")).toBool();
    }
    if (!err.isEmpty()) {
        return Result<EstimateParams>::failure(err);
    }
    return p;
}

} // namespace memspec
