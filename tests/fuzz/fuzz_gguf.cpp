// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// GGUF header reader: one-shot (size = input) and incremental in three uneven pieces with an unknown size; and the
// header-end guess that sizes Range requests from a downloaded prefix (hostile bytes too).
#include "app/formats/ggufheaderparser.h"
#include "app/hub/ggufsizeguess.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace memspec;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<GgufHeader> one = GgufHeaderParser::parse(bytes, QStringLiteral("fuzz.gguf"));
    if (one.ok()) {
        (void)one->parameterCount();
        (void)one->bytesByType();
    }
    const qsizetype a = qsizetype(size / 3);
    (void)GgufSizeGuess::headerEnd(bytes);
    (void)GgufSizeGuess::headerEnd(bytes.left(a));
    GgufHeaderParser p(QStringLiteral("fuzz.gguf"), -1);
    const qsizetype b = qsizetype(size - size / 5);
    p.feed(bytes.left(a));
    p.feed(bytes.mid(a, b - a));
    p.feed(bytes.mid(b));
    if (p.finish() == ParseStatus::Done) {
        (void)p.fact(QStringLiteral("fuzz/repo"), QStringLiteral("fuzz.gguf"));
    }
    return 0;
}
