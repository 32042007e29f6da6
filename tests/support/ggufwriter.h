// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec::fixtures {

// One GGUF metadata value, already encoded (little-endian, v2/v3 layout: u64 string lengths and array counts).
// Build with the static constructors; arrays may nest (array(GgufValue::Array, {array(...), ...})).
class GgufValue final
{
public:
    enum Type : quint32 {
        UInt8 = 0,
        Int8 = 1,
        UInt16 = 2,
        Int16 = 3,
        UInt32 = 4,
        Int32 = 5,
        Float32 = 6,
        Bool = 7,
        String = 8,
        Array = 9,
        UInt64 = 10,
        Int64 = 11,
        Float64 = 12,
    };

    static GgufValue uint8(quint8 v);
    static GgufValue int8(qint8 v);
    static GgufValue uint16(quint16 v);
    static GgufValue int16(qint16 v);
    static GgufValue uint32(quint32 v);
    static GgufValue int32(qint32 v);
    static GgufValue float32(float v);
    static GgufValue boolean(bool v);
    static GgufValue string(const QByteArray &utf8);
    static GgufValue string(const QString &s) { return string(s.toUtf8()); }
    static GgufValue uint64(quint64 v);
    static GgufValue int64(qint64 v);
    static GgufValue float64(double v);
    // Array of values that all have type elementType (nested arrays: elementType = Array).
    static GgufValue array(Type elementType, const QList<GgufValue> &items);
    // Fast paths for big tokenizer arrays.
    static GgufValue stringArray(const QStringList &items);
    static GgufValue int32Array(const QList<qint32> &items);
    static GgufValue float32Array(const QList<float> &items);

    Type type() const { return m_type; }
    const QByteArray &payload() const { return m_payload; } // encoded value without the type tag

private:
    GgufValue(Type t, QByteArray payload) : m_type(t), m_payload(std::move(payload)) {}
    Type m_type;
    QByteArray m_payload;
};

// Builds GGUF files (v2 or v3, little-endian) for tests and the mock hub.
//
//   GgufWriter w(3);
//   w.add(QStringLiteral("general.architecture"), GgufValue::string(QStringLiteral("llama")));
//   w.add(QStringLiteral("tokenizer.ggml.tokens"), GgufValue::stringArray(tokens));
//   w.setAlignment(64);                        // writes general.alignment (u32) at this point of the KV list
//   w.setSplit(0, 2, 5);                       // split.no (u16), split.count (u16), split.tensors.count (i32)
//   w.addTensor(QStringLiteral("token_embd.weight"), {4096, 32000}, GgmlType::Q4_K);   // dims in ggml order
//   w.writeFile(path);                          // header + padding + zero-filled tensor data
//   // or serve a virtual file: headerBytes() (ends at the aligned data start), then dataSize() zero bytes.
//
// Tensor offsets are assigned in insertion order, each aligned to the alignment (default 32). Tensor byte sizes
// come from the ggml type table (ids 0–42, removed ids have no size); an unknown or removed type needs
// addTensorWithBytes.
class GgufWriter final
{
public:
    // A few ggml type ids by name, for readability in tests (the reader has the full table).
    enum GgmlType : quint32 {
        F32 = 0,
        F16 = 1,
        Q4_0 = 2,
        Q4_1 = 3,
        Q5_0 = 6,
        Q5_1 = 7,
        Q8_0 = 8,
        Q8_1 = 9,
        Q2_K = 10,
        Q3_K = 11,
        Q4_K = 12,
        Q5_K = 13,
        Q6_K = 14,
        Q8_K = 15,
        IQ4_XS = 23,
        I8 = 24,
        I32 = 26,
        BF16 = 30,
        MXFP4 = 39,
    };

    explicit GgufWriter(quint32 version = 3) : m_version(version) {}

    void add(const QString &key, const GgufValue &value);
    void setAlignment(quint32 alignment);
    void setSplit(quint16 no, quint16 count, qint32 tensorsCount);
    // Appends a tensor; returns false (adds nothing) when the type has no known size or ne0 is not a multiple of
    // the block size.
    bool addTensor(const QString &name, const QList<quint64> &dims, quint32 ggmlType);
    void addTensorWithBytes(const QString &name, const QList<quint64> &dims, quint32 ggmlType, qint64 bytes);

    // Everything up to the aligned start of the tensor data (magic, counts, KVs, tensor infos, padding).
    QByteArray headerBytes() const;
    // Bytes from the data start to the end of the last tensor.
    qint64 dataSize() const;
    qint64 fileSize() const;
    QByteArray fileBytes() const; // small fixtures only
    bool writeFile(const QString &path) const;

    // Bytes of a tensor of this type and shape, -1 when the type has no known size or ne0 does not fit the block.
    static qint64 tensorBytes(quint32 ggmlType, const QList<quint64> &dims);

private:
    quint32 m_version;
    quint32 m_alignment = 32;
    quint64 m_kvCount = 0;
    QByteArray m_kvBytes;
    QByteArray m_tensorInfos;
    quint64 m_tensorCount = 0;
    qint64 m_dataEnd = 0;
};

} // namespace memspec::fixtures
