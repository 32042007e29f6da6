// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "markdownrenderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <memory>
#include <mutex>
#include <vector>

namespace memspec {

namespace {

struct ParserDeleter
{
    void operator()(cmark_parser *p) const { cmark_parser_free(p); }
};
struct NodeDeleter
{
    void operator()(cmark_node *n) const { cmark_node_free(n); }
};

bool allowedScheme(const QUrl &url)
{
    const QString s = url.scheme().toLower();
    return s == QLatin1String("http") || s == QLatin1String("https") || s == QLatin1String("mailto");
}

// Resolves a link target. Fragment-only links stay as they are; anything that does not end up http(s)/mailto is
// emptied so that a click does nothing.
QByteArray resolveUrl(const char *raw, const QUrl &base, bool *resolved)
{
    *resolved = false;
    const QString text = QString::fromUtf8(raw ? raw : "");
    if (text.isEmpty() || text.startsWith(QLatin1Char('#'))) {
        return text.toUtf8();
    }
    QUrl url(text);
    if (!url.isValid()) {
        return {};
    }
    if (url.isRelative() && !text.startsWith(QLatin1String("//"))) {
        if (!base.isValid() || base.isEmpty()) {
            return {};
        }
        url = base.resolved(url);
        *resolved = true;
    } else if (text.startsWith(QLatin1String("//"))) {
        url.setScheme(QStringLiteral("https"));
    }
    return allowedScheme(url) ? url.toEncoded() : QByteArray();
}

void collectText(cmark_node *node, QString *out)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        if (const char *lit = cmark_node_get_literal(c)) {
            out->append(QString::fromUtf8(lit));
        }
        collectText(c, out);
    }
}

void attach(cmark_parser *parser, const char *name)
{
    if (cmark_syntax_extension *ext = cmark_find_syntax_extension(name)) {
        cmark_parser_attach_syntax_extension(parser, ext);
    }
}

} // namespace

MarkdownRenderer::Output MarkdownRenderer::render(const QByteArray &markdown, const Options &options)
{
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

    // No CMARK_OPT_UNSAFE: raw HTML is replaced by a comment and javascript:/vbscript:/file:/data: links emptied.
    const int opts = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG;
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(opts));
    for (const char *ext : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) {
        attach(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), markdown.constData(), size_t(markdown.size()));
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

    Output out;
    std::vector<cmark_node *> images;
    cmark_iter *iter = cmark_iter_new(doc.get());
    for (cmark_event_type ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
        if (ev != CMARK_EVENT_ENTER) {
            continue;
        }
        cmark_node *node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_IMAGE) {
            images.push_back(node);
        } else if (type == CMARK_NODE_LINK) {
            bool resolved = false;
            const QByteArray url = resolveUrl(cmark_node_get_url(node), options.linkBase, &resolved);
            cmark_node_set_url(node, url.constData());
            out.linksResolved += resolved ? 1 : 0;
        }
    }
    cmark_iter_free(iter);

    // Replace each image by a link to it, so the card never fetches anything and the reader still sees where the
    // image lives. Done after the walk: the iterator must not see the tree change under it.
    for (cmark_node *image : images) {
        QString alt;
        collectText(image, &alt);
        bool resolved = false;
        const QByteArray url = resolveUrl(cmark_node_get_url(image), options.imageBase, &resolved);
        cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, url.constData());
        cmark_node_set_title(link, "image not loaded");
        cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
        const QString label =
            alt.trimmed().isEmpty() ? QStringLiteral("[image]") : QStringLiteral("[image: %1]").arg(alt.trimmed());
        cmark_node_set_literal(text, label.toUtf8().constData());
        cmark_node_append_child(link, text);
        cmark_node_replace(image, link);
        cmark_node_free(image);
        ++out.imagesReplaced;
    }

    char *html = cmark_render_html(doc.get(), opts, cmark_parser_get_syntax_extensions(parser.get()));
    out.html = QString::fromUtf8(html);
    cmark_get_default_mem_allocator()->free(html);
    return out;
}

MarkdownRenderer::Options MarkdownRenderer::forHubRepo(const QString &repo, const QUrl &endpoint,
                                                       const QString &revision)
{
    QString base = endpoint.toString(QUrl::StripTrailingSlash);
    Options o;
    o.linkBase = QUrl(base + QLatin1Char('/') + repo + QStringLiteral("/blob/") + revision + QLatin1Char('/'));
    o.imageBase = QUrl(base + QLatin1Char('/') + repo + QStringLiteral("/resolve/") + revision + QLatin1Char('/'));
    return o;
}

} // namespace memspec
