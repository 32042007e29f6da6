// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "messagebox.h"

#include <QQueue>

namespace memspec::ui {

namespace {
struct Seam
{
    QQueue<MessageBox::Button> answers;
    QString title;
    QString text;
    int shown = 0;
};

Seam &seam()
{
    static Seam s;
    return s;
}
} // namespace

MessageBox::Button MessageBox::show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
                                    Buttons buttons, Button defaultButton)
{
    Seam &s = seam();
    s.title = title;
    s.text = text;
    ++s.shown;
    if (!s.answers.isEmpty()) {
        return s.answers.dequeue();
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse); // paths and byte offsets can be copied
    return Button(box.exec());
}

MessageBox::Button MessageBox::question(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                                        Button defaultButton)
{
    return show(QMessageBox::Question, parent, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::warning(QWidget *parent, const QString &title, const QString &text, Buttons buttons)
{
    return show(QMessageBox::Warning, parent, title, text, buttons, QMessageBox::NoButton);
}

void MessageBox::about(QWidget *parent, const QString &title, const QString &text)
{
    Seam &s = seam();
    if (!s.answers.isEmpty()) {
        show(QMessageBox::NoIcon, parent, title, text, QMessageBox::Ok, QMessageBox::Ok);
        return;
    }
    s.title = title;
    s.text = text;
    ++s.shown;
    QMessageBox::about(parent, title, text);
}

void MessageBox::setNextAnswer(Button answer)
{
    seam().answers.enqueue(answer);
}

int MessageBox::pendingAnswers()
{
    return int(seam().answers.size());
}

void MessageBox::clearAnswers()
{
    seam().answers.clear();
}

QString MessageBox::lastTitle()
{
    return seam().title;
}

QString MessageBox::lastText()
{
    return seam().text;
}

int MessageBox::shownCount()
{
    return seam().shown;
}

} // namespace memspec::ui
