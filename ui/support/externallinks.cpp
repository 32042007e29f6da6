// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "externallinks.h"

#include <QDesktopServices>

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

void ExternalLinks::setHandlerForTests(std::function<bool(const QUrl &)> h)
{
    handler() = std::move(h);
}

} // namespace memspec::ui
