// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/ggufheaderparser.h"

#include "app/formats/ggmltype.h"
#include "app/formats/weightheaderfacts.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace memspec {

GgufHeaderParser::GgufHeaderParser(QString fileName, qint64 fileSize)
    : m_fileName(std::move(fileName)), m_fileSize(fileSize),
      m_limit(fileSize >= 0 ? std::min(fileSize, kMaxHeaderBytes) : kMaxHeaderBytes)
{
    m_header.fileName = m_fileName;
    m_header.fileSize = fileSize;
}

GgufHeaderParser::~GgufHeaderParser() = default;

ParseStatus GgufHeaderParser::feed(const QByteArray &moreBytes)
{
    if (m_status != ParseStatus::NeedMore) {
        return m_status;
    }
    m_buf.append(moreBytes);
    m_fed += moreBytes.size();
    return run();
}

ParseStatus GgufHeaderParser::finish()
{
    if (m_status == ParseStatus::NeedMore) {
        fail(m_fed, QStringLiteral("file ends inside %1 (it needs bytes up to %2)").arg(context()).arg(m_needed));
    }
    return m_status;
}

ParseStatus GgufHeaderParser::run()
{
    bool progress = true;
    while (progress && m_status == ParseStatus::NeedMore) {
        switch (m_phase) {
        case Phase::Preamble:
            progress = stepPreamble();
            break;
        case Phase::Key:
            progress = stepKey();
            break;
        case Phase::Array:
            progress = stepArray();
            break;
        case Phase::Tensor:
            progress = stepTensor();
            break;
        case Phase::Done:
            progress = false;
            break;
        }
    }
    if (m_status == ParseStatus::NeedMore && m_needed > m_limit) {
        if (m_fileSize >= 0 && m_needed > m_fileSize) {
            fail(m_pos, QStringLiteral("file is truncated: %1 needs bytes up to %2 but the file has %3")
                            .arg(context())
                            .arg(m_needed)
                            .arg(m_fileSize));
        } else {
            fail(m_pos, QStringLiteral("header is larger than the %1 MB limit").arg(kMaxHeaderBytes >> 20));
        }
    }
    if (m_status != ParseStatus::NeedMore) {
        m_buf = QByteArray();
        m_base = m_fed;
    } else if (m_pos - m_base > (1 << 20)) {
        // Release what has been consumed; the rest of the buffer is kept for the next item.
        const qint64 drop = std::min(m_pos, m_fed) - m_base;
        m_buf.remove(0, qsizetype(drop));
        m_base += drop;
    }
    return m_status;
}

bool GgufHeaderParser::stepPreamble()
{
    if (!needBytes(0, 8)) {
        return false;
    }
    if (std::memcmp(at(0), "GGUF", 4) != 0) {
        return fail(0, QStringLiteral("not a GGUF file (the first 4 bytes are not \"GGUF\")"));
    }
    quint32 version = qFromLittleEndian<quint32>(at(4));
    if (version != 0 && (version & 0xFFFF) == 0) {
        m_header.bigEndian = true;
        version = qbswap(version);
    }
    if (version < 1 || version > 3) {
        return fail(4, QStringLiteral("unsupported GGUF version %1").arg(version));
    }
    m_header.version = version;
    const int cw = lenWidth();
    const qint64 end = 8 + 2 * cw;
    if (!needBytes(0, end)) {
        return false;
    }
    m_tensorCount = uLen(8);
    m_kvCount = uLen(8 + cw);
    if (m_tensorCount > kMaxTensors) {
        return fail(8, QStringLiteral("tensor count %1 exceeds %2").arg(m_tensorCount).arg(kMaxTensors));
    }
    if (m_kvCount > kMaxKeyValues) {
        return fail(8 + cw, QStringLiteral("key/value count %1 exceeds %2").arg(m_kvCount).arg(kMaxKeyValues));
    }
    // Smallest possible key/value: empty key + type + 1-byte value; smallest tensor info: empty name, 0 dims.
    if (!checkRoom(end, m_kvCount, quint64(cw) + 5, QStringLiteral("key/value count")) ||
        !checkRoom(end + qint64(m_kvCount) * (cw + 5), m_tensorCount, quint64(cw) + 16,
                   QStringLiteral("tensor count"))) {
        return false;
    }
    m_header.metadata.reserve(qsizetype(std::min<quint64>(m_kvCount, 4096)));
    m_header.tensors.reserve(qsizetype(std::min<quint64>(m_tensorCount, 65536)));
    m_pos = end;
    m_phase = Phase::Key;
    return true;
}

void GgufHeaderParser::commitKey()
{
    m_keyIndex.insert(m_current.key, m_header.metadata.size());
    m_header.metadata.append(std::move(m_current));
    m_current = GgufKeyValue();
    m_phase = Phase::Key;
}

bool GgufHeaderParser::stepKey()
{
    if (quint64(m_header.metadata.size()) == m_kvCount) {
        m_phase = Phase::Tensor;
        return true;
    }
    const qint64 p = m_pos;
    const int lw = lenWidth();
    if (!needBytes(p, lw)) {
        return false;
    }
    const quint64 len = uLen(p);
    if (len > 65535) {
        return fail(p, QStringLiteral("key length %1 exceeds 65535 bytes").arg(len));
    }
    if (!needBytes(p, lw + qint64(len) + 4)) {
        return false;
    }
    const QString key = QString::fromUtf8(reinterpret_cast<const char *>(at(p + lw)), qsizetype(len));
    const qint64 tp = p + lw + qint64(len);
    const quint32 typeId = u32(tp);
    if (typeId > quint32(GgufType::Float64)) {
        return fail(tp, QStringLiteral("key '%1': unknown value type %2").arg(key).arg(typeId));
    }
    if (m_keyIndex.contains(key)) {
        return fail(p, QStringLiteral("duplicate key '%1'").arg(key));
    }
    const auto type = GgufType(typeId);
    const qint64 vp = tp + 4;
    GgufKeyValue kv;
    kv.key = key;
    kv.type = type;
    kv.offset = p;
    if (type == GgufType::Array) {
        if (!needBytes(vp, 4 + lw)) {
            return false;
        }
        const quint32 et = u32(vp);
        if (et > quint32(GgufType::Float64)) {
            return fail(vp, QStringLiteral("key '%1': unknown array element type %2").arg(key).arg(et));
        }
        const quint64 count = uLen(vp + 4);
        if (!checkRoom(vp + 4 + lw, count, minSize(GgufType(et)), QStringLiteral("array '%1'").arg(key))) {
            return false;
        }
        kv.elementType = GgufType(et);
        kv.arrayLength = count;
        m_current = std::move(kv);
        const quint64 keep = count <= GgufKeyValue::kKeepWholeArray ? count : GgufKeyValue::kArrayHead;
        m_stack.clear();
        m_stack.append(Frame{GgufType(et), count, 0, keep, {}});
        m_stack.last().items.reserve(qsizetype(keep));
        m_pos = vp + 4 + lw;
        m_phase = Phase::Array;
        return true;
    }
    if (type == GgufType::String) {
        if (!needBytes(vp, lw)) {
            return false;
        }
        const quint64 slen = uLen(vp);
        if (!checkRoom(vp + lw, slen, 1, QStringLiteral("string value of '%1'").arg(key))) {
            return false;
        }
        kv.stringLength = slen;
        if (slen <= GgufKeyValue::kMaxKeptString) {
            if (!needBytes(vp, lw + qint64(slen))) {
                return false;
            }
            kv.value = QString::fromUtf8(reinterpret_cast<const char *>(at(vp + lw)), qsizetype(slen));
        }
        // a longer string is stepped over unread: the next key asks for the bytes after it
        m_pos = vp + lw + qint64(slen);
    } else {
        const int s = scalarSize(type);
        if (!needBytes(vp, s)) {
            return false;
        }
        kv.value = scalar(type, vp);
        m_pos = vp + s;
    }
    m_current = std::move(kv);
    commitKey();
    return true;
}

bool GgufHeaderParser::stepArray()
{
    const int lw = lenWidth();
    Frame &f = m_stack.last();
    if (f.done == f.count) {
        Frame finished = m_stack.takeLast();
        if (m_stack.isEmpty()) {
            m_current.arrayComplete = quint64(finished.items.size()) == finished.count;
            m_current.value = finished.items;
            commitKey();
            return true;
        }
        Frame &parent = m_stack.last();
        if (quint64(parent.items.size()) < parent.keep) {
            parent.items.append(QVariant(finished.items));
        }
        return true;
    }
    switch (f.elementType) {
    case GgufType::String:
        while (f.done < f.count) {
            const qint64 p = m_pos;
            if (!needBytes(p, lw)) {
                return false;
            }
            const quint64 len = uLen(p);
            // Cheap test first: the message is built only on failure (this loop runs once per token).
            if (len > (p + lw < m_limit ? quint64(m_limit - p - lw) : 0) &&
                !checkRoom(p + lw, len, 1, QStringLiteral("string #%1 of array '%2'").arg(f.done).arg(m_current.key))) {
                return false;
            }
            if (len > GgufKeyValue::kMaxKeptString) {
                f.keep = std::min<quint64>(f.keep, quint64(f.items.size())); // stepped over unread; keep no more
            } else if (!needBytes(p, lw + qint64(len))) {
                return false;
            } else if (quint64(f.items.size()) < f.keep && m_kept < kMaxKeptItems) {
                f.items.append(QString::fromUtf8(reinterpret_cast<const char *>(at(p + lw)), qsizetype(len)));
                ++m_kept;
            }
            m_pos = p + lw + qint64(len);
            ++f.done;
        }
        return true;
    case GgufType::Array: {
        if (m_stack.size() >= kMaxArrayDepth) {
            return fail(
                m_pos,
                QStringLiteral("array '%1' is nested deeper than %2 levels").arg(m_current.key).arg(kMaxArrayDepth));
        }
        const qint64 p = m_pos;
        if (!needBytes(p, 4 + lw)) {
            return false;
        }
        const quint32 et = u32(p);
        if (et > quint32(GgufType::Float64)) {
            return fail(p, QStringLiteral("array '%1': unknown nested element type %2").arg(m_current.key).arg(et));
        }
        const quint64 count = uLen(p + 4);
        if (!checkRoom(p + 4 + lw, count, minSize(GgufType(et)),
                       QStringLiteral("nested array in '%1'").arg(m_current.key))) {
            return false;
        }
        // The child is stored when the parent still keeps items (children complete in order).
        const bool keepThis = quint64(f.items.size()) < f.keep && m_kept < kMaxKeptItems;
        m_kept += keepThis ? 1 : 0;
        ++f.done;
        const quint64 keep = keepThis ? (count <= GgufKeyValue::kKeepWholeArray ? count : GgufKeyValue::kArrayHead) : 0;
        m_pos = p + 4 + lw;
        m_stack.append(Frame{GgufType(et), count, 0, keep, {}}); // f is invalid from here
        return true;
    }
    default: {
        const int s = scalarSize(f.elementType);
        while (f.done < f.count && quint64(f.items.size()) < f.keep && m_kept < kMaxKeptItems) {
            if (!needBytes(m_pos, s)) {
                return false;
            }
            ++m_kept;
            f.items.append(scalar(f.elementType, m_pos));
            m_pos += s;
            ++f.done;
        }
        if (f.done < f.count) {
            // Not stored: skip arithmetically over what is there, then ask for the rest in one go.
            const quint64 remaining = f.count - f.done;
            const quint64 avail = m_fed > m_pos ? quint64(m_fed - m_pos) / quint64(s) : 0;
            const quint64 n = std::min(remaining, avail);
            m_pos += qint64(n) * s;
            f.done += n;
            if (f.done < f.count) {
                m_needed = m_pos + qint64(f.count - f.done) * s;
                return false;
            }
        }
        return true;
    }
    }
}

bool GgufHeaderParser::stepTensor()
{
    if (quint64(m_header.tensors.size()) == m_tensorCount) {
        return finalize();
    }
    const qint64 p = m_pos;
    const int lw = lenWidth();
    if (!needBytes(p, lw)) {
        return false;
    }
    const quint64 len = uLen(p);
    if (len > 65535) {
        return fail(
            p, QStringLiteral("tensor #%1: name length %2 exceeds 65535 bytes").arg(m_header.tensors.size()).arg(len));
    }
    if (!needBytes(p, lw + qint64(len) + 4)) {
        return false;
    }
    GgufTensorInfo t;
    t.infoOffset = p;
    t.name = QString::fromUtf8(reinterpret_cast<const char *>(at(p + lw)), qsizetype(len));
    const qint64 dp = p + lw + qint64(len);
    const quint32 nDims = u32(dp);
    if (nDims > quint32(kMaxDims)) {
        return fail(dp, QStringLiteral("tensor '%1': %2 dimensions (at most %3)").arg(t.name).arg(nDims).arg(kMaxDims));
    }
    const int dw = m_header.version == 1 ? 4 : 8;
    const qint64 q = dp + 4;
    if (!needBytes(q, qint64(nDims) * dw + 12)) {
        return false;
    }
    quint64 dims[kMaxDims] = {};
    t.elements = 1;
    for (quint32 i = 0; i < nDims; ++i) {
        dims[i] = dw == 4 ? u32(q + i * 4) : u64(q + i * 8);
        t.dims.append(dims[i]);
        if (__builtin_mul_overflow(t.elements, dims[i], &t.elements)) {
            return fail(q, QStringLiteral("tensor '%1': element count overflows").arg(t.name));
        }
    }
    const qint64 tp = q + qint64(nDims) * dw;
    t.typeId = u32(tp);
    t.offset = u64(tp + 4);
    t.typeName = GgmlType::nameOf(t.typeId);
    if (__builtin_add_overflow(m_totalElements, t.elements, &m_totalElements)) {
        return fail(q, QStringLiteral("tensor '%1': total parameter count overflows").arg(t.name));
    }
    if (GgmlType::fromId(t.typeId)) {
        t.bytes = GgmlType::tensorBytes(t.typeId, dims, int(nDims));
        if (t.bytes < 0) {
            return fail(q, QStringLiteral("tensor '%1': ne0 = %2 is not a whole number of %3 blocks, or its size "
                                          "overflows")
                               .arg(t.name)
                               .arg(nDims > 0 ? dims[0] : 1)
                               .arg(t.typeName));
        }
    }
    m_header.tensors.append(std::move(t));
    m_pos = tp + 12;
    return true;
}

bool GgufHeaderParser::finalize()
{
    quint64 alignment = 32;
    if (const GgufKeyValue *kv = m_header.find(QStringLiteral("general.alignment"))) {
        const std::optional<qint64> a = kv->toInteger();
        if (!a || *a <= 0 || *a > (1 << 30)) {
            return fail(kv->offset, QStringLiteral("general.alignment must be a positive integer up to 2^30"));
        }
        if (kv->type != GgufType::UInt32) {
            m_header.warnings.append(QStringLiteral("general.alignment is %1, not UINT32").arg(ggufTypeName(kv->type)));
        }
        if ((*a & (*a - 1)) != 0) {
            m_header.warnings.append(QStringLiteral("general.alignment %1 is not a power of two").arg(*a));
        }
        alignment = quint64(*a);
    }
    m_header.alignment = quint32(alignment);
    const qint64 dataStart = (m_pos + qint64(alignment) - 1) / qint64(alignment) * qint64(alignment);
    m_header.dataStart = dataStart;
    m_header.tensorInfoEnd = m_pos;

    const GgufKeyValue *splitCount = m_header.find(QStringLiteral("split.count"));
    if (splitCount) {
        const GgufKeyValue *no = m_header.find(QStringLiteral("split.no"));
        const GgufKeyValue *total = m_header.find(QStringLiteral("split.tensors.count"));
        GgufSplit s;
        const std::optional<qint64> c = splitCount->toInteger();
        const std::optional<qint64> n = no ? no->toInteger() : std::optional<qint64>(0);
        const std::optional<qint64> tc = total ? total->toInteger() : std::optional<qint64>(0);
        if (!c || !n || !tc || *c < 1 || *c > 100000 || *n < 0 || *n >= *c || *tc < 0) {
            return fail(splitCount->offset, QStringLiteral("split keys are inconsistent (split.no, split.count, "
                                                           "split.tensors.count)"));
        }
        s.count = int(*c);
        s.no = int(*n);
        s.tensorsCount = *tc;
        m_header.split = s;
    }

    QList<GgufTensorInfo> &tensors = m_header.tensors;
    const qint64 dataRegion = m_fileSize >= 0 ? m_fileSize - dataStart : -1;
    if (!tensors.isEmpty() && dataRegion < 0 && m_fileSize >= 0) {
        return fail(m_pos, QStringLiteral("tensor data would start at %1, past the end of the file (%2 bytes)")
                               .arg(dataStart)
                               .arg(m_fileSize));
    }
    QList<qsizetype> order(tensors.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return tensors[a].offset < tensors[b].offset; });
    // nextOffset[k]: the first offset after tensors[order[k]].offset (0 when none), for unknown-type sizes.
    QList<quint64> nextOffset(order.size(), 0);
    for (qsizetype k = order.size() - 2; k >= 0; --k) {
        const quint64 here = tensors[order[k]].offset;
        const quint64 after = tensors[order[k + 1]].offset;
        nextOffset[k] = after > here ? after : nextOffset[k + 1];
    }
    QMap<QString, int> unknownTypes;
    int misaligned = 0;
    quint64 covered = 0;
    QString coveredBy;
    for (qsizetype k = 0; k < order.size(); ++k) {
        GgufTensorInfo &t = tensors[order[k]];
        if (t.offset % alignment != 0) {
            ++misaligned;
        }
        if (dataRegion >= 0 && t.offset > quint64(dataRegion)) {
            return fail(t.infoOffset,
                        QStringLiteral("tensor '%1': offset %2 is past the end of the file").arg(t.name).arg(t.offset));
        }
        if (t.bytes < 0) {
            // Unknown type: the gap to the next tensor (or to the end of the file) is all we can say.
            if (nextOffset[k] > t.offset) {
                t.bytes = qint64(nextOffset[k] - t.offset);
                t.bytesInferred = true;
            } else if (dataRegion >= 0) {
                t.bytes = dataRegion - qint64(t.offset);
                t.bytesInferred = true;
            }
            unknownTypes[t.typeName] += 1;
            continue;
        }
        if (t.offset < covered && t.bytes > 0) {
            return fail(t.infoOffset, QStringLiteral("tensor '%1': data at offset %2 overlaps tensor '%3'")
                                          .arg(t.name)
                                          .arg(t.offset)
                                          .arg(coveredBy));
        }
        const quint64 end = t.offset + quint64(t.bytes); // both < 2^63: no overflow
        if (dataRegion >= 0 && end > quint64(dataRegion)) {
            return fail(t.infoOffset, QStringLiteral("tensor '%1': data [%2, %3) runs past the end of the file "
                                                     "(data region %4 bytes)")
                                          .arg(t.name)
                                          .arg(t.offset)
                                          .arg(end)
                                          .arg(dataRegion));
        }
        if (t.bytes > 0) {
            covered = end;
            coveredBy = t.name;
        }
    }
    for (auto it = unknownTypes.cbegin(); it != unknownTypes.cend(); ++it) {
        m_header.warnings.append(QStringLiteral("%1 tensors have %2; their sizes are inferred from the offsets")
                                     .arg(it.value())
                                     .arg(it.key()));
    }
    if (misaligned > 0) {
        m_header.warnings.append(
            QStringLiteral("%1 tensor offsets are not multiples of the alignment %2").arg(misaligned).arg(alignment));
    }
    m_phase = Phase::Done;
    m_status = ParseStatus::Done;
    m_needed = m_pos;
    return false;
}

Result<GgufHeader> GgufHeaderParser::result() const
{
    if (m_status == ParseStatus::Done) {
        return m_header;
    }
    return Result<GgufHeader>::failure(m_status == ParseStatus::Failed
                                           ? m_error
                                           : headerError(m_fileName, m_fed, QStringLiteral("header incomplete")));
}

WeightHeaderFact GgufHeaderParser::fact(const QString &repo, const QString &path) const
{
    return weightHeaderFact(m_header, repo, path);
}

Result<GgufHeader> GgufHeaderParser::parse(const QByteArray &data, const QString &fileName, qint64 fileSize)
{
    GgufHeaderParser p(fileName, fileSize < 0 ? data.size() : fileSize);
    p.feed(data);
    p.finish();
    return p.result();
}

} // namespace memspec
