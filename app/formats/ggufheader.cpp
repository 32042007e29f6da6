// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/ggufheader.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace memspec {

QString ggufTypeName(GgufType type)
{
    static const char *const names[] = {"UINT8",   "INT8",  "UINT16", "INT16",  "UINT32", "INT32",  "FLOAT32",
                                        "BOOL",    "STRING", "ARRAY", "UINT64", "INT64",  "FLOAT64"};
    const auto i = quint32(type);
    return i < std::size(names) ? QLatin1String(names[i]) : QStringLiteral("TYPE_%1").arg(i);
}

namespace {

QJsonValue variantToJson(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::ULongLong: {
        const qulonglong u = v.toULongLong();
        // Beyond 2^53 a JSON number is not exact: keep the digits.
        return u <= (1ULL << 53) ? QJsonValue(qint64(u)) : QJsonValue(QString::number(u));
    }
    case QMetaType::LongLong: {
        const qlonglong s = v.toLongLong();
        return (s <= (1LL << 53) && s >= -(1LL << 53)) ? QJsonValue(s) : QJsonValue(QString::number(s));
    }
    case QMetaType::Double:
        return v.toDouble();
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::QString:
        return v.toString();
    case QMetaType::QVariantList: {
        QJsonArray a;
        const QVariantList items = v.toList();
        for (const QVariant &item : items) {
            a.append(variantToJson(item));
        }
        return a;
    }
    default:
        return QJsonValue();
    }
}

} // namespace

bool GgufKeyValue::isInteger() const
{
    switch (type) {
    case GgufType::UInt8: case GgufType::Int8: case GgufType::UInt16: case GgufType::Int16:
    case GgufType::UInt32: case GgufType::Int32: case GgufType::UInt64: case GgufType::Int64:
        return true;
    default:
        return false;
    }
}

std::optional<qint64> GgufKeyValue::toInteger() const
{
    if (!isInteger()) {
        return std::nullopt;
    }
    if (value.typeId() == QMetaType::ULongLong) {
        const qulonglong u = value.toULongLong();
        if (u > qulonglong(std::numeric_limits<qint64>::max())) {
            return std::nullopt;
        }
        return qint64(u);
    }
    return value.toLongLong();
}

QJsonValue GgufKeyValue::toJson(quint64 summariseAbove, quint64 stringsAbove) const
{
    if (type == GgufType::String && (!stringKept() || stringLength > stringsAbove)) {
        return QJsonObject{{QStringLiteral("string_length"), qint64(stringLength)}};
    }
    if (type != GgufType::Array) {
        return variantToJson(value);
    }
    if (arrayLength <= summariseAbove && arrayComplete) {
        return variantToJson(value);
    }
    return QJsonObject{{QStringLiteral("array_length"), qint64(arrayLength)},
                       {QStringLiteral("element_type"), ggufTypeName(elementType)}};
}

const GgufKeyValue *GgufHeader::find(const QString &key) const
{
    for (const GgufKeyValue &kv : metadata) {
        if (kv.key == key) {
            return &kv;
        }
    }
    return nullptr;
}

QString GgufHeader::architecture() const
{
    const GgufKeyValue *kv = find(QStringLiteral("general.architecture"));
    return kv && kv->type == GgufType::String ? kv->value.toString() : QString();
}

quint64 GgufHeader::parameterCount() const
{
    quint64 n = 0;
    for (const GgufTensorInfo &t : tensors) {
        n += t.elements;
    }
    return n;
}

qint64 GgufHeader::tensorBytes() const
{
    qint64 n = 0;
    for (const GgufTensorInfo &t : tensors) {
        n += std::max<qint64>(t.bytes, 0);
    }
    return n;
}

QMap<QString, qint64> GgufHeader::bytesByType() const
{
    QMap<QString, qint64> m;
    for (const GgufTensorInfo &t : tensors) {
        m[t.typeName] += std::max<qint64>(t.bytes, 0);
    }
    return m;
}

} // namespace memspec
