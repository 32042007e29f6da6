// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "cardpanel.h"

#include "app/common/units.h"
#include "app/markdown/markdownrenderer.h"

#include "ui/panels/cardbrowser.h"
#include "ui/panels/cardfacts.h"

#include <QFrame>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace memspec::ui {

namespace {
// QTextDocument knows <s> but not <del>, and shows no form controls: task-list boxes become ☑ / ☐.
QString adaptForQtRichText(QString html)
{
    html.replace(QLatin1String("<del>"), QLatin1String("<s>")).replace(QLatin1String("</del>"), QLatin1String("</s>"));
    static const QRegularExpression checked(QStringLiteral(R"(<input type="checkbox" checked="" disabled="" ?/?>)"));
    static const QRegularExpression unchecked(QStringLiteral(R"(<input type="checkbox" disabled="" ?/?>)"));
    html.replace(checked, QStringLiteral("☑"));
    html.replace(unchecked, QStringLiteral("☐"));
    html.replace(
        QLatin1String("<table>"),
        QLatin1String("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" style=\"border-collapse: collapse\">"));
    return html;
}
} // namespace

CardPanel::CardPanel(QWidget *parent) : QWidget(parent), m_facts(new QLabel(this)), m_browser(new CardBrowser(this))
{
    setObjectName(QStringLiteral("cardPanel"));
    m_facts->setObjectName(QStringLiteral("cardFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_facts->setOpenExternalLinks(false);
    m_facts->setFrameShape(QFrame::StyledPanel);
    m_facts->setAutoFillBackground(true);
    m_facts->setBackgroundRole(QPalette::AlternateBase);
    m_facts->setMargin(8);
    m_browser->setObjectName(QStringLiteral("cardBrowser"));
    m_browser->document()->setDocumentMargin(12);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_facts);
    layout->addWidget(m_browser, 1);

    connect(m_browser, &CardBrowser::externalLinkActivated, this, &CardPanel::externalLinkActivated);
    connect(m_facts, &QLabel::linkActivated, this,
            [this](const QString &link) { Q_EMIT externalLinkActivated(QUrl(link)); });
}

void CardPanel::setModel(const RegistryEntry &entry, const ModelFacts *facts, const QUrl &endpoint)
{
    const CardFacts card = CardFacts::from(entry, facts, endpoint);
    m_facts->setText(card.factsHtml);
    if (!card.bodyMarkdown.isEmpty()) {
        const auto options = MarkdownRenderer::forHubRepo(
            entry.key, endpoint, facts && !facts->revision.isEmpty() ? facts->revision : QStringLiteral("main"));
        m_browser->setHtml(adaptForQtRichText(MarkdownRenderer::toHtml(card.bodyMarkdown, options)));
        return;
    }
    m_browser->setHtml(card.offlineHtml);
}

} // namespace memspec::ui
