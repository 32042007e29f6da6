// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/export/rustscanner.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

// One matched static and what the patch does to it.
struct RustStaticMatch
{
    RustStatic site;
    QString modelKey;              // the registry entry it belongs to
    qint64 target = 0;             // the value the patch writes
    std::optional<qint64> current; // what the code holds now (nullopt: field absent or not an integer literal)
    bool fieldPresent = false;
    bool refused = false;                // not approved and unapproved values are not allowed
    std::optional<qint64> currentTokens; // the static's max_input_tokens (nullopt: None, absent or not a literal)
    std::optional<qint64> targetTokens;  // the prompt limit the code should hold (nullopt: fixed by the model)
};

// A file the patch changes.
struct RustFileEdit
{
    QString path;    // absolute, inside the tree (a symlink inside the tree is resolved to its target)
    QString relPath; // relative to the source tree (reports, diff headers)
    QByteArray before;
    QByteArray after;
};

// The result of matching the registry against a source tree: nothing is written until apply().
struct RustPatchPlan
{
    QString sourceTree;
    QList<RustStaticMatch> matches;
    QStringList modelsWithoutStatic; // registry keys with no matching static
    QList<RustStatic> staticsWithoutModel;
    QList<RustFileEdit> edits; // only files whose bytes change
    QStringList unscannable;   // files that could not be read, or mention CandleModelInfo but could not be tokenised
                               // (file:line: why)
    QStringList skipped;       // files not read on purpose: symlinks out of the tree, names with control characters

    QStringList refusedModels() const;
    QByteArray unifiedDiff() const;
    // "models without a static" / "statics without a model" / "refused" lines for stderr.
    QStringList reportLines() const;

    // A file name or key as it may appear in a one-line report: control characters and backslashes escaped.
    static QString printableName(const QString &name);
};

// Finds the `CandleModelInfo` statics of a Rust source tree by their `registry_key` (key or alias of a registry
// entry) and writes `est_memory_allocation_mb` into them, and `max_input_tokens` where the approved prompt limit
// differs from the static's (RustLimitPatch), keeping every other byte of the file.
class RustPatcher final
{
public:
    static Result<RustPatchPlan> plan(const QString &sourceTree, const QList<ModelReview> &reviews,
                                      bool allowUnapproved);
    // Writes every changed file atomically (all files are staged before the first is replaced), keeping each file's
    // mode. Refuses, writing nothing, when a file's bytes differ from those the plan was made from.
    static Result<Done> apply(const RustPatchPlan &plan);

    // The value the code should hold for a review: the signed-off value, or (when unapproved values are allowed)
    // the effective value. nullopt when the model has no approved value and unapproved values are not allowed.
    static std::optional<qint64> valueFor(const ModelReview &review, bool allowUnapproved);
    // The short comment written after the value, e.g. "// MiB per worker; memspec: approved by Ana, 2026-11-29".
    static QByteArray provenanceComment(const ModelReview &review);
};

} // namespace memspec
