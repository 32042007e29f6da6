// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

namespace memspec {

// A model on disk, for `memspec estimate PATH` (DESIGN §6): a .gguf file (the other parts of a split GGUF are
// taken from beside it), a .safetensors file, a model.safetensors.index.json, or a downloaded repo folder
// (config.json with .safetensors weights or an index, or a single GGUF quant). Only the weight headers are read.
// The entry is keyed "local/<name>"; its capability and kind come from config.json / the GGUF header
// (text_to_text decoder when neither says). Errors name the path: not a model, truncated or corrupt headers,
// missing shards or split parts.
struct LocalModel
{
    RegistryEntry entry;
    ModelFacts facts;

    static Result<LocalModel> load(const QString &path);
};

} // namespace memspec
