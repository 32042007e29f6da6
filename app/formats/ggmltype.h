// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace memspec {

// The ggml tensor type table (ids 0–42 of ggml.h; block layouts of ggml-common.h). Removed ids (4, 5, 31–33,
// 36–38) and ids past the table are not known types: a reader keeps them as "unknown type N".
struct GgmlType
{
    quint32 id = 0;
    const char *name = "";
    int blockElements = 0; // elements per block (1 for plain types)
    int blockBytes = 0;    // bytes per block

    // The type with this id, or nothing for a removed or unknown id.
    static std::optional<GgmlType> fromId(quint32 id);
    // "Q4_K", or "unknown type 99" (also for removed ids such as 4).
    static QString nameOf(quint32 id);
    // Bytes of a tensor with these ggml-order dims (ne0 first): -1 when the type is unknown, ne0 is not a multiple
    // of the block size, or the result overflows.
    static qint64 tensorBytes(quint32 id, const quint64 *dims, int nDims);
    static constexpr quint32 kCount = 43;
};

} // namespace memspec
