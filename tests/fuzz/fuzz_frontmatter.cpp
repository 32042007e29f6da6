// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Model card reader: the input as a whole README, and wrapped as front matter so the YAML path sees every input.
#include "app/formats/modelcard.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)memspec::ModelCard::parse(bytes);
    (void)memspec::ModelCard::parse("---\n" + bytes + "\n---\nNeeds 24 GB VRAM.\n");
    return 0;
}
