// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/export/rustpatcher.h"
#include "app/registry/registryentry.h"

#include <QList>
#include <QString>

namespace memspec {

// Where the registry and the service's source tree disagree about which model is served.
struct ServiceMismatch
{
    enum class Kind {
        RepoDiffers,        // the model's source file holds a static for another repo (and none for this one)
        ModelWithoutStatic, // no static has the model's key or an alias
        StaticWithoutModel, // a static whose registry_key no registry model has
    };

    Kind kind = Kind::ModelWithoutStatic;
    QString modelKey; // registry side (empty for StaticWithoutModel)
    QString modelName;
    QString serviceKey; // the static's registry_key (empty for ModelWithoutStatic)
    QString staticName; // STELLA_MODEL_INFO
    QString file;       // relative to the source tree
    int line = 0;

    // Only a repo that differs names the service's model, so only it can be adopted.
    bool canAdopt() const { return kind == Kind::RepoDiffers && !serviceKey.isEmpty(); }
    QString kindTitle() const; // "repo differs", "model without a static", "static without a model"
    QString describe() const;  // one line naming both sides, file:line included
};

class ServiceMismatches final
{
public:
    // Pairs each model without a static with the one unmatched static in its registry source file (a repo that
    // differs); everything else stays a model without a static or a static without a model. Registry order, then
    // statics in file order.
    static QList<ServiceMismatch> find(const RustPatchPlan &plan, const QList<ModelReview> &reviews);

    // The registry entry as the service has it: the static's repo becomes the key, components loaded from the
    // old repo come from the new one, the name and doc file follow the new repo, aliases of the old repo go.
    // The short name, capability, runtime and source file stay. Errors name the mismatch.
    static Result<RegistryEntry> adopted(const RegistryEntry &entry, const ServiceMismatch &mismatch);
};

} // namespace memspec
