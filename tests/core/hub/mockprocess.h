// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The standalone mock hub (tests/mockhub/main.cpp) as a child process; its request log is read from stdout.
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTest>

namespace memspec::test {

class MockProcess
{
public:
    explicit MockProcess(const QStringList &extraArgs = {QStringLiteral("--tree-page-size"), QStringLiteral("4")})
    {
        m_p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/tests/mockhub/memspec-mockhub"),
                  QStringList{QStringLiteral("--port"), QStringLiteral("0")} + extraArgs);
        const bool started = QTest::qWaitFor(
            [&] {
                m_out += m_p.readAllStandardOutput();
                return m_out.contains("\ncdn ");
            },
            20000);
        if (!started) {
            return; // url stays empty: the test says the mock did not start
        }
        for (const QByteArray &l : m_out.split('\n')) {
            if (l.startsWith("hub ")) {
                url = QString::fromLatin1(l.mid(4));
            }
        }
    }
    ~MockProcess()
    {
        m_p.kill();
        m_p.waitForFinished(5000);
    }
    QString url;

    // Every log line the mock printed so far (one per request served).
    QList<QByteArray> logLines()
    {
        do {
            m_out += m_p.readAllStandardOutput();
        } while (m_p.waitForReadyRead(200));
        return m_out.split('\n');
    }

private:
    QProcess m_p;
    QByteArray m_out;
};

} // namespace memspec::test
