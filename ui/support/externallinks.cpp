// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "externallinks.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QFileInfo>

namespace memspec::ui {

namespace {
std::function<bool(const QUrl &)> &handler()
{
    static std::function<bool(const QUrl &)> h;
    return h;
}
} // namespace

bool ExternalLinks::open(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http") && scheme != QLatin1String("mailto")) {
        return false;
    }
    if (handler()) {
        return handler()(url);
    }
    return QDesktopServices::openUrl(url);
}

QUrl ExternalLinks::docUrl(const QString &fileName)
{
    const QStringList dirs{QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/memspec-studio"),
                           QStringLiteral(MEMSPEC_SOURCE_DOCS_DIR)};
    for (const QString &dir : dirs) {
        const QFileInfo doc(dir + QLatin1Char('/') + fileName);
        if (doc.isFile()) {
            return QUrl::fromLocalFile(doc.canonicalFilePath());
        }
    }
    return QUrl(QStringLiteral("https://github.com/memspec/memspec-studio/blob/main/docs/") + fileName);
}

bool ExternalLinks::openDoc(const QString &fileName)
{
    const QUrl url = docUrl(fileName);
    if (!url.isLocalFile()) {
        return open(url);
    }
    // Only a doc the studio resolved itself is opened as a local file; open() never opens file: links (a card's).
    return handler() ? handler()(url) : QDesktopServices::openUrl(url);
}

void ExternalLinks::setHandlerForTests(std::function<bool(const QUrl &)> h)
{
    handler() = std::move(h);
}

} // namespace memspec::ui
