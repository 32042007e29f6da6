// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace memspec {

struct Estimate;
struct ModelFacts;
struct RegistryEntry;

// The inputs a sign-off depends on, their fingerprint, and what changed between two sets of inputs.
class InputFingerprint
{
public:
    // {"model", "repo_commit", "files": [{"repo", "path", "size"}], "estimator_version", "runtime", "device",
    //  "parameters" (fully resolved), "value_mib"}. `facts` may be null (a model never refreshed).
    static QJsonObject inputs(const RegistryEntry &entry, const ModelFacts *facts, const Estimate &estimate,
                              qint64 valueMib);
    // "sha256:<hex>" of the compact JSON of `inputs` (keys sorted, so stable).
    static QString hash(const QJsonObject &inputs);
    // Human reasons, one per changed input: "file model.safetensors changed size 100 → 120 bytes",
    // "estimator 0.1 → 0.2", "context changed 8192 → 32768", ... Empty when nothing changed.
    static QStringList differences(const QJsonObject &signedInputs, const QJsonObject &current);
};

} // namespace memspec
