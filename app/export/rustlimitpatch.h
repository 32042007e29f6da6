// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/export/rustscanner.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace memspec {

// The prompt-limit half of the Rust patch: `max_input_tokens` of a CandleModelInfo static, written beside
// `est_memory_allocation_mb` so the figure and the limit it holds for reach the service together (DESIGN §3a).
class RustLimitPatch final
{
public:
    static constexpr const char *kField = "max_input_tokens";

    struct Splice
    {
        qsizetype start;
        qsizetype end;
        QByteArray text;
    };

    // The prompt limit a static holds: the integer literal inside its `max_input_tokens` expression
    // (`NonZeroU32::new(32768)`, `Some(NonZeroU32::new(32_768).unwrap())`); nullopt for `None`, another expression
    // or no field.
    static std::optional<qint64> tokensIn(const QByteArray &source, const RustStatic &site);
    // The prompt limit the code should hold for a review: the signed-off one (or, when unapproved values are
    // allowed, the current one); nullopt for models whose limit is fixed by the model (CLIP, diffusion) or that have
    // no approved value.
    static std::optional<qint64> limitFor(const ModelReview &review, bool allowUnapproved);
    // Edits that make the static hold `tokens`, in the form the static already uses: the literal is replaced; `None`
    // or a missing field becomes `NonZeroU32::new(N)`. Empty when it already holds `tokens`.
    static QList<Splice> splices(const QByteArray &source, const RustStatic &site, qint64 tokens);
};

} // namespace memspec
