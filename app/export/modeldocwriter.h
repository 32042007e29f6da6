// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"
#include "app/review/modelreview.h"

#include <QString>

class QIODevice;

namespace memspec {

// docs/models/{capability}/{DOC FILE} for one model (DESIGN §5): title, registry key and Hugging Face link,
// Overview, Architecture, Memory Requirements (the pool's figure with its breakdown), Performance, Usage Notes and
// the Review footer. Every sentence is generated from the review and the facts; no card text is copied.
class ModelDocWriter final
{
public:
    // facts may be null (a model added by the user and never refreshed): Architecture then says "not known".
    static QString render(const ModelReview &review, const ModelFacts *facts);
    static Result<Done> write(QIODevice *device, const ModelReview &review, const ModelFacts *facts);
};

} // namespace memspec
