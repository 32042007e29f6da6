// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace memspec::ui {

// Help > Keyboard shortcuts (Ctrl+/): every action that has a shortcut, read from the actions themselves so the
// list cannot drift from what the keys do.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)
public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};

} // namespace memspec::ui
