// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// One table of element sizes (app/formats/dtype.h): the values agreed from reference/hub-and-formats.md §6.2
// (safetensors dtypes) and §7.3 (ggml types), pinned here, and the readers' tables checked against them.
#include "app/formats/dtype.h"
#include "app/formats/ggmltype.h"
#include "app/formats/safetensorsheader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

using namespace memspec;

namespace {

struct Block
{
    const char *name;
    int elements;
    int bytes;
};

// §7.3: every type a GGUF file may hold, with its block (ids 4, 5, 31–33 and 36–38 are removed).
constexpr Block kGgml[] = {
    {"F32", 1, 4},         {"F16", 1, 2},        {"Q4_0", 32, 18},     {"Q4_1", 32, 20},     {"Q5_0", 32, 22},
    {"Q5_1", 32, 24},      {"Q8_0", 32, 34},     {"Q8_1", 32, 36},     {"Q2_K", 256, 84},    {"Q3_K", 256, 110},
    {"Q4_K", 256, 144},    {"Q5_K", 256, 176},   {"Q6_K", 256, 210},   {"Q8_K", 256, 292},   {"IQ2_XXS", 256, 66},
    {"IQ2_XS", 256, 74},   {"IQ3_XXS", 256, 98}, {"IQ1_S", 256, 50},   {"IQ4_NL", 32, 18},   {"IQ3_S", 256, 110},
    {"IQ2_S", 256, 82},    {"IQ4_XS", 256, 136}, {"I8", 1, 1},         {"I16", 1, 2},        {"I32", 1, 4},
    {"I64", 1, 8},         {"F64", 1, 8},        {"IQ1_M", 256, 56},   {"BF16", 1, 2},       {"TQ1_0", 256, 54},
    {"TQ2_0", 256, 66},    {"MXFP4", 32, 17},    {"NVFP4", 64, 36},    {"Q1_0", 128, 18},    {"Q2_0", 64, 18},
};

// §6.2: the safetensors dtypes and their bits (FP4, E8M0 and UE8: spellings huggingface.js accepts).
constexpr std::pair<const char *, int> kSafetensors[] = {
    {"BOOL", 8},        {"F4", 4},          {"FP4", 4},          {"F6_E2M3", 6},      {"F6_E3M2", 6},  {"U8", 8},
    {"I8", 8},          {"F8_E5M2", 8},     {"F8_E4M3", 8},      {"F8_E8M0", 8},      {"E8M0", 8},     {"UE8", 8},
    {"F8_E4M3FNUZ", 8}, {"F8_E5M2FNUZ", 8}, {"I16", 16},         {"U16", 16},         {"F16", 16},     {"BF16", 16},
    {"I32", 32},        {"U32", 32},        {"F32", 32},         {"I64", 64},         {"U64", 64},     {"F64", 64},
    {"C64", 64},
};

} // namespace

TEST(Dtype, EveryGgmlTypeHasItsBlockSize)
{
    for (const Block &b : kGgml) {
        const QString name = QLatin1String(b.name);
        EXPECT_DOUBLE_EQ(bytesPerElement(name), double(b.bytes) / b.elements) << b.name;
        EXPECT_DOUBLE_EQ(bytesPerElement(name.toLower()), double(b.bytes) / b.elements) << b.name << " in lower case";
    }
}

TEST(Dtype, GgmlReaderTableAgreesWithTheReference)
{
    int known = 0;
    for (quint32 id = 0; id < GgmlType::kCount; ++id) {
        const std::optional<GgmlType> t = GgmlType::fromId(id);
        if (!t) {
            continue;
        }
        ++known;
        const auto it = std::find_if(std::begin(kGgml), std::end(kGgml),
                                     [&](const Block &b) { return qstrcmp(b.name, t->name) == 0; });
        ASSERT_NE(it, std::end(kGgml)) << t->name << " (id " << id << ") is not in §7.3";
        EXPECT_EQ(t->blockElements, it->elements) << t->name;
        EXPECT_EQ(t->blockBytes, it->bytes) << t->name;
    }
    EXPECT_EQ(known, int(std::size(kGgml)));
}

TEST(Dtype, EverySafetensorsDtypeHasItsBits)
{
    for (const auto &[name, bits] : kSafetensors) {
        EXPECT_EQ(SafetensorsHeader::dtypeBits(QLatin1String(name)), bits) << name;
        EXPECT_DOUBLE_EQ(bytesPerElement(QLatin1String(name)), bits / 8.0) << name;
    }
}

TEST(Dtype, TorchSpellingsAndUnknownNames)
{
    EXPECT_DOUBLE_EQ(bytesPerElement(QStringLiteral("float32")), 4);
    EXPECT_DOUBLE_EQ(bytesPerElement(QStringLiteral("float16")), 2);
    EXPECT_DOUBLE_EQ(bytesPerElement(QStringLiteral("bfloat16")), 2);
    for (const char *unknown : {"Q4_2", "Q4_0_4_4", "IQ4_NL_4_4", "unknown type 99", "F8_E4M3FN", "", "fp8"}) {
        EXPECT_LT(bytesPerElement(QLatin1String(unknown)), 0) << unknown;
    }
}

TEST(Dtype, QuantizedNames)
{
    for (const char *q : {"Q4_K", "Q4_K_M", "q8_0", "IQ4_XS", "IQ2_XXS", "TQ1_0", "MXFP4", "NVFP4", "Q3_K_XL"}) {
        EXPECT_TRUE(isQuantized(QLatin1String(q))) << q;
    }
    for (const char *f : {"F16", "bf16", "F32", "F64", "I8", "F8_E4M3", "F4", "float16", ""}) {
        EXPECT_FALSE(isQuantized(QLatin1String(f))) << f;
    }
}
