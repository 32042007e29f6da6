// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace memspec {

// What a user picks when adding a Hub repo to the registry.
struct NewEntryChoice
{
    QString repo;      // "org/name": where the weights are
    QString key;       // registry key (the card repo); default: repo
    QStringList files; // weight files chosen from the listing; empty: pick by `quant` (GGUF) or all safetensors
    QString quant;     // "Q4_K_M": selects the .gguf files whose name contains it (split parts included)
    QString name;      // display name; default: the repo's name part
    QString shortName; // default: the name part, lower-cased
    Capability capability = Capability::TextToText;
    QString kind;       // default: "decoder"
    QString runtime;    // default: "llama.cpp" for GGUF, "candle" otherwise
    qint64 context = 0; // serving context; 0: leave to the estimator's default
    QString dtype;      // loaded dtype of float weights (default "F16"); the quant for GGUF
};

// One way to pick a repo's weights: a GGUF quant (split parts together) or the top-level safetensors files.
struct WeightChoice
{
    QString label;  // "Q4_K_M: 2 files, 18.6 GiB"
    QString quant;  // the GGUF quant read from the file name ("Q4_K_M"); empty for safetensors
    QString format; // "gguf" | "safetensors"
    QStringList files;
    qint64 bytes = 0; // sum of the listed sizes (0 when the listing has none)
};

// Registry editing helpers on top of Registry's own validation.
class RegistryEdit
{
public:
    // The weight choices a listing offers, GGUF quants first (sorted by name), then the safetensors set.
    static QList<WeightChoice> weightChoices(const QJsonArray &listing);
    // The GGUF quant in a file name ("model-Q4_K_M-00001-of-00002.gguf" -> "Q4_K_M"); empty when it names none.
    static QString quantOf(const QString &fileName);
    // Resolves what the user asked for (files, quant, or nothing) to one choice; errors name the repo, list the
    // choices and the field ("files", "quant") when the request is ambiguous or matches nothing.
    static Result<WeightChoice> pick(const QString &repo, const QJsonArray &listing, const QStringList &files,
                                     const QString &quant);
    // The capability and kind a model's config.json (architectures, model_type) or GGUF header suggests; false
    // when nothing does.
    static bool inferCapability(const ModelFacts &facts, Capability *capability, QString *kind);
    // The usual kind of a capability: encoder, decoder, clip, vlm, diffusion.
    static QString defaultKind(Capability capability);
    // `entry` with another capability; a one-component model also takes the capability's usual kind.
    static RegistryEntry withCapability(RegistryEntry entry, Capability capability);
    // `entry` with its (single) weight component replaced by `choice` from the same repo's listing; name, key and
    // serving kept. Entries with several components are refused (edit them in a registry file).
    static Result<RegistryEntry> withWeights(const RegistryEntry &entry, const WeightChoice &choice);

    // Builds an entry from a repo file listing given as data: [{"path": "...", "size": N, "type": "file"}, ...]
    // (the Hub tree API's shape). Errors name the field ("files", "quant", "repo").
    static Result<RegistryEntry> entryFromListing(const NewEntryChoice &choice, const QJsonArray &listing);
    // Validates one entry exactly as a registry file would (messages name the entry and field).
    static Result<RegistryEntry> validate(const RegistryEntry &entry);
};

} // namespace memspec
