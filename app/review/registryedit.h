// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/registry/registryentry.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace memspec {

// What a user picks when adding a Hub repo to the registry.
struct NewEntryChoice
{
    QString repo;             // "org/name"
    QStringList files;        // weight files chosen from the listing; empty: pick by `quant` (GGUF) or all safetensors
    QString quant;            // "Q4_K_M": selects the .gguf files whose name contains it (split parts included)
    QString name;             // display name; default: the repo's name part
    QString shortName;        // default: the name part, lower-cased
    Capability capability = Capability::TextToText;
    QString kind;             // default: "decoder"
    QString runtime;          // default: "llama.cpp" for GGUF, "candle" otherwise
    qint64 context = 0;       // serving context; 0: leave to the estimator's default
    QString dtype;            // loaded dtype of float weights (default "F16"); the quant for GGUF
};

// Registry editing helpers on top of Registry's own validation.
class RegistryEdit
{
public:
    // Builds an entry from a repo file listing given as data: [{"path": "...", "size": N, "type": "file"}, ...]
    // (the Hub tree API's shape). Errors name the field ("files", "quant", "repo").
    static Result<RegistryEntry> entryFromListing(const NewEntryChoice &choice, const QJsonArray &listing);
    // Validates one entry exactly as a registry file would (messages name the entry and field).
    static Result<RegistryEntry> validate(const RegistryEntry &entry);
};

} // namespace memspec
