// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Safetensors header reader (one-shot and incremental) and the sharded index reader on the same bytes.
#include "app/formats/safetensorsheaderparser.h"
#include "app/formats/safetensorsindex.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace memspec;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<SafetensorsHeader> one = SafetensorsHeaderParser::parse(bytes, QStringLiteral("fuzz.safetensors"));
    if (one.ok()) {
        (void)one->parametersByDtype();
    }
    SafetensorsHeaderParser p(QStringLiteral("fuzz.safetensors"), -1);
    const qsizetype a = qsizetype(size / 2);
    p.feed(bytes.left(a));
    p.feed(bytes.mid(a));
    if (p.finish() == ParseStatus::Done) {
        (void)p.fact(QStringLiteral("fuzz/repo"), QStringLiteral("fuzz.safetensors"));
    }
    // JSON-only inputs: the index reader (skip the 8-byte prefix when it looks like a safetensors file).
    (void)SafetensorsIndex::parse(size > 8 && data[8] == '{' ? bytes.mid(8) : bytes, QStringLiteral("fuzz.index.json"));
    return 0;
}
