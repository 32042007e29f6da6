// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/formats/ggufheader.h"
#include "app/formats/safetensorsheader.h"

namespace memspec {

// Converts a parsed header into the fact ModelFacts stores (app/facts/modelfacts.h).
// safetensors: tensors with dtype/shape/elements/bytes (END − BEGIN), metadata = __metadata__, headerBytes = 8 + N.
// GGUF: tensors with the ggml type name ("Q4_K", "unknown type 99"), shape in ggml order (ne0 first, as stored),
// bytes from the type table (inferred from offsets for unknown types, 0 when even that is impossible); metadata =
// every key/value, arrays longer than 256 elements (or only partly kept) summarised as
// {"array_length": N, "element_type": "STRING"}, integers beyond 2^53 as decimal strings; headerBytes = data start.
WeightHeaderFact weightHeaderFact(const SafetensorsHeader &header, const QString &repo, const QString &path);
WeightHeaderFact weightHeaderFact(const GgufHeader &header, const QString &repo, const QString &path);

} // namespace memspec
