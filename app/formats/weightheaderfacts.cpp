// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/weightheaderfacts.h"

namespace memspec {

WeightHeaderFact weightHeaderFact(const SafetensorsHeader &header, const QString &repo, const QString &path)
{
    WeightHeaderFact f;
    f.repo = repo;
    f.path = path;
    f.format = QStringLiteral("safetensors");
    f.fileSize = header.fileSize >= 0 ? header.fileSize : header.headerSize + header.dataSize();
    f.headerBytes = header.headerSize;
    f.metadata = header.metadata;
    f.tensors.reserve(header.tensors.size());
    for (const SafetensorsTensor &t : header.tensors) {
        f.tensors.append(TensorFact{t.name, t.dtype, t.shape, t.elements, t.bytes()});
    }
    return f;
}

WeightHeaderFact weightHeaderFact(const GgufHeader &header, const QString &repo, const QString &path)
{
    WeightHeaderFact f;
    f.repo = repo;
    f.path = path;
    f.format = QStringLiteral("gguf");
    f.fileSize = header.fileSize >= 0 ? header.fileSize : header.dataStart + header.tensorBytes();
    f.headerBytes = header.dataStart;
    for (const GgufKeyValue &kv : header.metadata) {
        f.metadata.insert(kv.key, kv.toJson());
    }
    f.tensors.reserve(header.tensors.size());
    for (const GgufTensorInfo &t : header.tensors) {
        TensorFact tf;
        tf.name = t.name;
        tf.dtype = t.typeName;
        for (quint64 d : t.dims) {
            tf.shape.append(qint64(d));
        }
        tf.elements = qint64(t.elements);
        tf.bytes = std::max<qint64>(t.bytes, 0);
        f.tensors.append(std::move(tf));
    }
    return f;
}

} // namespace memspec
