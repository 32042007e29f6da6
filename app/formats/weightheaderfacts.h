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
// the key/values, arrays longer than 256 elements (or only partly kept) summarised as
// {"array_length": N, "element_type": "STRING"}, integers beyond 2^53 as decimal strings; headerBytes = data start.
//
// A fact keeps what the estimate needs and a bounded rest (issue 18 item 5: hub data must not inflate the cache):
// strings longer than kMaxFactString become {"string_length": N}; GGUF metadata keeps general.*, the
// architecture's own keys, tokenizer.ggml.* and split.* first, then other keys while fewer than kMaxFactKeys and
// kMaxFactMetadataBytes; safetensors __metadata__ likewise; tensors are kept one by one up to kMaxFactTensorBytes
// (names longer than kMaxTensorName are implausible and never kept) and the rest are summed per dtype into
// "(N more tensors)" entries, so byte totals stay exact. Whatever is dropped or summarised is said in notes.
inline constexpr int kMaxFactKeys = 512;
inline constexpr qint64 kMaxFactMetadataBytes = 64 * 1024;
inline constexpr qint64 kMaxFactString = 1024;
inline constexpr qint64 kMaxFactTensorBytes = 768 * 1024;
inline constexpr qint64 kMaxTensorName = 1024;

WeightHeaderFact weightHeaderFact(const SafetensorsHeader &header, const QString &repo, const QString &path);
WeightHeaderFact weightHeaderFact(const GgufHeader &header, const QString &repo, const QString &path);

// Keeps tensors up to `budgetBytes` (about their JSON size) and sums the rest per dtype (entries named
// "(N more tensors)", no shape); returns how many were summed. Used again by the per-model budget.
qsizetype summariseTensors(QList<TensorFact> *tensors, qint64 budgetBytes);
// About the bytes one tensor takes in the facts JSON.
qint64 tensorFactBytes(const TensorFact &t);

} // namespace memspec
