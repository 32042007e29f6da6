// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/ggufwriter.h"

#include <QFile>

#include <cstring>

namespace memspec::fixtures {

namespace {

template<typename T>
void appendLe(QByteArray &out, T v)
{
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T)); // the build hosts are little-endian
    out.append(reinterpret_cast<const char *>(b), sizeof(T));
}

void appendString(QByteArray &out, const QByteArray &s)
{
    appendLe<quint64>(out, quint64(s.size()));
    out.append(s);
}

template<typename T>
QByteArray le(T v)
{
    QByteArray out;
    appendLe<T>(out, v);
    return out;
}

struct TypeSize
{
    int block;
    int bytes;
};

// ggml type id -> (block elements, bytes per block); {0,0} for removed ids.
constexpr TypeSize kTypeSizes[] = {
    {1, 4},    {1, 2},    {32, 18},   {32, 20},   {0, 0},     {0, 0},     {32, 22},   {32, 24},  {32, 34},
    {32, 36},  {256, 84}, {256, 110}, {256, 144}, {256, 176}, {256, 210}, {256, 292}, {256, 66}, {256, 74},
    {256, 98}, {256, 50}, {32, 18},   {256, 110}, {256, 82},  {256, 136}, {1, 1},     {1, 2},    {1, 4},
    {1, 8},    {1, 8},    {256, 56},  {1, 2},     {0, 0},     {0, 0},     {0, 0},     {256, 54}, {256, 66},
    {0, 0},    {0, 0},    {0, 0},     {32, 17},   {64, 36},   {128, 18},  {64, 18},
};

} // namespace

GgufValue GgufValue::uint8(quint8 v)
{
    return {UInt8, le(v)};
}
GgufValue GgufValue::int8(qint8 v)
{
    return {Int8, le(v)};
}
GgufValue GgufValue::uint16(quint16 v)
{
    return {UInt16, le(v)};
}
GgufValue GgufValue::int16(qint16 v)
{
    return {Int16, le(v)};
}
GgufValue GgufValue::uint32(quint32 v)
{
    return {UInt32, le(v)};
}
GgufValue GgufValue::int32(qint32 v)
{
    return {Int32, le(v)};
}
GgufValue GgufValue::float32(float v)
{
    return {Float32, le(v)};
}
GgufValue GgufValue::boolean(bool v)
{
    return {Bool, le<quint8>(v ? 1 : 0)};
}
GgufValue GgufValue::uint64(quint64 v)
{
    return {UInt64, le(v)};
}
GgufValue GgufValue::int64(qint64 v)
{
    return {Int64, le(v)};
}
GgufValue GgufValue::float64(double v)
{
    return {Float64, le(v)};
}

GgufValue GgufValue::string(const QByteArray &utf8)
{
    QByteArray p;
    appendString(p, utf8);
    return {String, p};
}

GgufValue GgufValue::array(Type elementType, const QList<GgufValue> &items)
{
    QByteArray p;
    appendLe<quint32>(p, elementType);
    appendLe<quint64>(p, quint64(items.size()));
    for (const GgufValue &v : items) {
        // An array element of type Array carries its own element type and count in its payload.
        p.append(v.payload());
    }
    return {Array, p};
}

GgufValue GgufValue::stringArray(const QStringList &items)
{
    QByteArray p;
    appendLe<quint32>(p, String);
    appendLe<quint64>(p, quint64(items.size()));
    for (const QString &s : items) {
        appendString(p, s.toUtf8());
    }
    return {Array, p};
}

GgufValue GgufValue::int32Array(const QList<qint32> &items)
{
    QByteArray p;
    appendLe<quint32>(p, Int32);
    appendLe<quint64>(p, quint64(items.size()));
    for (qint32 v : items) {
        appendLe(p, v);
    }
    return {Array, p};
}

GgufValue GgufValue::float32Array(const QList<float> &items)
{
    QByteArray p;
    appendLe<quint32>(p, Float32);
    appendLe<quint64>(p, quint64(items.size()));
    for (float v : items) {
        appendLe(p, v);
    }
    return {Array, p};
}

void GgufWriter::add(const QString &key, const GgufValue &value)
{
    appendString(m_kvBytes, key.toUtf8());
    appendLe<quint32>(m_kvBytes, value.type());
    m_kvBytes.append(value.payload());
    ++m_kvCount;
}

void GgufWriter::setAlignment(quint32 alignment)
{
    m_alignment = alignment;
    add(QStringLiteral("general.alignment"), GgufValue::uint32(alignment));
}

void GgufWriter::setSplit(quint16 no, quint16 count, qint32 tensorsCount)
{
    add(QStringLiteral("split.no"), GgufValue::uint16(no));
    add(QStringLiteral("split.count"), GgufValue::uint16(count));
    add(QStringLiteral("split.tensors.count"), GgufValue::int32(tensorsCount));
}

qint64 GgufWriter::tensorBytes(quint32 ggmlType, const QList<quint64> &dims)
{
    if (ggmlType >= std::size(kTypeSizes) || kTypeSizes[ggmlType].block == 0) {
        return -1;
    }
    const TypeSize ts = kTypeSizes[ggmlType];
    const quint64 ne0 = dims.isEmpty() ? 1 : dims[0];
    if (ne0 % quint64(ts.block) != 0) {
        return -1;
    }
    quint64 rows = 1;
    for (qsizetype i = 1; i < dims.size(); ++i) {
        rows *= dims[i];
    }
    return qint64(ne0 / quint64(ts.block) * quint64(ts.bytes) * rows);
}

bool GgufWriter::addTensor(const QString &name, const QList<quint64> &dims, quint32 ggmlType)
{
    const qint64 bytes = tensorBytes(ggmlType, dims);
    if (bytes < 0) {
        return false;
    }
    addTensorWithBytes(name, dims, ggmlType, bytes);
    return true;
}

void GgufWriter::addTensorWithBytes(const QString &name, const QList<quint64> &dims, quint32 ggmlType, qint64 bytes)
{
    const qint64 a = m_alignment == 0 ? 1 : qint64(m_alignment);
    const qint64 offset = (m_dataEnd + a - 1) / a * a;
    appendString(m_tensorInfos, name.toUtf8());
    appendLe<quint32>(m_tensorInfos, quint32(dims.size()));
    for (quint64 d : dims) {
        appendLe<quint64>(m_tensorInfos, d);
    }
    appendLe<quint32>(m_tensorInfos, ggmlType);
    appendLe<quint64>(m_tensorInfos, quint64(offset));
    m_dataEnd = offset + bytes;
    ++m_tensorCount;
}

QByteArray GgufWriter::headerBytes() const
{
    QByteArray out("GGUF");
    appendLe<quint32>(out, m_version);
    appendLe<quint64>(out, m_tensorCount);
    appendLe<quint64>(out, m_kvCount);
    out.append(m_kvBytes);
    out.append(m_tensorInfos);
    const qint64 a = m_alignment == 0 ? 1 : qint64(m_alignment);
    const qint64 padded = (out.size() + a - 1) / a * a;
    out.append(QByteArray(padded - out.size(), '\0'));
    return out;
}

qint64 GgufWriter::dataSize() const
{
    return m_dataEnd;
}

qint64 GgufWriter::fileSize() const
{
    return headerBytes().size() + dataSize();
}

QByteArray GgufWriter::fileBytes() const
{
    QByteArray out = headerBytes();
    out.append(QByteArray(dataSize(), '\0'));
    return out;
}

bool GgufWriter::writeFile(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    const QByteArray head = headerBytes();
    if (f.write(head) != head.size()) {
        return false;
    }
    return f.resize(head.size() + dataSize());
}

} // namespace memspec::fixtures
