// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/safetensorsheaderparser.h"

#include "app/formats/weightheaderfacts.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QtEndian>

#include <algorithm>
#include <cmath>

namespace memspec {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53: JSON numbers beyond it are not exact

bool toCount(const QJsonValue &v, qint64 *out)
{
    if (!v.isDouble()) {
        return false;
    }
    const double d = v.toDouble();
    if (!(d >= 0) || d > kMaxExactInteger || std::floor(d) != d) {
        return false;
    }
    *out = qint64(d);
    return true;
}

// The keys of the top-level object of JSON text already known to be valid, as written (escapes kept), each with its
// byte offset. QJsonDocument keeps one value per key, so a header naming a tensor twice would lose one silently.
QList<std::pair<QByteArrayView, qsizetype>> topLevelKeys(QByteArrayView json)
{
    QList<std::pair<QByteArrayView, qsizetype>> keys;
    const qsizetype n = json.size();
    qsizetype i = json.indexOf('{') + 1;
    const auto skipString = [&](qsizetype at) { // at: the opening quote; returns the index after the closing one
        for (qsizetype k = at + 1; k < n; ++k) {
            if (json[k] == '\\') {
                ++k;
            } else if (json[k] == '"') {
                return k + 1;
            }
        }
        return n;
    };
    int depth = 0;
    bool expectKey = true;
    while (i > 0 && i < n) {
        const char c = json[i];
        if (c == '"') {
            const qsizetype end = skipString(i);
            if (depth == 0 && expectKey) {
                keys.append({json.sliced(i + 1, qMax<qsizetype>(0, end - i - 2)), i});
                expectKey = false;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {
                break; // the end of the top-level object
            }
            --depth;
        } else if (c == ',' && depth == 0) {
            expectKey = true;
        }
        ++i;
    }
    return keys;
}

} // namespace

SafetensorsHeaderParser::SafetensorsHeaderParser(QString fileName, qint64 fileSize)
    : m_fileName(std::move(fileName)), m_fileSize(fileSize)
{
    m_header.fileName = m_fileName;
    m_header.fileSize = fileSize;
    if (fileSize >= 0 && fileSize < 8) {
        fail(0, QStringLiteral("file is %1 bytes, too short for the 8-byte header length").arg(fileSize));
    }
}

SafetensorsHeaderParser::~SafetensorsHeaderParser() = default;

ParseStatus SafetensorsHeaderParser::fail(qint64 offset, const QString &what)
{
    m_status = ParseStatus::Failed;
    m_error = headerError(m_fileName, offset, what);
    m_buf.clear();
    return m_status;
}

ParseStatus SafetensorsHeaderParser::feed(const QByteArray &moreBytes)
{
    if (m_status != ParseStatus::NeedMore) {
        return m_status;
    }
    m_fed += moreBytes.size();
    qint64 used = 0; // bytes of moreBytes consumed; bytes past the header are dropped
    while (true) {
        const qint64 take = std::min<qint64>(m_needed - m_buf.size(), moreBytes.size() - used);
        m_buf.append(moreBytes.constData() + used, qsizetype(take));
        used += take;
        if (m_buf.size() < m_needed) {
            return m_status;
        }
        if (m_needed > 8) {
            return parseJson();
        }
        const quint64 n = qFromLittleEndian<quint64>(m_buf.constData());
        if (n > quint64(kMaxHeaderBytes)) {
            return fail(0, QStringLiteral("header length %1 exceeds the 100 MB limit").arg(n));
        }
        if (n < 2) {
            return fail(0, QStringLiteral("header length %1 is too small for a JSON object").arg(n));
        }
        if (m_fileSize >= 0 && qint64(n) > m_fileSize - 8) {
            return fail(
                0, QStringLiteral("header length %1 runs past the end of the file (%2 bytes)").arg(n).arg(m_fileSize));
        }
        m_needed = 8 + qint64(n);
        if (m_fileSize >= 0) {
            m_buf.reserve(qsizetype(m_needed)); // checked against the real file size above
        }
    }
}

ParseStatus SafetensorsHeaderParser::finish()
{
    if (m_status == ParseStatus::NeedMore) {
        return fail(m_fed,
                    m_needed == 8
                        ? QStringLiteral("file ends inside the 8-byte header length")
                        : QStringLiteral("file ends inside the JSON header (it needs bytes up to %1)").arg(m_needed));
    }
    return m_status;
}

qint64 SafetensorsHeaderParser::offsetOfName(const QString &name) const
{
    const QByteArray quoted = '"' + name.toUtf8() + '"';
    const qsizetype at = m_buf.indexOf(quoted, 8);
    return at < 0 ? 8 : qint64(at);
}

ParseStatus SafetensorsHeaderParser::parseJson()
{
    const qint64 n = m_needed - 8;
    const QByteArrayView json(m_buf.constData() + 8, qsizetype(n));
    if (json.front() != '{') {
        return fail(8, QStringLiteral("header does not start with '{'"));
    }
    {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = utf8.decode(json);
        if (utf8.hasError()) {
            return fail(8, QStringLiteral("header is not valid UTF-8"));
        }
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(8 + perr.offset, QStringLiteral("header JSON is invalid: %1").arg(perr.errorString()));
    }
    const QJsonObject root = doc.object();
    const auto keys = topLevelKeys(json);
    if (keys.size() != root.size()) {
        QHash<QByteArrayView, qsizetype> seen;
        for (const auto &[key, at] : keys) {
            if (seen.contains(key)) {
                return fail(8 + at, QStringLiteral("'%1' appears twice in the header (first at byte %2): which "
                                                   "entry is meant is ambiguous")
                                        .arg(QString::fromUtf8(key))
                                        .arg(8 + seen.value(key)));
            }
            seen.insert(key, at);
        }
        return fail(8, QStringLiteral("the header names %1 entries but only %2 are distinct (a name repeated "
                                      "with different escapes)")
                           .arg(keys.size())
                           .arg(root.size()));
    }
    m_header.headerSize = m_needed;
    const qint64 dataRegion = m_fileSize >= 0 ? m_fileSize - m_needed : -1;
    QList<SafetensorsTensor> tensors;
    tensors.reserve(root.size());
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString name = it.key();
        if (name == QLatin1String("__metadata__")) {
            if (!it.value().isObject()) {
                return fail(offsetOfName(name), QStringLiteral("__metadata__ is not an object"));
            }
            m_header.metadata = it.value().toObject();
            for (auto m = m_header.metadata.begin(); m != m_header.metadata.end(); ++m) {
                if (!m.value().isString()) {
                    m_header.warnings.append(QStringLiteral("__metadata__.%1 is not a string").arg(m.key()));
                }
            }
            continue;
        }
        const auto bad = [&](const QString &what) {
            return fail(offsetOfName(name), QStringLiteral("tensor '%1': %2").arg(name, what));
        };
        if (!it.value().isObject()) {
            return bad(QStringLiteral("entry is not an object"));
        }
        const QJsonObject e = it.value().toObject();
        SafetensorsTensor t;
        t.name = name;
        const QJsonValue dtype = e.value(QLatin1String("dtype"));
        if (!dtype.isString() || dtype.toString().isEmpty()) {
            return bad(QStringLiteral("dtype missing or not a string"));
        }
        t.dtype = dtype.toString();
        const QJsonValue shape = e.value(QLatin1String("shape"));
        if (!shape.isArray()) {
            return bad(QStringLiteral("shape missing or not an array"));
        }
        const QJsonArray dims = shape.toArray();
        if (dims.size() > 64) {
            return bad(QStringLiteral("shape has %1 dimensions").arg(dims.size()));
        }
        t.elements = 1;
        for (const QJsonValue &d : dims) {
            qint64 v = 0;
            if (!toCount(d, &v)) {
                return bad(QStringLiteral("shape holds a value that is not a non-negative integer"));
            }
            t.shape.append(v);
            if (__builtin_mul_overflow(t.elements, v, &t.elements)) {
                return bad(QStringLiteral("element count overflows"));
            }
        }
        const QJsonValue offsets = e.value(QLatin1String("data_offsets"));
        const QJsonArray off = offsets.toArray();
        if (!offsets.isArray() || off.size() != 2 || !toCount(off.at(0), &t.begin) || !toCount(off.at(1), &t.end)) {
            return bad(QStringLiteral("data_offsets is not a pair of non-negative integers"));
        }
        if (t.end < t.begin) {
            return bad(QStringLiteral("data_offsets end %1 is before begin %2").arg(t.end).arg(t.begin));
        }
        if (dataRegion >= 0 && t.end > dataRegion) {
            return bad(QStringLiteral("data_offsets [%1, %2) run past the data region (%3 bytes)")
                           .arg(t.begin)
                           .arg(t.end)
                           .arg(dataRegion));
        }
        const int bits = SafetensorsHeader::dtypeBits(t.dtype);
        if (bits == 0) {
            m_header.warnings.append(QStringLiteral("tensor '%1': unknown dtype %2 kept as is").arg(name, t.dtype));
        } else {
            qint64 totalBits = 0;
            if (__builtin_mul_overflow(t.elements, qint64(bits), &totalBits)) {
                return bad(QStringLiteral("byte size overflows"));
            }
            if (totalBits % 8 != 0 || totalBits / 8 != t.bytes()) {
                return bad(QStringLiteral("%1 elements of %2 need %3 bits but data_offsets give %4 bytes")
                               .arg(t.elements)
                               .arg(t.dtype)
                               .arg(totalBits)
                               .arg(t.bytes()));
            }
        }
        tensors.append(std::move(t));
    }
    std::sort(tensors.begin(), tensors.end(), [](const SafetensorsTensor &a, const SafetensorsTensor &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end != b.end ? a.end < b.end : a.name < b.name;
    });
    qint64 covered = 0;
    for (qsizetype i = 0; i < tensors.size(); ++i) {
        const SafetensorsTensor &t = tensors[i];
        if (t.begin < covered) {
            return fail(offsetOfName(t.name), QStringLiteral("tensor '%1': data [%2, %3) overlaps tensor '%4'")
                                                  .arg(t.name)
                                                  .arg(t.begin)
                                                  .arg(t.end)
                                                  .arg(tensors[i - 1].name));
        }
        if (t.begin > covered) {
            m_header.warnings.append(
                QStringLiteral("hole of %1 bytes before tensor '%2'").arg(t.begin - covered).arg(t.name));
        }
        covered = std::max(covered, t.end);
    }
    if (dataRegion >= 0 && covered != dataRegion) {
        m_header.warnings.append(QStringLiteral("tensors cover %1 of the %2 data bytes").arg(covered).arg(dataRegion));
    }
    m_header.tensors = std::move(tensors);
    m_status = ParseStatus::Done;
    m_buf.clear();
    m_buf.squeeze();
    return m_status;
}

Result<SafetensorsHeader> SafetensorsHeaderParser::result() const
{
    if (m_status == ParseStatus::Done) {
        return m_header;
    }
    return Result<SafetensorsHeader>::failure(
        m_status == ParseStatus::Failed ? m_error
                                        : headerError(m_fileName, m_fed, QStringLiteral("header incomplete")));
}

WeightHeaderFact SafetensorsHeaderParser::fact(const QString &repo, const QString &path) const
{
    return weightHeaderFact(m_header, repo, path);
}

Result<SafetensorsHeader> SafetensorsHeaderParser::parse(const QByteArray &data, const QString &fileName,
                                                         qint64 fileSize)
{
    SafetensorsHeaderParser p(fileName, fileSize < 0 ? data.size() : fileSize);
    p.feed(data);
    p.finish();
    return p.result();
}

} // namespace memspec
