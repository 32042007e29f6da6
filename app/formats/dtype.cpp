// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/dtype.h"

#include "app/formats/ggmltype.h"
#include "app/formats/safetensorsheader.h"

#include <optional>

namespace memspec {

namespace {

std::optional<GgmlType> ggmlTypeNamed(const QString &upper)
{
    for (quint32 id = 0; id < GgmlType::kCount; ++id) {
        const std::optional<GgmlType> t = GgmlType::fromId(id);
        if (t && upper == QLatin1String(t->name)) {
            return t;
        }
    }
    return std::nullopt;
}

} // namespace

double bytesPerElement(const QString &dtype)
{
    const QString u = dtype.toUpper();
    if (const std::optional<GgmlType> t = ggmlTypeNamed(u)) {
        return double(t->blockBytes) / t->blockElements;
    }
    if (const int bits = SafetensorsHeader::dtypeBits(u); bits > 0) {
        return bits / 8.0;
    }
    if (u == QLatin1String("FLOAT32")) {
        return 4;
    }
    if (u == QLatin1String("FLOAT16") || u == QLatin1String("BFLOAT16")) {
        return 2;
    }
    return -1;
}

bool isQuantized(const QString &name)
{
    const QString u = name.toUpper();
    if (const std::optional<GgmlType> t = ggmlTypeNamed(u)) {
        return t->blockElements > 1;
    }
    // GGUF quantization names (llama_ftype, reference §7.4) add a size suffix to a block type: Q4_K_M, Q3_K_XL.
    for (const char *prefix : {"Q", "IQ", "TQ", "MXFP4", "NVFP4"}) {
        if (u.startsWith(QLatin1String(prefix))) {
            return true;
        }
    }
    return false;
}

} // namespace memspec
