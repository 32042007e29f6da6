// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to app/estimate: the pieces Estimator::estimate assembles, one file per line.

#include "app/estimate/estimate.h"
#include "app/estimate/runtimeprofile.h"
#include "app/formats/modelshape.h"

#include <cmath>

namespace memspec {

// Bytes of a formula evaluated in double: rounded up, never negative, capped (hostile shapes cannot overflow).
inline qint64 clampBytes(double v)
{
    constexpr double cap = 1.0e18;
    return !(v > 0) ? 0 : v >= cap ? qint64(cap) : qint64(std::ceil(v));
}

struct ModelFacts;
struct RegistryEntry;
struct WeightComponent;

// Everything one estimate reads. The shapes are parsed once from the facts.
struct EstimateContext
{
    const RegistryEntry &entry;
    const ModelFacts *facts;
    const EstimateParams &p; // resolved
    RuntimeProfile profile;
    ModelShape shape;  // the language model / encoder (text part)
    ModelShape vision; // vision tower (clip, vlm), else empty

    bool isGguf() const;
    bool isDecoder() const; // decoder or vlm
    // The shape of a diffusion component from facts.components (by component id or diffusers folder name).
    ModelShape componentShape(const WeightComponent &c) const;
};

struct LineResult
{
    EstimateLine line;
    QStringList notes;
    QString basis;
};

// weights.cpp: bytes of one component as the runtime holds it, with its derivation.
struct ComponentWeights
{
    qint64 bytes = 0;
    bool known = false;
    QString basis; // "exact tensor headers" | "exact file sizes" | "approximate file sizes" | "parameter counts"
    QString derivation;
    QStringList sources;
    QStringList notes;
};
ComponentWeights componentWeights(const EstimateContext &ctx, const WeightComponent &c);
LineResult weightsLine(const EstimateContext &ctx);

// kvcache.cpp
LineResult kvCacheLine(const EstimateContext &ctx);

// activations.cpp: encoders, decoders, vision towers.
struct Activation
{
    qint64 bytes = 0;
    QString derivation;
};
Activation encoderActivation(const ModelShape &s, qint64 tokens, qint64 batch, double bytes, bool flash,
                             const QString &label);
Activation decoderActivation(const EstimateContext &ctx, const ModelShape &s, qint64 tokens, qint64 kvTokens);
LineResult activationsLine(const EstimateContext &ctx);

// llamacpp.cpp: llama.cpp's compute + output buffers for one ubatch of `tokens` over `kvCells` cache cells, and the
// bytes its CPU backend copies into the CPU_REPACK buffer (Q4_K mul_mat weights).
Activation llamaCppComputeBuffer(const EstimateContext &ctx, const ModelShape &s, qint64 tokens, qint64 kvCells);
qint64 llamaCppRepackBytes(const EstimateContext &ctx, const WeightComponent &c, QString *how);

// diffusion.cpp: weights and activations of a pipeline by phase.
LineResult diffusionWeightsLine(const EstimateContext &ctx, LineResult *activations);

// runtimeprofile.cpp
LineResult overheadLine(const EstimateContext &ctx);

// Parameter count of a decoder/encoder from its shape (the last-resort weights basis).
qint64 parameterCount(const ModelShape &s, QString *derivation);

} // namespace memspec
