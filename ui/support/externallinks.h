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
    static void setHandlerForTests(std::function<bool(const QUrl &)> handler);
};

} // namespace memspec::ui
