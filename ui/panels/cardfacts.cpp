// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "cardfacts.h"

#include "app/common/units.h"
#include "app/formats/modelcard.h"

#include <QGuiApplication>
#include <QJsonArray>
#include <QPalette>

namespace memspec::ui {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString configValue(const QJsonObject &config, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        const QJsonValue v = config.value(QLatin1String(n));
        if (v.isDouble()) {
            return QLocale().toString(qint64(v.toDouble()));
        }
        if (v.isString() && !v.toString().isEmpty()) {
            return v.toString();
        }
    }
    return {};
}

QString row(const QString &muted, const QString &label, const QString &valueHtml)
{
    if (valueHtml.isEmpty()) {
        return {};
    }
    return QStringLiteral("<tr><td style=\"color:%1; padding-right:10px\">%2</td><td>%3</td></tr>")
        .arg(muted, esc(label), valueHtml);
}

QString frontMatterValue(const QJsonValue &v)
{
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray()) {
            parts << e.toVariant().toString();
        }
        if (parts.size() > 8) {
            parts = parts.mid(0, 8) << QStringLiteral("…");
        }
        return parts.join(QStringLiteral(", "));
    }
    return v.toVariant().toString();
}

} // namespace

CardFacts CardFacts::from(const RegistryEntry &entry, const ModelFacts *facts, const QUrl &endpoint)
{
    CardFacts out;
    const QString muted = QGuiApplication::palette().color(QPalette::PlaceholderText).name();
    const QString repoUrl = endpoint.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + entry.key;

    QJsonObject frontMatter;
    if (facts && !facts->card.isEmpty()) {
        // ModelCard bounds the front matter (size, depth, node count) before YAML sees it; a hostile one is dropped
        // and the body still shown.
        const auto card = ModelCard::parse(facts->card, entry.key + QStringLiteral("/README.md"));
        if (card) {
            frontMatter = card->frontMatter;
            out.bodyMarkdown = card->body.isEmpty() ? QByteArray(" ") : card->body.toUtf8();
        } else {
            out.bodyMarkdown = QByteArray("*") + card.error().toUtf8() + QByteArray("*");
        }
    }

    QString rows;
    QString repo = QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(repoUrl), esc(entry.key));
    if (facts && !facts->revision.isEmpty()) {
        repo += QStringLiteral(" <span style=\"color:%1\">@ %2</span>").arg(muted, esc(facts->revision.left(10)));
    }
    rows += row(muted, QObject::tr("Repository"), repo);
    if (facts && facts->gated.value_or(false)) {
        rows += row(muted, QObject::tr("Access"),
                    QObject::tr("<b>gated</b>: accept the licence on the Hub and set a token (Settings) to refresh"));
    }
    for (const char *k : {"license", "pipeline_tag", "library_name", "base_model", "language", "tags"}) {
        const QJsonValue v = frontMatter.value(QLatin1String(k));
        if (!v.isUndefined() && !v.isNull()) {
            rows += row(muted, QString::fromLatin1(k).replace(QLatin1Char('_'), QLatin1Char(' ')),
                        esc(frontMatterValue(v)));
        }
    }
    QStringList arch;
    if (facts) {
        const QJsonObject &c = facts->config;
        const QString type = configValue(c, {"model_type", "architecture"});
        if (!type.isEmpty()) {
            arch << esc(type);
        }
        const QString layers = configValue(c, {"num_hidden_layers", "n_layer", "num_layers"});
        if (!layers.isEmpty()) {
            arch << QObject::tr("%1 layers").arg(layers);
        }
        const QString hidden = configValue(c, {"hidden_size", "d_model", "n_embd"});
        if (!hidden.isEmpty()) {
            arch << QObject::tr("hidden %1").arg(hidden);
        }
        const QString ctx = configValue(c, {"max_position_embeddings", "n_positions"});
        if (!ctx.isEmpty()) {
            arch << QObject::tr("max %1 tokens").arg(ctx);
        }
        if (!facts->storedDtype.isEmpty()) {
            arch << QObject::tr("stored %1").arg(esc(facts->storedDtype));
        }
    }
    if (!entry.quantization.isEmpty()) {
        arch << QObject::tr("served %1").arg(esc(entry.quantization));
    }
    rows += row(muted, QObject::tr("Architecture"), arch.join(QStringLiteral(" · ")));
    if (facts && !facts->files.isEmpty()) {
        qint64 total = 0;
        int sized = 0;
        bool approximate = false;
        for (const FileFact &f : facts->files) {
            if (f.size) {
                total += *f.size;
                ++sized;
                approximate = approximate || !f.exact;
            }
        }
        rows += row(muted, QObject::tr("Files"),
                    QObject::tr("%n file(s), %1%2", nullptr, int(facts->files.size()))
                        .arg(formatBytes(total), approximate ? QObject::tr(" (some sizes approximate)") : QString()));
    }
    if (facts && !facts->headers.isEmpty()) {
        rows += row(muted, QObject::tr("Headers"),
                    QObject::tr("%n weight header(s) read", nullptr, int(facts->headers.size())));
    }
    if (facts) {
        rows += row(muted, QObject::tr("Facts from"), esc(facts->origin));
    }
    out.factsHtml = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">") + rows + QStringLiteral("</table>");

    if (out.bodyMarkdown.isEmpty()) {
        QString html =
            QObject::tr("<h3>No card text yet</h3><p>The bundled facts snapshot carries numbers, not the model "
                        "card. The card comes with a refresh: select the model and press <b>F5</b> "
                        "(Model ▸ Refresh). Everything in the breakdown is already computed from the facts "
                        "above.</p>");
        if (facts && !facts->cardStatements.isEmpty()) {
            html += QObject::tr("<h4>What the card says about memory (from the snapshot)</h4>");
            for (const QJsonValue &v : facts->cardStatements) {
                const QJsonObject s = v.toObject();
                // A card read by a refresh gives a quote; the bundled snapshot gives a summary in our own words.
                const QString quote = s.value(QLatin1String("quote")).toString();
                const QString text = quote.isEmpty() ? esc(s.value(QLatin1String("summary")).toString())
                                                     : QStringLiteral("“%1”").arg(esc(quote));
                html += QStringLiteral("<blockquote>%1<br><a href=\"%2\">%2</a></blockquote>")
                            .arg(text, esc(s.value(QLatin1String("url")).toString()));
            }
        }
        out.offlineHtml = html;
    }
    return out;
}

} // namespace memspec::ui
