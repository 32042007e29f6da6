// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace memspec::ui {

// The hub token in the OS keychain (qtkeychain), when the build has it (MEMSPEC_HAVE_KEYCHAIN). HF_TOKEN in
// the environment wins over the keychain. Every call is asynchronous; results arrive as signals.
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)
public:
    explicit TokenStore(QObject *parent = nullptr);

    static bool keychainAvailable();
    static bool environmentTokenInUse();
    static QString environmentToken();

    void read();
    void write(const QString &token);
    void remove();

Q_SIGNALS:
    void tokenRead(const QString &token, const QString &error);   // empty token + empty error: none stored
    void written(const QString &error);
    void removed(const QString &error);
};

} // namespace memspec::ui
