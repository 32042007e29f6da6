// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The patched statics must still compile: each fixture file holding a CandleModelInfo static is type-checked by
// rustc against a stub of the real 36-field struct (tests/data/export/rustc_stub.rs).
#include "testreviews.h"

#include "app/export/rustpatcher.h"
#include "app/export/rustsnippetwriter.h"

#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

QString rustc()
{
    QString exe = QStandardPaths::findExecutable(QStringLiteral("rustc"));
    if (exe.isEmpty()) {
        exe =
            QStandardPaths::findExecutable(QStringLiteral("rustc"), {QDir::homePath() + QStringLiteral("/.cargo/bin")});
    }
    return exe;
}

// A crate: the stub, then each file as a module (inner doc comments dropped: they are only valid at a file's top).
QByteArray crateFrom(const QStringList &files)
{
    QByteArray lib = readFile(QStringLiteral(TEST_DATA_DIR "/export/rustc_stub.rs"));
    int i = 0;
    for (const QString &path : files) {
        QByteArray body;
        for (const QByteArray &line : readFile(path).split('\n')) {
            if (!line.startsWith("//!")) {
                body += line + '\n';
            }
        }
        lib += "\npub mod fixture_" + QByteArray::number(i++) + " {\n" + body + "}\n";
    }
    return lib;
}

struct Compiled
{
    bool ok;
    QByteArray diagnostics;
};

Compiled compile(const QString &exe, const QByteArray &source, const QString &dir)
{
    const QString lib = dir + QStringLiteral("/lib.rs");
    EXPECT_TRUE(writeFile(lib, source));
    QProcess p;
    p.start(exe, {QStringLiteral("--edition"), QStringLiteral("2021"), QStringLiteral("--crate-type"),
                  QStringLiteral("lib"), QStringLiteral("--emit=metadata"), QStringLiteral("--crate-name"),
                  QStringLiteral("fixture"), QStringLiteral("-o"), dir + QStringLiteral("/fixture.rmeta"), lib});
    EXPECT_TRUE(p.waitForFinished(120000));
    return Compiled{p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError()};
}

QStringList modelFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, {QStringLiteral("*.rs")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readFile(path).contains("CandleModelInfo = CandleModelInfo") &&
            !path.endsWith(QLatin1String("/domain/model/info.rs"))) {
            files << path;
        }
    }
    files.sort();
    return files;
}

} // namespace

TEST(RustCompile, PatchedStaticsCompileAgainstTheStruct)
{
    const QString exe = rustc();
    if (exe.isEmpty()) {
        GTEST_SKIP() << "rustc is not installed, so the patched statics cannot be compiled";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString tree = dir.filePath(QStringLiteral("tree"));
    ASSERT_TRUE(copyTree(fixtureTree(), tree));
    // Every static the registry matches, the two that lack the field included.
    QList<ModelReview> all;
    for (const char *key :
         {"dunzhang/stella_en_1.5B_v5", "sentence-transformers/all-MiniLM-L6-v2", "Alibaba-NLP/gte-Qwen2-1.5B-instruct",
          "jinaai/jina-embeddings-v2-base-en", "nvidia/NV-Embed-v2", "unsloth/phi-4-reasoning",
          "unsloth/Kimi-K2-Instruct-GGUF", "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF", "openai/clip-vit-base-patch32",
          "llava-hf/llava-1.5-7b-hf", "black-forest-labs/FLUX.1-schnell",
          "stabilityai/stable-diffusion-3.5-large-turbo"}) {
        ModelReview r = reviews().at(2);
        r.entry.key = QLatin1String(key);
        r.estimate.estMib = 1200;
        all << r;
    }
    auto plan = RustPatcher::plan(tree, allApproved(all), false);
    ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
    EXPECT_TRUE(plan->modelsWithoutStatic.isEmpty()) << plan->modelsWithoutStatic.join(QLatin1Char(' ')).toStdString();
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    const QStringList files = modelFiles(tree);
    ASSERT_EQ(files.size(), 12);
    const Compiled c = compile(exe, crateFrom(files), dir.path());
    EXPECT_TRUE(c.ok) << c.diagnostics.toStdString();
}

TEST(RustCompile, StaticWithoutTheFieldDoesNotCompile)
{
    const QString exe = rustc();
    if (exe.isEmpty()) {
        GTEST_SKIP() << "rustc is not installed, so the fixture cannot be compiled";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // bert.rs in the fixture has no est_memory_allocation_mb: the required field makes rustc reject it.
    const Compiled c = compile(
        exe, crateFrom({fixtureTree() + QStringLiteral("/packages/candle/src/capability/text_embedding/bert.rs")}),
        dir.path());
    EXPECT_FALSE(c.ok);
    EXPECT_TRUE(c.diagnostics.contains("E0063")) << c.diagnostics.toStdString();
    EXPECT_TRUE(c.diagnostics.contains("est_memory_allocation_mb")) << c.diagnostics.toStdString();
}

TEST(RustCompile, SnippetCompilesAndLooksUpKeys)
{
    const QString exe = rustc();
    if (exe.isEmpty()) {
        GTEST_SKIP() << "rustc is not installed, so the snippet cannot be compiled";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QByteArray src = RustSnippetWriter::render(reviews());
    src += "\n#[cfg(test)]\nmod t {}\npub const PHI: Option<usize> = None;\n"
           "pub fn phi() -> Option<usize> { est_memory_allocation_mb(\"MICROSOFT/phi-4\") }\n";
    const QString lib = dir.filePath(QStringLiteral("snippet.rs"));
    ASSERT_TRUE(writeFile(lib, "#![allow(dead_code)]\n" + src +
                                   "fn main() { assert_eq!(phi(), Some(28000)); "
                                   "assert_eq!(est_memory_allocation_mb(\"nobody/none\"), None); }\n"));
    QProcess p;
    p.start(exe, {QStringLiteral("--edition"), QStringLiteral("2021"), QStringLiteral("-o"),
                  dir.filePath(QStringLiteral("snippet")), lib});
    ASSERT_TRUE(p.waitForFinished(120000));
    ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    QProcess run;
    run.start(dir.filePath(QStringLiteral("snippet")), {});
    ASSERT_TRUE(run.waitForFinished(30000));
    EXPECT_EQ(run.exitCode(), 0) << run.readAllStandardError().toStdString();
}
