// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "envelope.h"

#include "app/common/units.h"
#include "app/registry/registryentry.h"

namespace memspec {

bool Envelope::adjustableFor(const RegistryEntry &entry)
{
    return entry.kind == QLatin1String("encoder") || entry.kind == QLatin1String("decoder") ||
           entry.kind == QLatin1String("vlm");
}

Envelope Envelope::of(const RegistryEntry &entry, const Estimate &estimate)
{
    const EstimateParams &p = estimate.parameters;
    Envelope e;
    e.promptLimit = p.context.value_or(0);
    e.prefillChunk = p.ubatch.value_or(e.promptLimit);
    e.flashAttention = p.flashAttention.value_or(false);
    e.kvType = p.kvType;
    e.adjustable = adjustableFor(entry);
    return e;
}

QString Envelope::promptLimitText() const
{
    const QString tokens = QStringLiteral("%1 tokens").arg(groupDigits(promptLimit));
    return adjustable ? tokens : tokens + QStringLiteral(" (fixed by the model)");
}

QString Envelope::describe() const
{
    QString s = QStringLiteral("prompt limit ") + promptLimitText();
    if (adjustable) {
        s += QStringLiteral(", prefill chunk %1, flash attention %2")
                 .arg(groupDigits(prefillChunk), flashAttention ? QStringLiteral("on") : QStringLiteral("off"));
        if (!kvType.isEmpty()) {
            s += QStringLiteral(", KV ") + kvType;
        }
    }
    return s;
}

QJsonObject Envelope::toJson() const
{
    return {{QStringLiteral("prompt_limit"), promptLimit},
            {QStringLiteral("prefill_chunk"), prefillChunk},
            {QStringLiteral("flash_attention"), flashAttention},
            {QStringLiteral("kv_type"), kvType},
            {QStringLiteral("adjustable"), adjustable}};
}

QList<qint64> EnvelopeCurve::points(qint64 maxTokens)
{
    QList<qint64> out;
    for (qint64 t = 512; t < maxTokens; t *= 2) {
        out << t;
    }
    if (maxTokens > 0) {
        out << maxTokens;
    }
    return out;
}

QList<EnvelopePoint> EnvelopeCurve::compute(qint64 maxTokens, const std::function<Estimate(qint64)> &estimateAt)
{
    QList<EnvelopePoint> out;
    for (const qint64 t : points(maxTokens)) {
        out << EnvelopePoint{t, estimateAt(t)};
    }
    return out;
}

int EnvelopeCurve::firstDecrease(const QList<EnvelopePoint> &curve)
{
    for (qsizetype i = 1; i < curve.size(); ++i) {
        if (curve.at(i).estimate.totalBytes < curve.at(i - 1).estimate.totalBytes) {
            return int(i);
        }
    }
    return -1;
}

} // namespace memspec
