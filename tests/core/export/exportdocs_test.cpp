// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The exported model docs are ready to commit: `memspec export --only docs --only specs` into a fresh folder, then
// every relative link resolves inside that folder, no research notes (copies, code-index remarks, URLs outside the
// model's own Hub repos), never "not known" parameters beside a parameter count, and every serving parameter the
// figure depends on is stated with the value `memspec estimate --json` uses.
#include "tests/support/clirun.h"
#include "app/review/workspace.h"
#include "testreviews.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

QByteArray runCli(const QStringList &args)
{
    const QStringList global = QStringList{QStringLiteral("--offline"), QStringLiteral("--cache-dir"),
                                           QStringLiteral(MEMSPEC_BUILD_DIR "/no-cache")} + memspec::test::noProject();
    const memspec::test::CliRun r = memspec::test::runCli(args, {.global = global});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return r.out;
}

// The value in a two-column Markdown row "| Name | value |".
QString rowValue(const QString &md, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^\\| %1 \\| (.*) \\|$").arg(QRegularExpression::escape(name)),
                                QRegularExpression::MultilineOption);
    return re.match(md).captured(1);
}

} // namespace

TEST(ExportDocs, DocsAreReadyToCommit)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    runCli({QStringLiteral("export"), QStringLiteral("--out"), dir.path(), QStringLiteral("--only"), QStringLiteral("docs"),
            QStringLiteral("--only"), QStringLiteral("specs")});
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok()) << ws.error().toStdString();

    const QStringList banned{QStringLiteral("verbatim"), QStringLiteral("code index"), QStringLiteral("code-index"),
                             QStringLiteral("third-party"), QStringLiteral("third party"), QStringLiteral("mirror"),
                             QStringLiteral("../shared"), QStringLiteral("catalogue"), QStringLiteral("/blame/")};
    const QRegularExpression link(QStringLiteral("\\]\\(([^)\\s]+)\\)"));
    const QRegularExpression url(QStringLiteral("https?://[^\\s)>|`]+"));
    const QRegularExpression paramCount(QStringLiteral("\\d[\\d,]* params\\b"));
    int docs = 0;
    QDirIterator it(dir.path(), {QStringLiteral("*.md")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(dir.path()).relativeFilePath(path);
        const QString md = QString::fromUtf8(readFile(path));
        SCOPED_TRACE(rel.toStdString());
        // Relative links resolve inside the exported folder.
        auto links = link.globalMatch(md);
        while (links.hasNext()) {
            const QString target = links.next().captured(1).section(QLatin1Char('#'), 0, 0);
            if (target.isEmpty() || target.contains(QStringLiteral("://")) || target.startsWith(QLatin1String("mailto:"))) {
                continue;
            }
            const QString resolved = QDir::cleanPath(QFileInfo(path).dir().filePath(target));
            EXPECT_TRUE(resolved.startsWith(dir.path() + QLatin1Char('/'))) << "link leaves the folder: " << target.toStdString();
            EXPECT_TRUE(QFileInfo::exists(resolved)) << "broken link: " << target.toStdString();
        }
        for (const QString &b : banned) {
            EXPECT_FALSE(md.contains(b, Qt::CaseInsensitive)) << "research note: " << b.toStdString();
        }
        if (rel == QLatin1String("models/MEMORY_SPECS.md")) {
            continue;
        }
        ++docs;
        // The doc belongs to one registry model: links go to its own Hub repos only.
        const RegistryEntry *entry = nullptr;
        for (const RegistryEntry &e : ws->registry().entries()) {
            if (QStringLiteral("models/") + e.docPath() == rel) {
                entry = &e;
            }
        }
        ASSERT_NE(entry, nullptr);
        QStringList own{entry->key};
        own << entry->aliases;
        for (const WeightComponent &c : entry->components) {
            own << c.repo;
        }
        auto urls = url.globalMatch(md);
        while (urls.hasNext()) {
            const QString u = urls.next().captured();
            const bool ownRepo = std::any_of(own.cbegin(), own.cend(), [&](const QString &repo) {
                const QString base = QStringLiteral("https://huggingface.co/") + repo;
                return u == base || u.startsWith(base + QLatin1Char('/'));
            });
            EXPECT_TRUE(ownRepo) << "cites " << u.toStdString();
        }
        // Never "not known" parameters beside a parameter count.
        if (rowValue(md, QStringLiteral("Parameters")).startsWith(QLatin1String("not known"))) {
            EXPECT_FALSE(paramCount.match(md).hasMatch()) << paramCount.match(md).captured().toStdString();
        }
        // Every serving parameter the figure depends on, with the estimator's value.
        const QJsonObject p = QJsonDocument::fromJson(runCli({QStringLiteral("estimate"), entry->key, QStringLiteral("--json")}))
                                  .object()
                                  .value(QStringLiteral("parameters"))
                                  .toObject();
        ASSERT_FALSE(p.isEmpty());
        EXPECT_EQ(rowValue(md, QStringLiteral("Runtime")), QStringLiteral("`%1`").arg(p.value(QStringLiteral("runtime")).toString()));
        if (entry->capability == Capability::TextToImage) {
            EXPECT_EQ(rowValue(md, QStringLiteral("Resolution")),
                      QStringLiteral("%1×%2").arg(p.value(QStringLiteral("width")).toInteger()).arg(p.value(QStringLiteral("height")).toInteger()));
            continue;
        }
        const QString chunk = rowValue(md, QStringLiteral("Prefill chunk"));
        EXPECT_EQ(chunk.section(QLatin1Char(' '), 0, 0).remove(QLatin1Char(',')).toLongLong(), p.value(QStringLiteral("ubatch")).toInteger())
            << chunk.toStdString();
        EXPECT_EQ(rowValue(md, QStringLiteral("Context (prompt limit)")).section(QLatin1Char(' '), 0, 0).remove(QLatin1Char(',')).toLongLong(),
                  p.value(QStringLiteral("context")).toInteger());
        EXPECT_EQ(rowValue(md, QStringLiteral("KV cache dtype")), p.value(QStringLiteral("kv_type")).toString());
        EXPECT_FALSE(rowValue(md, QStringLiteral("Flash attention")).isEmpty());
        EXPECT_FALSE(rowValue(md, QStringLiteral("Margin")).isEmpty());
    }
    EXPECT_EQ(docs, 12);
}
