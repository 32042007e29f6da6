// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace memspec {

struct RegistryEntry;
struct WeightComponent;
struct EstimateParams;
struct ModelShape;

// The estimator's second axis: how one runtime loads and runs a model. Facts for candle come from
// reference/target-codebase.md, for llama.cpp and diffusers from reference/estimator-anchors.md.
class RuntimeProfile
{
public:
    enum class Kind { Candle, LlamaCpp, Diffusers };
    enum class KvLayout { PerHead, MlaLatent, MlaDecompressed };

    static RuntimeProfile forName(const QString &name);
    Kind kind() const { return m_kind; }
    QString name() const;

    // Dtype the runtime holds a component's float weights in ("F16", "BF16", "F32"); GGUF quants stay as stored
    // and return the quant name.
    QString loadedDtype(const WeightComponent &c, const EstimateParams &p) const;
    // Dtype of activations (compute) for a model on this runtime.
    QString activationDtype(const RegistryEntry &e, const EstimateParams &p) const;
    // Defaults the runtime applies when the reviewer did not choose.
    QString defaultKvType(const RegistryEntry &e) const;
    bool defaultFlashAttention(const RegistryEntry &e) const;
    qint64 defaultUbatch(const RegistryEntry &e, qint64 context) const;

    KvLayout kvLayout(const ModelShape &s) const;
    // Tokens the KV cache holds for `context` (capped by the runtime, padded by llama.cpp).
    qint64 kvTokens(const RegistryEntry &e, const ModelShape &s, qint64 context, QString *why) const;
    // Fixed per-process cost on the device, with its derivation.
    qint64 deviceOverhead(const EstimateParams &p, QString *derivation) const;

private:
    explicit RuntimeProfile(Kind k) : m_kind(k) {}
    Kind m_kind;
};

} // namespace memspec
