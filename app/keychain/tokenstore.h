// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

namespace memspec {

// The hub token in the OS keychain (qtkeychain), when the build has it (MEMSPEC_HAVE_KEYCHAIN). HF_TOKEN in
// the environment wins over the keychain. Every call is asynchronous; results arrive as signals. Shared by the
// studio (Settings dialog, refresh) and the `memspec` command (refresh), so both find the same entry. Needs only
// QtCore (and QtDBus through qtkeychain on Linux): no widgets.
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)
public:
    explicit TokenStore(QObject *parent = nullptr);

    static bool keychainAvailable();
    static bool environmentTokenInUse();

    // Reads the token, waiting in a local event loop for at most timeoutMs; for the command line. Empty with
    // *error untouched: none stored, no keychain service running (headless, CI) or a build without keychain.
    static QString readNow(int timeoutMs, QString *error);

    void read();
    void write(const QString &token);
    void remove();

Q_SIGNALS:
    void tokenRead(const QString &token, const QString &error);   // empty token + empty error: none stored
    void written(const QString &error);
    void removed(const QString &error);
};

} // namespace memspec
