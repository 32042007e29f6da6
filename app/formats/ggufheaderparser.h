// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/formats/ggufheader.h"
#include "app/formats/weightheaderparser.h"

#include <QHash>

namespace memspec {

// Incremental GGUF header reader (protocol in weightheaderparser.h). Reads v1 (u32 counts), v2 and v3, little- and
// big-endian (v3 files whose version reads with zero low 16 bits), all 13 metadata value types including nested
// arrays, general.alignment, tensor infos with the full ggml type table (unknown ids become "unknown type N"), and
// the split keys. Each key/value element and each tensor info is read atomically and committed, so a feed() never
// re-reads what an earlier feed() consumed; string arrays are walked element by element and only their first
// GgufKeyValue::kArrayHead items are kept when they are long. Consumed bytes are released as parsing proceeds.
//
// Limits (each a failure naming the file and byte offset): counts and lengths are checked against the bytes the file
// can still hold (the file size when known, else kMaxHeaderBytes) before anything is reserved; ≤ kMaxKeyValues keys,
// ≤ kMaxTensors tensors, keys and tensor names ≤ 65 535 bytes, nested arrays ≤ kMaxArrayDepth deep, ≤ 8 dims,
// duplicate keys rejected, tensor data inside the file when its size is known, no overlapping tensors. At most
// kMaxKeptItems array items are stored per file (later ones are only counted: arrayComplete = false), so memory stays
// proportional to what is kept, not to what the file claims.
class GgufHeaderParser final : public WeightHeaderParser
{
public:
    static constexpr qint64 kMaxHeaderBytes = 256LL * 1024 * 1024;
    static constexpr quint64 kMaxKeyValues = 1'000'000;
    static constexpr quint64 kMaxTensors = 10'000'000;
    static constexpr int kMaxArrayDepth = 8;
    static constexpr int kMaxDims = 8;
    static constexpr quint64 kMaxKeptItems = 1'000'000; // array items stored per file (the rest are counted)

    explicit GgufHeaderParser(QString fileName = QStringLiteral("model.gguf"), qint64 fileSize = -1);
    ~GgufHeaderParser() override;

    ParseStatus feed(const QByteArray &moreBytes) override;
    ParseStatus finish() override;
    ParseStatus status() const override { return m_status; }
    qint64 neededUpTo() const override { return m_needed; }
    qint64 bytesFed() const override { return m_fed; }
    QString error() const override { return m_error; }
    WeightHeaderFact fact(const QString &repo, const QString &path) const override;

    const GgufHeader &header() const { return m_header; }
    Result<GgufHeader> result() const;

    // One-shot: `data` is the whole file or a prefix of it (then pass the real fileSize; -1 = data.size()).
    static Result<GgufHeader> parse(const QByteArray &data, const QString &fileName, qint64 fileSize = -1);

private:
    struct Frame
    {
        GgufType elementType;
        quint64 count;
        quint64 done;
        quint64 keep; // how many items to store
        QVariantList items;
    };
    enum class Phase { Preamble, Key, Array, Tensor, Done };

    ParseStatus run();
    bool stepPreamble();
    bool stepKey();
    bool stepArray();
    bool stepTensor();
    bool finalize();
    void commitKey();
    quint64 minSize(GgufType type) const;
    bool fail(qint64 offset, const QString &what);
    bool needBytes(qint64 from, qint64 count); // false (and sets m_needed) when the buffer ends earlier
    bool checkRoom(qint64 at, quint64 count, quint64 unit, const QString &what);
    const uchar *at(qint64 offset) const;
    quint32 u32(qint64 offset) const;
    quint64 u64(qint64 offset) const;
    quint64 uLen(qint64 offset) const; // u64 (v2+) or u32 (v1) length / count
    int lenWidth() const { return m_header.version == 1 ? 4 : 8; }
    QVariant scalar(GgufType type, qint64 offset) const;
    static int scalarSize(GgufType type);
    QString context() const;

    QString m_fileName;
    qint64 m_fileSize;
    qint64 m_limit;   // bytes the header may span: min(file size, kMaxHeaderBytes)
    QByteArray m_buf; // file bytes [m_base, m_base + size)
    qint64 m_base = 0;
    qint64 m_fed = 0;
    qint64 m_pos = 0; // next unread file offset
    qint64 m_needed = 8;
    ParseStatus m_status = ParseStatus::NeedMore;
    QString m_error;
    Phase m_phase = Phase::Preamble;
    quint64 m_kvCount = 0;
    quint64 m_tensorCount = 0;
    quint64 m_totalElements = 0;
    quint64 m_kept = 0;
    QList<Frame> m_stack;
    GgufKeyValue m_current;
    QHash<QString, qsizetype> m_keyIndex;
    GgufHeader m_header;
};

} // namespace memspec
