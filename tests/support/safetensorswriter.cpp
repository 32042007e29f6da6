// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/safetensorswriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace memspec::fixtures {

namespace {

QByteArray jsonString(const QString &s)
{
    // QJsonDocument escapes exactly as JSON requires; strip the surrounding array brackets.
    const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

void appendLe64(QByteArray &out, quint64 v)
{
    for (int i = 0; i < 8; ++i) {
        out.append(char((v >> (8 * i)) & 0xff));
    }
}

} // namespace

int SafetensorsWriter::dtypeBits(const QString &dtype)
{
    static const QList<std::pair<QLatin1String, int>> table = {
        {QLatin1String("BOOL"), 8},        {QLatin1String("F4"), 4},          {QLatin1String("F6_E2M3"), 6},
        {QLatin1String("F6_E3M2"), 6},     {QLatin1String("U8"), 8},          {QLatin1String("I8"), 8},
        {QLatin1String("F8_E5M2"), 8},     {QLatin1String("F8_E4M3"), 8},     {QLatin1String("F8_E8M0"), 8},
        {QLatin1String("F8_E4M3FNUZ"), 8}, {QLatin1String("F8_E5M2FNUZ"), 8}, {QLatin1String("I16"), 16},
        {QLatin1String("U16"), 16},        {QLatin1String("F16"), 16},        {QLatin1String("BF16"), 16},
        {QLatin1String("I32"), 32},        {QLatin1String("U32"), 32},        {QLatin1String("F32"), 32},
        {QLatin1String("I64"), 64},        {QLatin1String("U64"), 64},        {QLatin1String("F64"), 64},
        {QLatin1String("C64"), 64},
    };
    for (const auto &[name, bits] : table) {
        if (dtype == name) {
            return bits;
        }
    }
    return 0;
}

bool SafetensorsWriter::addTensor(const QString &name, const QString &dtype, const QList<qint64> &shape)
{
    const int bits = dtypeBits(dtype);
    if (bits == 0) {
        return false;
    }
    qint64 elements = 1;
    for (qint64 d : shape) {
        elements *= d;
    }
    if ((elements * bits) % 8 != 0) {
        return false;
    }
    addTensorWithBytes(name, dtype, shape, elements * bits / 8);
    return true;
}

void SafetensorsWriter::addTensorWithBytes(const QString &name, const QString &dtype, const QList<qint64> &shape,
                                           qint64 bytes)
{
    m_tensors.append(Tensor{name, dtype, shape, m_nextOffset, m_nextOffset + bytes});
    m_nextOffset += bytes;
}

void SafetensorsWriter::setMetadata(const QString &key, const QString &value)
{
    for (auto &kv : m_metadata) {
        if (kv.first == key) {
            kv.second = value;
            return;
        }
    }
    m_metadata.append({key, value});
}

QByteArray SafetensorsWriter::headerBytes() const
{
    QByteArray json = m_rawJson;
    if (json.isNull()) {
        json = "{";
        bool first = true;
        if (!m_metadata.isEmpty()) {
            json += "\"__metadata__\":{";
            for (qsizetype i = 0; i < m_metadata.size(); ++i) {
                if (i > 0) {
                    json += ',';
                }
                json += jsonString(m_metadata[i].first) + ':' + jsonString(m_metadata[i].second);
            }
            json += '}';
            first = false;
        }
        for (const Tensor &t : m_tensors) {
            if (!first) {
                json += ',';
            }
            first = false;
            json += jsonString(t.name) + ":{\"dtype\":" + jsonString(t.dtype) + ",\"shape\":[";
            for (qsizetype i = 0; i < t.shape.size(); ++i) {
                if (i > 0) {
                    json += ',';
                }
                json += QByteArray::number(t.shape[i]);
            }
            json += "],\"data_offsets\":[" + QByteArray::number(t.begin) + ',' + QByteArray::number(t.end) + "]}";
        }
        json += '}';
        while ((8 + json.size()) % 8 != 0) {
            json += ' ';
        }
    }
    QByteArray out;
    out.reserve(8 + json.size());
    appendLe64(out, quint64(json.size()));
    out += json;
    return out;
}

qint64 SafetensorsWriter::dataSize() const
{
    return m_nextOffset;
}

qint64 SafetensorsWriter::fileSize() const
{
    return headerBytes().size() + dataSize();
}

QByteArray SafetensorsWriter::fileBytes() const
{
    QByteArray out = headerBytes();
    out.append(QByteArray(dataSize(), '\0'));
    return out;
}

bool SafetensorsWriter::writeFile(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    const QByteArray head = headerBytes();
    if (f.write(head) != head.size()) {
        return false;
    }
    // resize() extends with zeros (sparse on most file systems) instead of writing the data region.
    return f.resize(head.size() + dataSize());
}

QByteArray SafetensorsWriter::indexJson(const QList<std::pair<QString, const SafetensorsWriter *>> &shards)
{
    qint64 total = 0;
    QByteArray map;
    for (const auto &[file, writer] : shards) {
        total += writer->dataSize();
        for (const Tensor &t : writer->tensors()) {
            if (!map.isEmpty()) {
                map += ",\n    ";
            }
            map += jsonString(t.name) + ": " + jsonString(file);
        }
    }
    return "{\n  \"metadata\": {\"total_size\": " + QByteArray::number(total) + "},\n  \"weight_map\": {\n    " + map +
           "\n  }\n}\n";
}

} // namespace memspec::fixtures
