// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "exportbundle.h"

#include "app/export/cppheaderwriter.h"
#include "app/export/csvexporter.h"
#include "app/export/jsonexporter.h"
#include "app/export/memoryspecswriter.h"
#include "app/export/modeldocwriter.h"
#include "app/export/rustsnippetwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace memspec {

namespace {

struct KindName
{
    ExportKind kind;
    const char *id;
};
constexpr KindName kKinds[] = {{ExportKind::Docs, "docs"}, {ExportKind::Specs, "specs"}, {ExportKind::Rust, "rust"},
                               {ExportKind::Cpp, "cpp"},   {ExportKind::Json, "json"},   {ExportKind::Csv, "csv"}};

// A relative path made of plain names only: no "..", no absolute path, no backslashes or control characters.
bool safeRelativePath(const QString &path)
{
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"));
    return ok.match(path).hasMatch() && !path.split(QLatin1Char('/')).contains(QStringLiteral(".."));
}

} // namespace

QList<ExportKind> ExportBundle::allKinds()
{
    QList<ExportKind> out;
    for (const KindName &k : kKinds) {
        out << k.kind;
    }
    return out;
}

bool ExportBundle::kindFromId(const QString &id, ExportKind *out)
{
    for (const KindName &k : kKinds) {
        if (id == QLatin1String(k.id)) {
            *out = k.kind;
            return true;
        }
    }
    return false;
}

QString ExportBundle::kindId(ExportKind kind)
{
    for (const KindName &k : kKinds) {
        if (k.kind == kind) {
            return QLatin1String(k.id);
        }
    }
    return {};
}

Result<QMap<QString, QByteArray>> ExportBundle::render(const ExportInput &input, const QList<ExportKind> &kinds)
{
    QMap<QString, QByteArray> files;
    const QList<ModelReview> &reviews = input.reviews;
    for (ExportKind kind : kinds) {
        switch (kind) {
        case ExportKind::Docs:
            for (const ModelReview &r : reviews) {
                const QString path = QStringLiteral("models/") + r.entry.docPath();
                if (!safeRelativePath(path) || !path.endsWith(QLatin1String(".md"))) {
                    return Result<QMap<QString, QByteArray>>::failure(
                        QStringLiteral("registry entry %1: doc file \"%2\" is not a plain .md file name").arg(r.entry.key, r.entry.docFile));
                }
                files.insert(path, ModelDocWriter::render(r, input.factsFor(r.entry.key)).toUtf8());
            }
            break;
        case ExportKind::Specs:
            files.insert(QStringLiteral("models/MEMORY_SPECS.md"), MemorySpecsWriter::render(reviews).toUtf8());
            break;
        case ExportKind::Rust:
            files.insert(QStringLiteral("rust/est_memory_allocation_mb.rs"), RustSnippetWriter::render(reviews));
            break;
        case ExportKind::Cpp:
            files.insert(QStringLiteral("cpp/memspec_models.h"), CppHeaderWriter::render(reviews));
            break;
        case ExportKind::Json:
            files.insert(QStringLiteral("memory_specs.json"), QJsonDocument(JsonExporter::toJson(reviews)).toJson(QJsonDocument::Indented));
            break;
        case ExportKind::Csv:
            files.insert(QStringLiteral("memory_breakdown.csv"), CsvExporter::render(reviews));
            break;
        }
    }
    return files;
}

Result<QStringList> ExportBundle::write(const QString &outDir, const ExportInput &input, const QList<ExportKind> &kinds)
{
    auto files = render(input, kinds);
    if (!files) {
        return Result<QStringList>::failure(files.error());
    }
    return writeFiles(outDir, files.value());
}

Result<QStringList> ExportBundle::writeFiles(const QString &outDir, const QMap<QString, QByteArray> &files)
{
    using R = Result<QStringList>;
    QDir out(outDir);
    const bool created = !out.exists();
    if (created && !QDir().mkpath(outDir)) {
        return R::failure(QStringLiteral("%1: cannot create the folder").arg(outDir));
    }
    QTemporaryDir staging(out.filePath(QStringLiteral(".memspec-export-XXXXXX")));
    auto cleanupCreated = [&] {
        if (created) {
            staging.remove();
            QDir(outDir).removeRecursively();
        }
    };
    if (!staging.isValid()) {
        cleanupCreated();
        return R::failure(QStringLiteral("%1: cannot create a staging folder: %2").arg(outDir, staging.errorString()));
    }
    const QDir stage(staging.path());
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        const QString path = stage.filePath(QStringLiteral("new/") + it.key());
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size() || !f.flush()) {
            const QString why = f.errorString();
            cleanupCreated();
            return R::failure(QStringLiteral("%1: cannot write: %2 (nothing was exported)").arg(out.filePath(it.key()), why));
        }
    }
    // Move into place; keep the old files in the staging folder until every new one is in.
    QStringList moved;
    QStringList backedUp;
    QStringList madeDirs;
    auto rollback = [&] {
        for (const QString &rel : moved) {
            QFile::remove(out.filePath(rel));
        }
        for (const QString &rel : backedUp) {
            QFile::rename(stage.filePath(QStringLiteral("old/") + rel), out.filePath(rel));
        }
        for (auto d = madeDirs.crbegin(); d != madeDirs.crend(); ++d) {
            QDir().rmdir(*d);
        }
        cleanupCreated();
    };
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        const QString target = out.filePath(it.key());
        QStringList missing;
        for (QString d = QFileInfo(target).absolutePath(); !QFileInfo::exists(d); d = QFileInfo(d).absolutePath()) {
            missing.prepend(d);
        }
        for (const QString &d : missing) {
            if (!QDir().mkdir(d)) {
                rollback();
                return R::failure(QStringLiteral("%1: cannot create the folder (nothing was exported)").arg(d));
            }
            madeDirs << d;
        }
        if (QFileInfo::exists(target)) {
            const QString old = stage.filePath(QStringLiteral("old/") + it.key());
            QDir().mkpath(QFileInfo(old).absolutePath());
            if (!QFile::rename(target, old)) {
                rollback();
                return R::failure(QStringLiteral("%1: cannot replace (nothing was exported)").arg(target));
            }
            backedUp << it.key();
        }
        if (!QFile::rename(stage.filePath(QStringLiteral("new/") + it.key()), target)) {
            rollback();
            return R::failure(QStringLiteral("%1: cannot move into place (nothing was exported)").arg(target));
        }
        moved << it.key();
    }
    return files.keys();
}

} // namespace memspec
