// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec-mockhub: the mock hub as a standalone program, logging every request to stdout.
#include "mockhub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("memspec-mockhub"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("A local Hugging Face Hub look-alike serving the 12 registry models"));
    p.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Hub port (0 = any)"), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption cdnPort(QStringLiteral("cdn-port"), QStringLiteral("CDN port (0 = any)"), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"), QStringLiteral("Delay before each answer"), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption cdn(QStringLiteral("cdn"), QStringLiteral("separate | same-origin"), QStringLiteral("MODE"), QStringLiteral("separate"));
    const QCommandLineOption page(QStringLiteral("tree-page-size"), QStringLiteral("Tree entries per page"), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption legacy(QStringLiteral("legacy-resolve"), QStringLiteral("Serve git files on /resolve/ without the 307"));
    const QCommandLineOption tls(QStringLiteral("tls-dir"),
                                 QStringLiteral("Serve https with a throw-away CA written to DIR (trust DIR/ca.pem, e.g. "
                                                "MEMSPEC_CA_BUNDLE=DIR/ca.pem)"),
                                 QStringLiteral("DIR"));
    const QCommandLineOption hostile(QStringLiteral("hostile"),
                                     QStringLiteral("Play a hostile hub (issue 18):\n") +
                                         memspec::mock::MockHub::hostileHelp(),
                                     QStringLiteral("NAME"));
    const QCommandLineOption hostileArg(QStringLiteral("hostile-arg"), QStringLiteral("The hostile scenario's ARG"),
                                        QStringLiteral("ARG"));
    const QCommandLineOption listHostile(QStringLiteral("list-hostile"),
                                         QStringLiteral("Print the hostile scenarios' names, one a line, and exit"));
    p.addOptions({port, cdnPort, latency, cdn, page, legacy, tls, hostile, hostileArg, listHostile});
    p.process(app);
    if (p.isSet(listHostile)) {
        QTextStream(stdout) << memspec::mock::MockHub::hostileNames().join(QLatin1Char('\n')) << "\n";
        return 0;
    }
    if (p.isSet(hostile) && !memspec::mock::MockHub::hostileNames().contains(p.value(hostile))) {
        QTextStream(stderr) << "memspec-mockhub: unknown --hostile " << p.value(hostile) << "; one of "
                            << memspec::mock::MockHub::hostileNames().join(QStringLiteral(", ")) << "\n";
        return 1;
    }

    QTextStream out(stdout);
    memspec::mock::MockHub hub(memspec::mock::MockHub::hostileRepos(p.value(hostile), p.value(hostileArg).toUtf8()));
    hub.setLatencyMs(p.value(latency).toInt());
    hub.routes().treePageSize = qMax(1, p.value(page).toInt());
    hub.routes().treePageSizeExpand = qMin(hub.routes().treePageSize, 50);
    hub.routes().legacyResolve = p.isSet(legacy);
    if (p.isSet(hostile)) {
        hub.setHostile(p.value(hostile), p.value(hostileArg).toUtf8());
    }
    if (p.isSet(tls)) {
        QString error;
        QDir().mkpath(p.value(tls));
        if (!hub.useTestCertificates(p.value(tls), &error)) {
            QTextStream(stderr) << "memspec-mockhub: " << error << "\n";
            return 1;
        }
    }
    if (!hub.start(quint16(p.value(port).toUInt()), quint16(p.value(cdnPort).toUInt()),
                   p.value(cdn) != QLatin1String("same-origin"))) {
        QTextStream(stderr) << "memspec-mockhub: cannot listen on 127.0.0.1:" << p.value(port) << "\n";
        return 1;
    }
    hub.setLogStream(&out);
    out << "hub " << hub.hubUrl().toString() << "\ncdn " << hub.cdnUrl().toString() << "\n";
    if (p.isSet(tls)) {
        out << "ca " << p.value(tls) << "/ca.pem\n";
    }
    out.flush();
    return app.exec();
}
