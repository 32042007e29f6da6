// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/registry/registryentry.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace memspec::ui {

// What the card view shows for one model, computed from the registry entry and its facts: the facts box (front
// matter plus what the facts know), the Markdown body, or, offline, a page that says the card comes with a refresh.
struct CardFacts
{
    QString factsHtml;
    QByteArray bodyMarkdown; // empty when no card text is known
    QString offlineHtml;

    static CardFacts from(const RegistryEntry &entry, const ModelFacts *facts, const QUrl &endpoint);
};

} // namespace memspec::ui
