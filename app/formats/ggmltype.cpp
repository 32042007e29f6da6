// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/ggmltype.h"

#include <limits>

namespace memspec {

namespace {

// Source: ggml/include/ggml.h (ids), ggml/src/ggml-common.h (block structs), cross-checked with GGML_QUANT_SIZES in
// gguf-py/gguf/constants.py (see shared/reference/hub-and-formats.md §7.3). blockElements 0 = removed id.
constexpr GgmlType kTypes[GgmlType::kCount] = {
    {0, "F32", 1, 4},         {1, "F16", 1, 2},         {2, "Q4_0", 32, 18},      {3, "Q4_1", 32, 20},
    {4, "Q4_2", 0, 0},        {5, "Q4_3", 0, 0},        {6, "Q5_0", 32, 22},      {7, "Q5_1", 32, 24},
    {8, "Q8_0", 32, 34},      {9, "Q8_1", 32, 36},      {10, "Q2_K", 256, 84},    {11, "Q3_K", 256, 110},
    {12, "Q4_K", 256, 144},   {13, "Q5_K", 256, 176},   {14, "Q6_K", 256, 210},   {15, "Q8_K", 256, 292},
    {16, "IQ2_XXS", 256, 66}, {17, "IQ2_XS", 256, 74},  {18, "IQ3_XXS", 256, 98}, {19, "IQ1_S", 256, 50},
    {20, "IQ4_NL", 32, 18},   {21, "IQ3_S", 256, 110},  {22, "IQ2_S", 256, 82},   {23, "IQ4_XS", 256, 136},
    {24, "I8", 1, 1},         {25, "I16", 1, 2},        {26, "I32", 1, 4},        {27, "I64", 1, 8},
    {28, "F64", 1, 8},        {29, "IQ1_M", 256, 56},   {30, "BF16", 1, 2},       {31, "Q4_0_4_4", 0, 0},
    {32, "Q4_0_4_8", 0, 0},   {33, "Q4_0_8_8", 0, 0},   {34, "TQ1_0", 256, 54},   {35, "TQ2_0", 256, 66},
    {36, "IQ4_NL_4_4", 0, 0}, {37, "IQ4_NL_4_8", 0, 0}, {38, "IQ4_NL_8_8", 0, 0}, {39, "MXFP4", 32, 17},
    {40, "NVFP4", 64, 36},    {41, "Q1_0", 128, 18},    {42, "Q2_0", 64, 18},
};

} // namespace

std::optional<GgmlType> GgmlType::fromId(quint32 id)
{
    if (id >= kCount || kTypes[id].blockElements == 0) {
        return std::nullopt;
    }
    return kTypes[id];
}

QString GgmlType::nameOf(quint32 id)
{
    if (id < kCount && kTypes[id].blockElements != 0) {
        return QLatin1String(kTypes[id].name);
    }
    // Removed ids (Q4_2, Q4_0_4_4, ...) are as unusable as future ones.
    return QStringLiteral("unknown type %1").arg(id);
}

qint64 GgmlType::tensorBytes(quint32 id, const quint64 *dims, int nDims)
{
    const std::optional<GgmlType> t = fromId(id);
    if (!t) {
        return -1;
    }
    const quint64 ne0 = nDims > 0 ? dims[0] : 1;
    if (ne0 % quint64(t->blockElements) != 0) {
        return -1;
    }
    quint64 bytes = ne0 / quint64(t->blockElements);
    if (__builtin_mul_overflow(bytes, quint64(t->blockBytes), &bytes)) {
        return -1;
    }
    for (int i = 1; i < nDims; ++i) {
        if (__builtin_mul_overflow(bytes, dims[i], &bytes)) {
            return -1;
        }
    }
    if (bytes > quint64(std::numeric_limits<qint64>::max())) {
        return -1;
    }
    return qint64(bytes);
}

} // namespace memspec
