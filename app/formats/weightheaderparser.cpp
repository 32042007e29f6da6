// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/weightheaderparser.h"

#include "app/formats/ggufheaderparser.h"
#include "app/formats/safetensorsheaderparser.h"

#include <QFile>
#include <QFileInfo>

namespace memspec {

QString headerError(const QString &fileName, qint64 offset, const QString &what)
{
    return QStringLiteral("%1: byte %2: %3").arg(fileName).arg(offset).arg(what);
}

std::unique_ptr<WeightHeaderParser> WeightHeaderParser::create(const QString &fileName, qint64 fileSize)
{
    if (fileName.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) {
        return std::make_unique<GgufHeaderParser>(fileName, fileSize);
    }
    if (fileName.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive)) {
        return std::make_unique<SafetensorsHeaderParser>(fileName, fileSize);
    }
    return nullptr;
}

Result<WeightHeaderFact> WeightHeaderParser::readFile(const QString &path, const QString &repo)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<WeightHeaderFact>::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    const std::unique_ptr<WeightHeaderParser> parser = create(path, file.size());
    if (!parser) {
        return Result<WeightHeaderFact>::failure(QStringLiteral("%1: not a .safetensors or .gguf file").arg(path));
    }
    qint64 chunk = 1 << 20;
    while (parser->status() == ParseStatus::NeedMore) {
        const qint64 want = std::max(parser->neededUpTo() - parser->bytesFed(), chunk);
        const QByteArray bytes = file.read(want);
        if (bytes.isEmpty()) {
            parser->finish();
            break;
        }
        parser->feed(bytes);
        chunk = std::min<qint64>(chunk * 2, 16 << 20);
    }
    if (parser->status() != ParseStatus::Done) {
        return Result<WeightHeaderFact>::failure(parser->error());
    }
    return parser->fact(repo, QFileInfo(path).fileName());
}

} // namespace memspec
