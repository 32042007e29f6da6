// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace memspec::ui {

// Test seam around QMessageBox (KeePassXC's MessageBox): every message box of the studio goes through here. A test
// queues the answers with setNextAnswer(); a queued answer is returned without showing a dialog, and the box's
// title and text are kept for the test to read (lastTitle(), lastText()).
class MessageBox final
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                           Button defaultButton = QMessageBox::NoButton);
    static Button warning(QWidget *parent, const QString &title, const QString &text,
                          Buttons buttons = QMessageBox::Ok);
    static void about(QWidget *parent, const QString &title, const QString &text);

    // The next box returns `answer` without being shown (answers queue up, first in first out).
    static void setNextAnswer(Button answer);
    // Queued answers not used yet (a test checks that every expected box came up).
    static int pendingAnswers();
    static void clearAnswers();
    // Title and text of the last box asked for, shown or answered from the queue; the number asked for so far.
    static QString lastTitle();
    static QString lastText();
    static int shownCount();

private:
    static Button show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
                       Buttons buttons, Button defaultButton);
};

} // namespace memspec::ui
