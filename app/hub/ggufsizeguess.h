// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace memspec {

// Where a GGUF header probably ends, judged from a prefix of the file: walks the key/values and tensor infos that
// are present and extrapolates the rest (remaining array elements at the average size seen so far, remaining
// tensor infos likewise). Only sizes the next Range request; the parser in app/formats still decides what is
// valid. Returns -1 when it cannot tell (not GGUF v2/v3, nested arrays, a prefix shorter than the preamble).
class GgufSizeGuess final
{
public:
    static qint64 headerEnd(const QByteArray &prefix);
};

} // namespace memspec
