// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace memspec {

// A memory figure stated in a model card ("~24 GB VRAM", "16-24GB of GPU memory"). Read in the unit as printed:
// "3.2 GB" = 3.2e9 bytes, "8 GiB" = 8 × 2^30 bytes. A range keeps both bounds; a single value has low == high.
struct MemoryStatement
{
    QString quote;       // the matched figure, e.g. "16-24 GB"
    QString context;     // the line around it (at most ~200 characters)
    qint64 position = 0; // character (UTF-16) index of the figure in the whole card text
    double lowBytes = 0;
    double highBytes = 0;
    QString unit;             // "MB", "MiB", "GB", "GiB", "TB", "TiB"
    bool approximate = false; // "~", "≈", "about", "around", "approximately"

    // {"quote", "context", "position", "low_bytes", "high_bytes", "unit", "approximate"} (ModelFacts.cardStatements)
    QJsonObject toJson() const;
};

// A model card (README.md): YAML front matter split from the Markdown body, and the memory statements in it.
// Front matter is the block between a first line "---" and the next line "---" (or "..."). It is parsed with
// yaml-cpp behind guards against hostile input: at most kMaxFrontMatterBytes, bracket/indent nesting at most
// kMaxDepth before yaml-cpp sees it, and at most kMaxNodes nodes when converting (so alias "billion laughs" bombs
// stop). A front matter that breaks a guard or is invalid YAML is dropped with a warning naming the file and byte
// offset; the body is still returned. Only a card larger than kMaxCardBytes fails.
struct ModelCard
{
    static constexpr qint64 kMaxCardBytes = 16LL * 1024 * 1024;
    static constexpr qint64 kMaxFrontMatterBytes = 1024 * 1024;
    static constexpr int kMaxDepth = 64;
    static constexpr int kMaxNodes = 100000;

    bool hasFrontMatter = false;
    QJsonObject frontMatter; // YAML mapping → JSON (scalars typed: null, bool, int, float, string)
    QString body;            // Markdown after the front matter
    qint64 bodyPosition = 0; // character index of the body in the whole text
    QList<MemoryStatement> memoryStatements;
    QStringList warnings;

    static Result<ModelCard> parse(const QByteArray &readme, const QString &fileName = QStringLiteral("README.md"));
    // Memory statements in any text (numbers with MB/MiB/GB/GiB/TB/TiB near VRAM/RAM/memory/GPU words).
    static QList<MemoryStatement> findMemoryStatements(const QString &text);
};

} // namespace memspec
