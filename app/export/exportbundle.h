// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/export/exportinput.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace memspec {

enum class ExportKind { Docs, Specs, Rust, Cpp, Json, Csv };

// Everything `memspec export` writes, as relative path → bytes, and the atomic write of that set into a folder:
//   docs  models/{capability}/{DOC FILE}     specs models/MEMORY_SPECS.md
//   rust  rust/est_memory_allocation_mb.rs   cpp   cpp/memspec_models.h
//   json  memory_specs.json                  csv   memory_breakdown.csv
class ExportBundle final
{
public:
    static QList<ExportKind> allKinds();
    static bool kindFromId(const QString &id, ExportKind *out);
    static QString kindId(ExportKind kind);   // the inverse of kindFromId   // "docs" | "specs" | "rust" | "cpp" | "json" | "csv"

    // Renders the files in memory. Fails (naming the entry) when a registry doc path would leave the folder.
    static Result<QMap<QString, QByteArray>> render(const ExportInput &input, const QList<ExportKind> &kinds);

    // Renders, stages every file in a temporary folder inside outDir, then moves them into place. When anything
    // fails, files already moved are put back and nothing new remains. Returns the relative paths written.
    static Result<QStringList> write(const QString &outDir, const ExportInput &input, const QList<ExportKind> &kinds);
    static Result<QStringList> writeFiles(const QString &outDir, const QMap<QString, QByteArray> &files);
};

} // namespace memspec
