// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "cardbrowser.h"

namespace memspec::ui {

CardBrowser::CardBrowser(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") ||
            url.scheme() == QLatin1String("mailto")) {
            Q_EMIT externalLinkActivated(url);
        } else if (url.scheme().isEmpty() && url.hasFragment()) {
            scrollToAnchor(url.fragment());
        }
    });
}

QVariant CardBrowser::loadResource(int, const QUrl &)
{
    ++m_refused;
    return {};
}

} // namespace memspec::ui
