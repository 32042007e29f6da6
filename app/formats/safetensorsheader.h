// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace memspec {

// One tensor entry of a safetensors header. Offsets are relative to the data region (file offset 8 + N).
struct SafetensorsTensor
{
    QString name;
    QString dtype;       // as written ("F16", "F8_E4M3", or an unknown string kept as is)
    QList<qint64> shape; // PyTorch order; [] is a scalar (1 element)
    qint64 elements = 0;
    qint64 begin = 0;
    qint64 end = 0; // exclusive
    qint64 bytes() const { return end - begin; }
};

// A parsed safetensors header (the JSON part of the file, never the data).
struct SafetensorsHeader
{
    QString fileName;
    qint64 fileSize = -1;             // -1: unknown
    qint64 headerSize = 0;            // 8 + N: file offset of the data region
    QList<SafetensorsTensor> tensors; // sorted by data offset (BEGIN), then name
    QJsonObject metadata;             // __metadata__ (string → string)
    QStringList warnings; // tolerated oddities (holes in the data region, non-string metadata, unknown dtypes)

    qint64 dataSize() const;       // largest END (the data region actually described)
    qint64 parameterCount() const; // Σ elements (a scalar counts 1, as huggingface_hub does)
    QMap<QString, qint64> parametersByDtype() const;
    QMap<QString, qint64> bytesByDtype() const;

    // Bits per element of a safetensors dtype (BOOL, U8, I8, F4, F6_E2M3, F6_E3M2, F8_E5M2, F8_E4M3, F8_E8M0,
    // F8_E4M3FNUZ, F8_E5M2FNUZ, I16, U16, F16, BF16, I32, U32, F32, I64, U64, F64, C64; also the spellings FP4,
    // E8M0, UE8 seen in the wild); 0 when unknown.
    static int dtypeBits(const QString &dtype);
};

} // namespace memspec
