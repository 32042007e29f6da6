// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A private D-Bus session bus with gnome-keyring's Secret Service in a temporary home, for tests of the OS keychain
// (the CLI's and the studio's token).
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace memspec::test {

// A session bus and an unlocked login keyring that live as long as this object, in a home of their own.
class PrivateKeyring
{
public:
    PrivateKeyring()
    {
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (dbus.isEmpty() || keyring.isEmpty()) {
            missing =
                QStringLiteral("dbus-daemon or gnome-keyring-daemon is not installed (packaging/debian-deps.txt)");
            return;
        }
        QDir(home.path()).mkpath(QStringLiteral("run"));
        QFile::setPermissions(home.path() + QStringLiteral("/run"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path() + QStringLiteral("/run"));
        QProcess bus;
        bus.setProcessEnvironment(env);
        bus.start(dbus, {QStringLiteral("--session"), QStringLiteral("--fork"), QStringLiteral("--print-address=1"),
                         QStringLiteral("--print-pid=1")});
        bus.waitForFinished(10000);
        const QList<QByteArray> lines = bus.readAllStandardOutput().trimmed().split('\n');
        if (lines.size() < 2) {
            missing = QStringLiteral("dbus-daemon did not start: ") + QString::fromUtf8(bus.readAllStandardError());
            return;
        }
        address = QString::fromUtf8(lines[0].trimmed());
        busPid = lines[1].trimmed().toLongLong();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        QProcess daemon;
        daemon.setProcessEnvironment(env);
        daemon.start(keyring, {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        daemon.write("test-password");
        daemon.closeWriteChannel();
        daemon.waitForFinished(10000); // it forks and the parent returns once the keyring is unlocked
        // This process talks to the same bus (QtDBus reads the address on first use).
        m_savedAddress = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());
    }

    ~PrivateKeyring()
    {
        if (busPid > 0) {
            QProcess::execute(QStringLiteral("kill"),
                              {QString::number(busPid)}); // the keyring daemon leaves with its bus
        }
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_savedAddress);
    }

    QTemporaryDir home;
    QProcessEnvironment env;
    QString address;
    qint64 busPid = 0;
    QString missing;

private:
    QByteArray m_savedAddress;
};

} // namespace memspec::test
