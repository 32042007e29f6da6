// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exporttext.h"

#include <QIODevice>

namespace memspec::exporttext {

QString statusLabel(const ModelReview &review)
{
    switch (review.status) {
    case ReviewStatus::Approved:
        return QStringLiteral("approved");
    case ReviewStatus::Overridden:
        return QStringLiteral("overridden, not signed off");
    case ReviewStatus::Stale:
        return QStringLiteral("stale (inputs changed since sign-off), not re-approved");
    case ReviewStatus::Estimated:
        break;
    }
    return QStringLiteral("estimated, not signed off");
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
