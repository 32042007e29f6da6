// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/formats/safetensorsheader.h"
#include "app/formats/weightheaderparser.h"

namespace memspec {

// Incremental safetensors header reader (protocol in weightheaderparser.h): it needs bytes up to 8 first, then up
// to 8 + N. N is checked (≤ 100 MB, ≥ 2, 8 + N ≤ file size when known) before anything is reserved. The JSON is then
// validated: every entry has a dtype string, a shape of non-negative integers and data_offsets [BEGIN, END] with
// BEGIN ≤ END inside the data region; ranges do not overlap; END − BEGIN = elements × bits(dtype) / 8 for known
// dtypes. Unknown dtypes are kept as opaque strings (a warning). Errors name the file and a byte offset (the
// position of the offending tensor name in the file when it can be found).
class SafetensorsHeaderParser final : public WeightHeaderParser
{
public:
    static constexpr qint64 kMaxHeaderBytes = 100'000'000; // the format's limit

    explicit SafetensorsHeaderParser(QString fileName = QStringLiteral("model.safetensors"), qint64 fileSize = -1);
    ~SafetensorsHeaderParser() override;

    ParseStatus feed(const QByteArray &moreBytes) override;
    ParseStatus finish() override;
    ParseStatus status() const override { return m_status; }
    qint64 neededUpTo() const override { return m_needed; }
    qint64 bytesFed() const override { return m_fed; }
    QString error() const override { return m_error; }
    WeightHeaderFact fact(const QString &repo, const QString &path) const override;

    const SafetensorsHeader &header() const { return m_header; }
    Result<SafetensorsHeader> result() const;

    // One-shot: `data` is the whole file or a prefix of it (then pass the real fileSize; -1 = data.size()).
    static Result<SafetensorsHeader> parse(const QByteArray &data, const QString &fileName, qint64 fileSize = -1);

private:
    ParseStatus fail(qint64 offset, const QString &what);
    ParseStatus parseJson();
    qint64 offsetOfName(const QString &name) const;

    QString m_fileName;
    qint64 m_fileSize;
    QByteArray m_buf;
    qint64 m_fed = 0;
    qint64 m_needed = 8;
    ParseStatus m_status = ParseStatus::NeedMore;
    QString m_error;
    SafetensorsHeader m_header;
};

} // namespace memspec
