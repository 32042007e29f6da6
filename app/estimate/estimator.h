// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/estimate/estimate.h"

namespace memspec {

struct ModelFacts;
struct RegistryEntry;

// Computes the per-worker breakdown of DESIGN §3 for one registry model from its facts. Pure function of its
// inputs: no I/O, safe to run on any thread.
class Estimator
{
public:
    static QString version();

    // Fills every unset parameter from the registry entry and the runtime profile.
    static EstimateParams resolve(const RegistryEntry &entry, const EstimateParams &requested);
    // Validates requested parameters (names the bad one); resolve() assumes valid input.
    static Result<EstimateParams> validate(const EstimateParams &requested);
    // validate(), then the limits of this model: a context above the positions the model has (config.json
    // max_position_embeddings or the GGUF context_length) is refused, naming the model, the value and the limit.
    static Result<EstimateParams> validateFor(const RegistryEntry &entry, const ModelFacts *facts,
                                              const EstimateParams &requested);

    static Estimate estimate(const RegistryEntry &entry, const ModelFacts *facts, const EstimateParams &requested);

    // Margin policy of DESIGN §3: 10 % embedders, 15 % quantized LLMs, 20 % FP16/BF16 LLMs, vision, diffusion.
    static double defaultMarginPct(const RegistryEntry &entry);
};

} // namespace memspec
