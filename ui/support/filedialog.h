// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QWidget;

namespace memspec::ui {

// Test seam around QFileDialog: a test sets the next answer, and no native dialog opens.
class FileDialog final
{
public:
    static QString existingDirectory(QWidget *parent, const QString &caption, const QString &dir);
    static QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
    static QString openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
    // The next call returns `answer` (empty = cancelled) without showing a dialog.
    static void setNextAnswer(const QString &answer);
    // The folder or path the most recent call offered to start in (what a remembered folder is tested by).
    static QString lastOffered();
};

} // namespace memspec::ui
