// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QUrl>
#include <QWidget>

class QLabel;

namespace memspec::ui {

class CardBrowser;

// The selected model's card: a compact facts box (front matter and what the facts know), then the card text
// rendered from GitHub-flavoured Markdown. Offline there is no card text: the panel says so and shows the card
// statements the bundled facts carry.
class CardPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardPanel)
public:
    explicit CardPanel(QWidget *parent = nullptr);

    void setModel(const RegistryEntry &entry, const ModelFacts *facts, const QUrl &endpoint);
    CardBrowser *browser() const { return m_browser; }

Q_SIGNALS:
    void externalLinkActivated(const QUrl &url);

private:
    QLabel *m_facts;
    CardBrowser *m_browser;
};

} // namespace memspec::ui
