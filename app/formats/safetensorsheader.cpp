// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/safetensorsheader.h"

#include <utility>

namespace memspec {

int SafetensorsHeader::dtypeBits(const QString &dtype)
{
    // Source: safetensors/src/tensor.rs Dtype and huggingface.js parse-safetensors-metadata.ts (FP4, E8M0, UE8).
    static const std::pair<QLatin1String, int> table[] = {
        {QLatin1String("BOOL"), 8},        {QLatin1String("F4"), 4},          {QLatin1String("FP4"), 4},
        {QLatin1String("F6_E2M3"), 6},     {QLatin1String("F6_E3M2"), 6},     {QLatin1String("U8"), 8},
        {QLatin1String("I8"), 8},          {QLatin1String("F8_E5M2"), 8},     {QLatin1String("F8_E4M3"), 8},
        {QLatin1String("F8_E8M0"), 8},     {QLatin1String("E8M0"), 8},        {QLatin1String("UE8"), 8},
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

qint64 SafetensorsHeader::dataSize() const
{
    qint64 end = 0;
    for (const SafetensorsTensor &t : tensors) {
        end = std::max(end, t.end);
    }
    return end;
}

qint64 SafetensorsHeader::parameterCount() const
{
    qint64 n = 0;
    for (const SafetensorsTensor &t : tensors) {
        n += t.elements;
    }
    return n;
}

QMap<QString, qint64> SafetensorsHeader::parametersByDtype() const
{
    QMap<QString, qint64> m;
    for (const SafetensorsTensor &t : tensors) {
        m[t.dtype] += t.elements;
    }
    return m;
}

QMap<QString, qint64> SafetensorsHeader::bytesByDtype() const
{
    QMap<QString, qint64> m;
    for (const SafetensorsTensor &t : tensors) {
        m[t.dtype] += t.bytes();
    }
    return m;
}

} // namespace memspec
