// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/markdown/markdownrenderer.h"

#include <gtest/gtest.h>

using memspec::MarkdownRenderer;

namespace {
QString html(const char *md, const MarkdownRenderer::Options &o = {})
{
    return MarkdownRenderer::toHtml(QByteArray(md), o);
}
} // namespace

TEST(MarkdownRenderer, RendersGfmTables)
{
    const QString h = html("| Precision | VRAM |\n|---|---:|\n| fp16 | 3.2 GB |\n| int8 | 1.7 GB |\n");
    EXPECT_TRUE(h.contains(QLatin1String("<table>")));
    EXPECT_EQ(h.count(QLatin1String("<tr")), 3);
    EXPECT_TRUE(h.contains(QLatin1String("<td align=\"right\">3.2 GB</td>"))) << qPrintable(h);
}

TEST(MarkdownRenderer, RendersStrikethroughAndTaskLists)
{
    const QString h = html("~~24 GB~~ 16 GB\n\n- [x] done\n- [ ] open\n");
    EXPECT_TRUE(h.contains(QLatin1String("<del>24 GB</del>"))) << qPrintable(h);
    EXPECT_EQ(h.count(QLatin1String("type=\"checkbox\"")), 2) << qPrintable(h);
}

TEST(MarkdownRenderer, AutolinksBareUrls)
{
    const QString h = html("See www.example.org and https://huggingface.co/docs for more.");
    EXPECT_TRUE(h.contains(QLatin1String("<a href=\"http://www.example.org\">"))) << qPrintable(h);
    EXPECT_TRUE(h.contains(QLatin1String("<a href=\"https://huggingface.co/docs\">"))) << qPrintable(h);
}

TEST(MarkdownRenderer, ScriptAndRawHtmlAreInert)
{
    const QString h = html("<script>alert(1)</script>\n\nText <iframe src=\"https://evil.example/\"></iframe> "
                           "<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) [data](data:text/html,hi)\n");
    EXPECT_FALSE(h.contains(QLatin1String("<script"), Qt::CaseInsensitive)) << qPrintable(h);
    EXPECT_FALSE(h.contains(QLatin1String("<iframe"), Qt::CaseInsensitive));
    EXPECT_FALSE(h.contains(QLatin1String("onerror")));
    EXPECT_FALSE(h.contains(QLatin1String("javascript:")));
    EXPECT_FALSE(h.contains(QLatin1String("data:text")));
    EXPECT_TRUE(h.contains(QLatin1String(">click</a>"))); // the text stays, the target is gone
}

TEST(MarkdownRenderer, ImagesBecomeLinksAndAreNeverEmbedded)
{
    const auto o = MarkdownRenderer::forHubRepo(QStringLiteral("org/model"));
    const auto out = MarkdownRenderer::render(QByteArray("![Benchmark chart](assets/chart.png)\n\n"
                                                         "![](https://cdn.example/x.png)\n"),
                                              o);
    EXPECT_EQ(out.imagesReplaced, 2);
    EXPECT_FALSE(out.html.contains(QLatin1String("<img"))) << qPrintable(out.html);
    EXPECT_TRUE(out.html.contains(QLatin1String("https://huggingface.co/org/model/resolve/main/assets/chart.png")))
        << qPrintable(out.html);
    EXPECT_TRUE(out.html.contains(QLatin1String("[image: Benchmark chart]")));
    EXPECT_TRUE(out.html.contains(QLatin1String("href=\"https://cdn.example/x.png\"")));
}

TEST(MarkdownRenderer, ResolvesRelativeLinksAgainstTheRepo)
{
    const auto o = MarkdownRenderer::forHubRepo(QStringLiteral("org/model"));
    const auto out =
        MarkdownRenderer::render(QByteArray("[config](config.json) [top](#usage) [abs](https://a.example/b)"), o);
    EXPECT_EQ(out.linksResolved, 1);
    EXPECT_TRUE(out.html.contains(QLatin1String("href=\"https://huggingface.co/org/model/blob/main/config.json\"")))
        << qPrintable(out.html);
    EXPECT_TRUE(out.html.contains(QLatin1String("href=\"#usage\"")));
    EXPECT_TRUE(out.html.contains(QLatin1String("href=\"https://a.example/b\"")));
}

TEST(MarkdownRenderer, RelativeLinksWithoutABaseLoseTheirTarget)
{
    const QString h = html("[local](../../etc/passwd) [file](file:///etc/passwd)");
    EXPECT_FALSE(h.contains(QLatin1String("passwd\""))) << qPrintable(h);
}

TEST(MarkdownRenderer, SurvivesHostileInput)
{
    QByteArray deep(20000, '>');
    deep += "x\n";
    QByteArray bad("\xff\xfe\x00 text", 8);
    QByteArray brackets(50000, '[');
    EXPECT_FALSE(MarkdownRenderer::toHtml(deep).isEmpty());
    EXPECT_TRUE(MarkdownRenderer::toHtml(bad).contains(QLatin1String("text")));
    EXPECT_FALSE(MarkdownRenderer::toHtml(brackets).isEmpty());
}
