// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>

#include <functional>

namespace memspec::ui {

// Opens http(s)/mailto links in the system browser (QDesktopServices); anything else is refused. Tests install
// a handler so nothing leaves the process.
class ExternalLinks final
{
public:
    static bool open(const QUrl &url);
    // Opens one of the docs (user-guide.md, …): the installed copy (share/doc/memspec-studio beside the binary's
    // prefix), else the source tree's docs/ when run from a build, else the project's web page for it.
    static bool openDoc(const QString &fileName);
    static QUrl docUrl(const QString &fileName);
    static void setHandlerForTests(std::function<bool(const QUrl &)> handler);
};

} // namespace memspec::ui
