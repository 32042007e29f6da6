// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exporttext.h"

#include "app/budget/gpucatalog.h"
#include "app/budget/poolrule.h"
#include "app/estimate/envelope.h"
#include "app/review/statuswords.h"

#include <QIODevice>

namespace memspec::exporttext {

QString statusLabel(const ModelReview &review)
{
    return reviewStatusSummary(review.status);
}

QString huggingFaceUrl(const QString &repo)
{
    return QStringLiteral("https://huggingface.co/") + repo;
}

QString cell(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('|'), QLatin1String("\\|"));
    out.replace(QLatin1String("\r\n"), QLatin1String(" "));
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return out;
}

qint64 promptLimitTokens(const ModelReview &review)
{
    return Envelope::of(review.entry, review.estimate).promptLimit;
}

bool hostRamOnly(qint64 mib)
{
    static const qint64 largest = []() {
        qint64 most = 0;
        if (auto catalog = GpuCatalog::bundled()) {
            for (const GpuModel &g : catalog->gpus()) {
                if (g.kind == QLatin1String("gpu")) {
                    most = std::max(most, g.mib());
                }
            }
        }
        return most;
    }();
    return largest > 0 && mib > PoolRule::limitMib(largest);
}

QString promptLimit(const ModelReview &review)
{
    QString text = Envelope::of(review.entry, review.estimate).promptLimitText();
    if (hostRamOnly(review.effectiveMib())) {
        text += QStringLiteral("; host-RAM-only");
    }
    return text;
}

Result<Done> writeAll(QIODevice *device, const QByteArray &bytes, const QString &name)
{
    if (!device || !device->isWritable()) {
        return Result<Done>::failure(QStringLiteral("%1: not open for writing").arg(name));
    }
    if (device->write(bytes) != bytes.size()) {
        return Result<Done>::failure(QStringLiteral("%1: write failed: %2").arg(name, device->errorString()));
    }
    return Done{};
}

} // namespace memspec::exporttext
