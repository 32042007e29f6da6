// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// GgufHeaderParser, part 2: bounds-checked reads of the bytes fed so far (every count and length is checked
// against the bytes that exist before anything is read or allocated). The parsing steps are in ggufheaderparser.cpp.
#include "app/formats/ggmltype.h"
#include "app/formats/ggufheaderparser.h"
#include "app/formats/weightheaderfacts.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace memspec {

bool GgufHeaderParser::fail(qint64 offset, const QString &what)
{
    m_status = ParseStatus::Failed;
    m_error = headerError(m_fileName, offset, what);
    m_buf.clear();
    m_stack.clear();
    return false;
}

const uchar *GgufHeaderParser::at(qint64 offset) const
{
    return reinterpret_cast<const uchar *>(m_buf.constData()) + (offset - m_base);
}

quint32 GgufHeaderParser::u32(qint64 offset) const
{
    return m_header.bigEndian ? qFromBigEndian<quint32>(at(offset)) : qFromLittleEndian<quint32>(at(offset));
}

quint64 GgufHeaderParser::u64(qint64 offset) const
{
    return m_header.bigEndian ? qFromBigEndian<quint64>(at(offset)) : qFromLittleEndian<quint64>(at(offset));
}

quint64 GgufHeaderParser::uLen(qint64 offset) const
{
    return m_header.version == 1 ? u32(offset) : u64(offset);
}

bool GgufHeaderParser::needBytes(qint64 from, qint64 count)
{
    if (from + count <= m_fed) {
        return true;
    }
    m_needed = from + count;
    return false;
}

bool GgufHeaderParser::checkRoom(qint64 at, quint64 count, quint64 unit, const QString &what)
{
    const quint64 room = at < m_limit ? quint64(m_limit - at) : 0;
    if (unit != 0 && count > room / unit) {
        const QString where = m_fileSize >= 0 && m_fileSize <= kMaxHeaderBytes
                                  ? QStringLiteral("the %1 bytes left in the file").arg(room)
                                  : QStringLiteral("the %1 MB header limit").arg(kMaxHeaderBytes >> 20);
        return fail(at, QStringLiteral("%1: %2 × %3 bytes exceed %4").arg(what).arg(count).arg(unit).arg(where));
    }
    return true;
}

int GgufHeaderParser::scalarSize(GgufType type)
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::Bool:
        return 1;
    case GgufType::UInt16:
    case GgufType::Int16:
        return 2;
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::Float32:
        return 4;
    case GgufType::UInt64:
    case GgufType::Int64:
    case GgufType::Float64:
        return 8;
    default:
        return 0;
    }
}

quint64 GgufHeaderParser::minSize(GgufType type) const
{
    if (type == GgufType::String) {
        return quint64(lenWidth());
    }
    if (type == GgufType::Array) {
        return 4 + quint64(lenWidth());
    }
    return quint64(scalarSize(type));
}

QVariant GgufHeaderParser::scalar(GgufType type, qint64 offset) const
{
    const uchar *p = at(offset);
    const bool be = m_header.bigEndian;
    const auto rd16 = [&] { return be ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p); };
    switch (type) {
    case GgufType::UInt8:
        return QVariant(qulonglong(p[0]));
    case GgufType::Int8:
        return QVariant(qlonglong(qint8(p[0])));
    case GgufType::UInt16:
        return QVariant(qulonglong(rd16()));
    case GgufType::Int16:
        return QVariant(qlonglong(qint16(rd16())));
    case GgufType::UInt32:
        return QVariant(qulonglong(u32(offset)));
    case GgufType::Int32:
        return QVariant(qlonglong(qint32(u32(offset))));
    case GgufType::UInt64:
        return QVariant(qulonglong(u64(offset)));
    case GgufType::Int64:
        return QVariant(qlonglong(qint64(u64(offset))));
    case GgufType::Bool:
        return QVariant(p[0] != 0);
    case GgufType::Float32: {
        const quint32 bits = u32(offset);
        float f;
        std::memcpy(&f, &bits, 4);
        return QVariant(double(f));
    }
    case GgufType::Float64: {
        const quint64 bits = u64(offset);
        double d;
        std::memcpy(&d, &bits, 8);
        return QVariant(d);
    }
    default:
        return {};
    }
}

QString GgufHeaderParser::context() const
{
    switch (m_phase) {
    case Phase::Preamble:
        return QStringLiteral("the magic, version and counts");
    case Phase::Key:
        return QStringLiteral("key/value #%1").arg(m_header.metadata.size());
    case Phase::Array:
        return QStringLiteral("the array value of key '%1'").arg(m_current.key);
    case Phase::Tensor:
        return QStringLiteral("tensor info #%1").arg(m_header.tensors.size());
    case Phase::Done:
        break;
    }
    return QStringLiteral("the header");
}

} // namespace memspec
