// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace memspec {

// GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) to HTML through cmark-gfm, which
// never appears in this header. The output is safe to show in a QTextBrowser that fetches nothing:
//  - raw HTML and script are dropped (cmark's safe mode; the tagfilter extension on top),
//  - images become a placeholder link "[image: alt]" to their (resolved) URL, so nothing is fetched,
//  - relative links and image URLs are resolved against `linkBase` / `imageBase`,
//  - only http, https and mailto links survive; other schemes lose their target.
// Pure function: no I/O, safe on any thread.
class MarkdownRenderer final
{
public:
    struct Options
    {
        QUrl linkBase;  // e.g. https://huggingface.co/org/name/blob/main/
        QUrl imageBase; // e.g. https://huggingface.co/org/name/resolve/main/
    };

    struct Output
    {
        QString html;
        int imagesReplaced = 0;
        int linksResolved = 0; // relative links rewritten against the base
    };

    static Output render(const QByteArray &markdown, const Options &options);
    static QString toHtml(const QByteArray &markdown, const Options &options = {})
    {
        return render(markdown, options).html;
    }

    // Options for a Hugging Face repo's README at `endpoint` (https://huggingface.co by default).
    static Options forHubRepo(const QString &repo,
                              const QUrl &endpoint = QUrl(QStringLiteral("https://huggingface.co")),
                              const QString &revision = QStringLiteral("main"));
};

} // namespace memspec
