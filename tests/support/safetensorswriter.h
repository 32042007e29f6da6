// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace memspec::fixtures {

// Builds safetensors files for tests and the mock hub (no downloads: every fixture is generated).
//
//   SafetensorsWriter w;
//   w.addTensor(QStringLiteral("embed.weight"), QStringLiteral("F16"), {32000, 4096});
//   w.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
//   w.writeFile(path);                    // 8-byte LE length + JSON header + zero-filled data
//   // or serve a "virtual" file: header bytes, then fileSize() - headerBytes().size() zero bytes
//   QByteArray head = w.headerBytes();
//   qint64 total = w.fileSize();
//
// Tensors are laid out contiguously in insertion order (data_offsets start at 0). The JSON header is padded with
// spaces so that 8 + N is a multiple of 8, as the reference Rust writer does. `__metadata__` is written first when
// set. Byte sizes come from the dtype table of the spec (F4 = 4 bits, F6_* = 6 bits, F8_* = 8 bits ...); a dtype the
// writer does not know needs an explicit byte size (addTensorWithBytes), which is also how tests build corrupt
// files (a size that does not match the shape).
class SafetensorsWriter final
{
public:
    struct Tensor
    {
        QString name;
        QString dtype;
        QList<qint64> shape;
        qint64 begin = 0;
        qint64 end = 0;
    };

    // Appends a tensor; its byte size is elements × bits(dtype) / 8. Returns false (and adds nothing) when the dtype
    // is unknown or the size is not a whole number of bytes.
    bool addTensor(const QString &name, const QString &dtype, const QList<qint64> &shape);
    // Appends a tensor with an explicit byte size (unknown dtypes, deliberately inconsistent fixtures).
    void addTensorWithBytes(const QString &name, const QString &dtype, const QList<qint64> &shape, qint64 bytes);
    // Adds or replaces one `__metadata__` entry (values are strings, as the format requires).
    void setMetadata(const QString &key, const QString &value);
    // Replaces the generated JSON with these bytes verbatim (hostile-input tests); data size stays as computed.
    void setRawJson(const QByteArray &json) { m_rawJson = json; }

    // 8-byte little-endian length followed by the (padded) JSON header.
    QByteArray headerBytes() const;
    // Bytes of the data region (sum of tensor sizes).
    qint64 dataSize() const;
    // headerBytes().size() + dataSize().
    qint64 fileSize() const;
    // The whole file: header followed by zero-filled data. Only for small fixtures.
    QByteArray fileBytes() const;
    // Writes the whole file (data zero-filled, written sparsely in chunks). Returns false on an I/O error.
    bool writeFile(const QString &path) const;

    const QList<Tensor> &tensors() const { return m_tensors; }

    // Bits per element of a safetensors dtype, 0 when unknown.
    static int dtypeBits(const QString &dtype);

    // `model.safetensors.index.json` for shards given as (file name, writer): weight_map in shard order and
    // metadata.total_size = sum of the shards' data sizes.
    static QByteArray indexJson(const QList<std::pair<QString, const SafetensorsWriter *>> &shards);

private:
    QList<Tensor> m_tensors;
    QList<std::pair<QString, QString>> m_metadata;
    QByteArray m_rawJson;
    qint64 m_nextOffset = 0;
};

} // namespace memspec::fixtures
