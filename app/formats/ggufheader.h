// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace memspec {

// GGUF metadata value types (gguf.md): ids 0–12.
enum class GgufType : quint32 {
    UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7,
    String = 8, Array = 9, UInt64 = 10, Int64 = 11, Float64 = 12,
};
QString ggufTypeName(GgufType type);   // "UINT32", "STRING", ...

// One metadata key/value. Scalars are held as qulonglong (unsigned), qlonglong (signed), double (floats), bool or
// QString. Arrays hold a QVariantList: the whole array when it has at most kKeepWholeArray elements, otherwise the
// first kArrayHead elements only (arrayComplete = false) — a 160k-token vocabulary is counted, not stored.
//
// A string longer than kMaxKeptString (a value, or an item of a kept array) is skipped, not read: the value is left
// empty with stringLength set (an array holding one stops keeping items there: arrayComplete = false), so a 60 MB
// string costs no memory and, read from the hub, no buffer.
struct GgufKeyValue
{
    static constexpr quint64 kKeepWholeArray = 4096;
    static constexpr quint64 kArrayHead = 16;
    static constexpr quint64 kMaxKeptString = 64 * 1024;

    QString key;
    GgufType type = GgufType::UInt8;
    QVariant value;
    quint64 stringLength = 0;                // strings only: bytes in the file (value is empty beyond kMaxKeptString)
    GgufType elementType = GgufType::UInt8;   // arrays only
    quint64 arrayLength = 0;                 // arrays only: element count
    bool arrayComplete = true;
    qint64 offset = 0;                       // file offset of the key

    bool isInteger() const;
    std::optional<qint64> toInteger() const;   // integer scalars that fit in qint64
    bool stringKept() const { return type != GgufType::String || stringLength <= kMaxKeptString; }
    // Arrays longer than summariseAbove → {"array_length", "element_type"}; strings longer than stringsAbove (or
    // not kept) → {"string_length"}.
    QJsonValue toJson(quint64 summariseAbove = 256, quint64 stringsAbove = kMaxKeptString) const;
};

// One tensor info. dims are in ggml order (ne0 = innermost, the reverse of PyTorch order).
struct GgufTensorInfo
{
    QString name;
    QList<quint64> dims;
    quint32 typeId = 0;
    QString typeName;          // "Q4_K" or "unknown type 99"
    quint64 offset = 0;        // relative to the data start
    quint64 elements = 0;
    qint64 bytes = -1;         // -1: unknown type and nothing to infer from
    bool bytesInferred = false;   // unknown type: size taken from the gap to the next tensor / end of file
    qint64 infoOffset = 0;     // file offset of this tensor info
};

struct GgufSplit
{
    int no = 0;                // 0-based, as stored in split.no
    int count = 0;
    qint64 tensorsCount = 0;   // total across all shards
};

// A parsed GGUF header: metadata and tensor infos, never tensor data.
struct GgufHeader
{
    QString fileName;
    qint64 fileSize = -1;
    quint32 version = 0;
    bool bigEndian = false;
    quint32 alignment = 32;
    qint64 tensorInfoEnd = 0;   // end of the last tensor info (before the alignment padding)
    qint64 dataStart = 0;       // aligned end of the tensor infos = bytes of the file that are header
    QList<GgufKeyValue> metadata;   // file order
    QList<GgufTensorInfo> tensors;  // file order
    std::optional<GgufSplit> split;
    QStringList warnings;

    const GgufKeyValue *find(const QString &key) const;
    QString architecture() const;               // general.architecture
    quint64 parameterCount() const;             // Σ product(dims)
    qint64 tensorBytes() const;                 // Σ known tensor bytes
    QMap<QString, qint64> bytesByType() const;
};

} // namespace memspec

// Moved by memmove when a header's lists grow (every member is relocatable), rather than copied one by one at
// each reallocation: a million key/values cost one move each.
Q_DECLARE_TYPEINFO(memspec::GgufKeyValue, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(memspec::GgufTensorInfo, Q_RELOCATABLE_TYPE);
