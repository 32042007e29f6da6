// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "tests/support/ggufwriter.h"
#include "tests/support/safetensorswriter.h"

#include <QList>
#include <QString>

#include <utility>

namespace memspec::fixtures {

// Ready-made fixtures built with the writers, shared by the format tests, the conformance test, the fuzzers' seed
// corpus, the benchmark and the mock hub. Deterministic: the same recipe gives the same bytes.

struct LlamaGgufRecipe
{
    quint32 version = 3;
    int vocab = 1000; // tokenizer.ggml.tokens / scores / token_type entries
    int merges = 0;   // tokenizer.ggml.merges entries
    int layers = 2;
    quint64 embd = 256;
    quint64 ff = 512;
    quint32 weightType = GgufWriter::Q4_K;
    quint32 alignment = 0; // 0: no general.alignment key (default 32)
};

// A llama-style GGUF: general.*, llama.* hyperparameters (head_count_kv as a per-layer array), the tokenizer
// arrays, and token_embd / per-layer attention and FFN / output_norm / output tensors.
GgufWriter llamaGguf(const LlamaGgufRecipe &recipe);

// The same model split into `shards` files (split.no 0-based, split.count, split.tensors.count): shard 0 carries all
// metadata, the others only the split keys; layers are distributed over the shards.
QList<GgufWriter> splitLlamaGguf(const LlamaGgufRecipe &recipe, int shards);

// Every metadata value type (scalars and arrays of each), nested arrays (ints and strings, 3 deep), an empty array,
// a 5000-element array, general.alignment = 64, and tensors of several ggml types including unknown type 99 and a
// 0-dim tensor.
GgufWriter everyValueTypeGguf(quint32 version);

// One tensor per safetensors dtype (including the F8 variants, F4 and F6), a scalar, an empty tensor and
// __metadata__ {"format": "pt"}.
SafetensorsWriter everyDtypeSafetensors();

// A small transformer checkpoint split into `shards` files named model-0000k-of-0000n.safetensors (F16/BF16/F32).
QList<std::pair<QString, SafetensorsWriter>> shardedSafetensors(int shards, int layers = 4);

} // namespace memspec::fixtures
