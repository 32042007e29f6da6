// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/modelcard.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace memspec;

TEST(ModelCard, splitsFrontMatterFromBody)
{
    const QByteArray readme = "---\r\n"
                              "license: apache-2.0\r\n"
                              "tags:\r\n  - text-generation\r\n  - \"gguf\"\r\n"
                              "base_model: [org/a, org/b]\r\n"
                              "params: 7\r\nratio: 0.5\r\nflag: true\r\nnothing: ~\r\nversion: '1.0'\r\n"
                              "model-index:\r\n  - name: x\r\n    results: []\r\n"
                              "---\r\n"
                              "# Title\r\n\r\nRuns in ~24 GB VRAM.\r\n";
    const Result<ModelCard> r = ModelCard::parse(readme);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error());
    const ModelCard &c = r.value();
    EXPECT_TRUE(c.hasFrontMatter);
    EXPECT_TRUE(c.warnings.isEmpty()) << qPrintable(c.warnings.join(QLatin1Char('\n')));
    EXPECT_EQ(c.frontMatter.value(QStringLiteral("license")).toString(), QStringLiteral("apache-2.0"));
    EXPECT_EQ(c.frontMatter.value(QStringLiteral("tags")).toArray().at(1).toString(), QStringLiteral("gguf"));
    EXPECT_EQ(c.frontMatter.value(QStringLiteral("base_model")).toArray().size(), 2);
    EXPECT_EQ(c.frontMatter.value(QStringLiteral("params")).toInteger(), 7);
    EXPECT_DOUBLE_EQ(c.frontMatter.value(QStringLiteral("ratio")).toDouble(), 0.5);
    EXPECT_TRUE(c.frontMatter.value(QStringLiteral("flag")).toBool());
    EXPECT_TRUE(c.frontMatter.value(QStringLiteral("nothing")).isNull());
    EXPECT_EQ(c.frontMatter.value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));
    EXPECT_TRUE(c.body.startsWith(QStringLiteral("# Title")));
    EXPECT_EQ(QString::fromUtf8(readme).mid(c.bodyPosition, 7), QStringLiteral("# Title"));
    ASSERT_EQ(c.memoryStatements.size(), 1);
    const MemoryStatement &s = c.memoryStatements.at(0);
    EXPECT_EQ(s.quote, QStringLiteral("24 GB"));
    EXPECT_TRUE(s.approximate);
    EXPECT_DOUBLE_EQ(s.lowBytes, 24e9);
    EXPECT_EQ(QString::fromUtf8(readme).mid(s.position, 5), QStringLiteral("24 GB"));
}

TEST(ModelCard, noFrontMatterAndUnclosedFrontMatter)
{
    Result<ModelCard> r = ModelCard::parse("# Just markdown\n");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->hasFrontMatter);
    EXPECT_EQ(r->body, QStringLiteral("# Just markdown\n"));
    r = ModelCard::parse("---\nlicense: mit\n# never closed\n");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->hasFrontMatter);
    EXPECT_EQ(r->warnings.size(), 1);
    r = ModelCard::parse("\xEF\xBB\xBF---\nlicense: mit\n...\nbody\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->frontMatter.value(QStringLiteral("license")).toString(), QStringLiteral("mit"));
    EXPECT_EQ(r->body, QStringLiteral("body\n"));
}

TEST(ModelCard, survivesYamlBombsAndBadYaml)
{
    // Billion laughs: 9 levels of 9 aliases expand to 9^9 nodes; conversion stops at kMaxNodes.
    QByteArray bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; ++c) {
        bomb += QByteArray(1, c) + ": &" + c + " [";
        for (int i = 0; i < 9; ++i) {
            bomb += QByteArray(i ? "," : "") + '*' + prev;
        }
        bomb += "]\n";
        prev = c;
    }
    bomb += "---\nbody\n";
    Result<ModelCard> r = ModelCard::parse(bomb);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->frontMatter.isEmpty());
    ASSERT_EQ(r->warnings.size(), 1);
    EXPECT_TRUE(r->warnings.at(0).contains(QStringLiteral("README.md: byte 4: front matter expands")))
        << qPrintable(r->warnings.at(0));
    EXPECT_EQ(r->body, QStringLiteral("body\n"));

    r = ModelCard::parse("---\nx: " + QByteArray(100000, '[') + "\n---\nbody");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->warnings.at(0).contains(QStringLiteral("nested deeper"))) << qPrintable(r->warnings.at(0));

    r = ModelCard::parse("---\nkey: [unclosed\nother: }\n---\nbody");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->warnings.size(), 1);
    EXPECT_TRUE(r->warnings.at(0).contains(QStringLiteral("not valid YAML"))) << qPrintable(r->warnings.at(0));

    r = ModelCard::parse("---\n- a\n- b\n---\nbody");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->warnings.at(0).contains(QStringLiteral("not a mapping")));

    r = ModelCard::parse("---\nbig: \"" + QByteArray(ModelCard::kMaxFrontMatterBytes, 'x') + "\"\n---\n");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->warnings.at(0).contains(QStringLiteral("ignored (limit")));
    EXPECT_FALSE(ModelCard::parse(QByteArray(ModelCard::kMaxCardBytes + 1, 'a')).ok());
}

TEST(ModelCard, findsMemoryStatementsInThePrintedUnit)
{
    const QString text = QStringLiteral("The model needs 3.2 GB of VRAM.\n"
                                        "Recommended: 16-24GB GPU memory; works with 8 GiB of RAM.\n"
                                        "Download size is 4.5 GB.\n" // no memory word: not a statement
                                        "Peak memory about 1,536 MB, or 12GB to 16GB on a GPU.\n"
                                        "Needs a 1.2 TB disk.\n"
                                        "Bandwidth 10 Gb/s over the GPU link.\n"); // bits, not bytes
    const QList<MemoryStatement> s = ModelCard::findMemoryStatements(text);
    ASSERT_EQ(s.size(), 5);
    EXPECT_EQ(s[0].quote, QStringLiteral("3.2 GB"));
    EXPECT_DOUBLE_EQ(s[0].lowBytes, 3.2e9);
    EXPECT_EQ(s[0].unit, QStringLiteral("GB"));
    EXPECT_EQ(text.mid(s[0].position, 6), QStringLiteral("3.2 GB"));
    EXPECT_EQ(s[1].quote, QStringLiteral("16-24GB"));
    EXPECT_DOUBLE_EQ(s[1].lowBytes, 16e9);
    EXPECT_DOUBLE_EQ(s[1].highBytes, 24e9);
    EXPECT_EQ(s[2].unit, QStringLiteral("GiB"));
    EXPECT_DOUBLE_EQ(s[2].lowBytes, 8.0 * 1024 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(s[3].lowBytes, 1536e6);
    EXPECT_TRUE(s[3].approximate);
    EXPECT_EQ(s[4].quote, QStringLiteral("12GB to 16GB"));
    EXPECT_DOUBLE_EQ(s[4].highBytes, 16e9);
    const QJsonObject j = s[1].toJson();
    EXPECT_EQ(j.value(QStringLiteral("high_bytes")).toDouble(), 24e9);
    EXPECT_EQ(j.value(QStringLiteral("position")).toInteger(), s[1].position);
}
