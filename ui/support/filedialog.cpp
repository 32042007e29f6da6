// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "filedialog.h"

#include <QFileDialog>

#include <optional>

namespace memspec::ui {

namespace {
std::optional<QString> &nextAnswer()
{
    static std::optional<QString> answer;
    return answer;
}

QString &offered()
{
    static QString path;
    return path;
}

std::optional<QString> takeAnswer(const QString &dir)
{
    offered() = dir;
    std::optional<QString> a = nextAnswer();
    nextAnswer().reset();
    return a;
}
} // namespace

void FileDialog::setNextAnswer(const QString &answer)
{
    nextAnswer() = answer;
}

QString FileDialog::lastOffered()
{
    return offered();
}

QString FileDialog::existingDirectory(QWidget *parent, const QString &caption, const QString &dir)
{
    if (auto a = takeAnswer(dir)) {
        return *a;
    }
    return QFileDialog::getExistingDirectory(parent, caption, dir);
}

QString FileDialog::saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (auto a = takeAnswer(dir)) {
        return *a;
    }
    return QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

QString FileDialog::openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (auto a = takeAnswer(dir)) {
        return *a;
    }
    return QFileDialog::getOpenFileName(parent, caption, dir, filter);
}

} // namespace memspec::ui
