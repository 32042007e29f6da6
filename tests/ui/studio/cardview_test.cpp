// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "studiofixture.h"

#include "ui/panels/cardbrowser.h"
#include "ui/support/externallinks.h"

#include <QLabel>
#include <QTextDocument>

using namespace memspec;
using test::StudioFixture;

using StudioCard = StudioFixture;

namespace {
const QString kJina = QStringLiteral("jinaai/jina-embeddings-v2-base-en");
} // namespace

TEST_F(StudioCard, OfflineSaysTheCardComesWithARefreshAndShowsTheFacts)
{
    ASSERT_TRUE(window->selectModel(kJina));
    auto *browser = window->findChild<ui::CardBrowser *>(QStringLiteral("cardBrowser"));
    ASSERT_NE(browser, nullptr);
    EXPECT_TRUE(browser->toPlainText().contains(QStringLiteral("comes with a refresh")));
    auto *facts = window->findChild<QLabel *>(QStringLiteral("cardFacts"));
    EXPECT_TRUE(facts->text().contains(kJina));
    EXPECT_TRUE(facts->text().contains(QStringLiteral("12 layers"))) << qPrintable(facts->text());
}

TEST_F(StudioCard, RendersARefreshedCardInertlyWithFrontMatterAsFacts)
{
    ModelFacts facts = *state->workspace().facts().find(kJina);
    facts.revision = QStringLiteral("0123456789abcdef");
    facts.card =
        QByteArray("---\nlicense: apache-2.0\npipeline_tag: feature-extraction\ntags:\n- sentence-similarity\n---\n"
                   "# Jina\n\n| Precision | VRAM |\n|---|---|\n| fp16 | ~~1 GB~~ 0.6 GB |\n\n"
                   "<script>alert('x')</script>\n\n![chart](img/chart.png)\n\n"
                   "See [config](config.json) and www.example.org.\n");
    state->applyFacts(facts);
    ASSERT_TRUE(waitForRecompute());
    ASSERT_TRUE(window->selectModel(QStringLiteral("bert-minilm")));
    ASSERT_TRUE(window->selectModel(kJina));

    auto *browser = window->findChild<ui::CardBrowser *>(QStringLiteral("cardBrowser"));
    const QString html = browser->toHtml();
    const QString text = browser->toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("Precision")));
    EXPECT_FALSE(text.contains(QStringLiteral("license: apache"))); // front matter is not body text
    EXPECT_FALSE(text.contains(QStringLiteral("alert")));
    EXPECT_TRUE(text.contains(QStringLiteral("[image: chart]")));
    EXPECT_FALSE(html.contains(QStringLiteral("<img")));
    EXPECT_EQ(browser->refusedResources(), 0); // nothing even asked to be fetched
    EXPECT_TRUE(html.contains(
        QStringLiteral("https://huggingface.co/jinaai/jina-embeddings-v2-base-en/blob/0123456789abcdef/config.json")))
        << qPrintable(html);
    EXPECT_TRUE(html.contains(QStringLiteral("text-decoration: line-through")) ||
                html.contains(QStringLiteral("line-through")));
    // A table survives into the document.
    EXPECT_TRUE(html.contains(QStringLiteral("<table")));

    auto *factsBox = window->findChild<QLabel *>(QStringLiteral("cardFacts"));
    EXPECT_TRUE(factsBox->text().contains(QStringLiteral("apache-2.0")));
    EXPECT_TRUE(factsBox->text().contains(QStringLiteral("feature-extraction")));
    EXPECT_TRUE(factsBox->text().contains(QStringLiteral("0123456789")));
}

TEST_F(StudioCard, BrowserRefusesEveryResourceAndNeverNavigates)
{
    auto *browser = window->findChild<ui::CardBrowser *>(QStringLiteral("cardBrowser"));
    QSignalSpy links(browser, &ui::CardBrowser::externalLinkActivated);
    QList<QUrl> opened;
    ui::ExternalLinks::setHandlerForTests([&opened](const QUrl &u) {
        opened << u;
        return true;
    });
    EXPECT_FALSE(browser->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("https://evil.example/x.png")))
                     .isValid());
    EXPECT_FALSE(
        browser->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd"))).isValid());
    EXPECT_EQ(browser->refusedResources(), 2);
    EXPECT_FALSE(browser->openLinks());
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("https://huggingface.co/x")));
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
    ASSERT_EQ(links.count(), 1);
    EXPECT_EQ(links.first().first().toUrl(), QUrl(QStringLiteral("https://huggingface.co/x")));
    EXPECT_EQ(opened, QList<QUrl>{QUrl(QStringLiteral("https://huggingface.co/x"))}); // only on click, only http(s)
    ui::ExternalLinks::setHandlerForTests({});
}

TEST_F(StudioCard, GatedRepoSaysSoInTheFactsBox)
{
    ASSERT_TRUE(window->selectModel(QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo")));
    auto *facts = window->findChild<QLabel *>(QStringLiteral("cardFacts"));
    EXPECT_TRUE(facts->text().contains(QStringLiteral("gated"))) << qPrintable(facts->text());
}
