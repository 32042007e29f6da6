// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace memspec::ui {

// A dismissable strip above the views for errors and notices that must not be missed (a refresh that failed,
// naming the input; a gated repo). Colours blend the palette with a tint so it reads on light and dark themes.
class MessageBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBanner)
public:
    enum class Kind { Info, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void appendMessage(Kind kind, const QString &text); // keeps earlier lines (one per failed model)
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    void applyKind();

    Kind m_kind = Kind::Info;
    QStringList m_lines;
    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace memspec::ui
