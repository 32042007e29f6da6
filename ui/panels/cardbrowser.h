// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QTextBrowser>

namespace memspec::ui {

// A QTextBrowser that fetches nothing: every resource request (images, style sheets, file: or qrc: URLs that
// a hostile card might name) is refused and counted. Links never navigate inside the browser; a click on an
// http(s)/mailto link emits externalLinkActivated, and the owner opens the system browser.
class CardBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardBrowser)
public:
    explicit CardBrowser(QWidget *parent = nullptr);

    QVariant loadResource(int type, const QUrl &name) override;
    int refusedResources() const { return m_refused; }

Q_SIGNALS:
    void externalLinkActivated(const QUrl &url);

private:
    int m_refused = 0;
};

} // namespace memspec::ui
