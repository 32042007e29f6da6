// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// memspec-hub-bench [--latency-ms N] [--runs N] [--no-js]: refreshes all 12 registry models through the mock hub with
// injected latency, then does the same with the Hugging Face JS clients, and prints bytes and wall times
// (docs/benchmarks.md "Hub").
#include "tests/mockhub/mockhub.h"

#include "app/hub/hubclient.h"
#include "app/hub/refresher.h"
#include "app/registry/registry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace memspec;

namespace {

struct Run
{
    qint64 wallMs = 0;      // the median run's
    QList<qint64> allMs;    // every run's wall time, sorted
    qint64 bytes = 0;       // every response body byte the mock sent
    qint64 weightBytes = 0; // body bytes of weight-file reads (CDN)
    int requests = 0;
    int depth = 0; // longest chain of dependent requests
    QString error;
};

void spin(const std::function<bool()> &done)
{
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
}

// Requests per weight file (302 hop + CDN ranges), all dependent on each other and on the model info before them.
void measure(mock::MockHub &hub, const mock::MockRepoSet &repos, Run *run)
{
    QList<mock::MockRequestLog> log;
    QMetaObject::invokeMethod(
        &hub, [&] { log = hub.requests(); }, Qt::BlockingQueuedConnection);
    QHash<QString, int> perFile;
    QHash<QString, QString> bySha;
    for (const mock::MockRepo *r : repos.repos()) {
        for (const mock::MockFile &f : r->files) {
            if (f.lfs) {
                bySha.insert(f.sha256, r->id + QLatin1Char(':') + f.path);
            }
        }
    }
    for (const mock::MockRequestLog &e : log) {
        run->bytes += e.bodyBytes;
        ++run->requests;
        const QString target = QString::fromUtf8(e.target);
        if (e.origin == QLatin1String("cdn")) {
            run->weightBytes += e.bodyBytes;
            perFile[bySha.value(target.section(QLatin1Char('/'), 4, 4).section(QLatin1Char('?'), 0, 0))] += 1;
        } else if (target.contains(QLatin1String("/resolve/")) &&
                   (target.contains(QLatin1String(".safetensors")) || target.contains(QLatin1String(".gguf")))) {
            const QString id = target.section(QLatin1Char('/'), 1, 2);
            perFile[id + QLatin1Char(':') + QUrl::fromPercentEncoding(target.section(QLatin1Char('/'), 5).toUtf8())] +=
                1;
        }
    }
    int longest = 2; // a text file: 307 + resolve-cache
    for (int n : perFile) {
        longest = qMax(longest, n);
    }
    run->depth = 1 + longest; // + the model info the reads depend on
}

Run ours(mock::MockHub &hub, bool http2, const QList<QSslCertificate> &ca = {})
{
    QTemporaryDir tmp;
    QNetworkAccessManager nam;
    HubConfig config;
    config.endpoint = hub.hubUrl();
    config.token = QStringLiteral("hf_mock_approved");
    config.cacheDir = tmp.path();
    config.hfHubCache = tmp.path() + QStringLiteral("/none");
    config.http2PriorKnowledge = http2;
    config.caCertificates = ca;
    HubClient client(&nam, config);
    Refresher refresher(&client, HubCache(config.cacheDir));
    Run run;
    int failed = 0;
    QObject::connect(&refresher, &Refresher::modelFinished, [&](const RefreshOutcome &o) {
        if (qEnvironmentVariableIsSet("MEMSPEC_BENCH_TRACE")) {
            QTextStream(stderr) << "model done " << mock::mockClockMs() << " " << o.key << "\n";
        }
        if (!o.ok) {
            ++failed;
            run.error += o.error + QLatin1Char('\n');
        }
    });
    QMetaObject::invokeMethod(
        &hub, [&] { hub.clearLog(); }, Qt::BlockingQueuedConnection);
    const Registry registry = Registry::bundled(); // loaded before the clock starts, as the JS script parses its tasks
    QElapsedTimer t;
    t.start();
    const qint64 mockStart = mock::mockClockMs();
    for (const RegistryEntry &e : registry.entries()) {
        refresher.refresh(e, nullptr);
    }
    spin([&] { return refresher.running() == 0; });
    run.wallMs = t.elapsed();
    if (qEnvironmentVariableIsSet("MEMSPEC_BENCH_TRACE")) {
        QTextStream(stderr) << "client start " << mockStart << " end " << mock::mockClockMs()
                            << " (mock clock) epoch-offset "
                            << (QDateTime::currentMSecsSinceEpoch() - mock::mockClockMs()) << "\n";
    }
    measure(hub, hub.routes().repos(), &run);
    if (qEnvironmentVariableIsSet("MEMSPEC_BENCH_TRACE")) {
        QTextStream err(stderr);
        QList<mock::MockRequestLog> log;
        QMetaObject::invokeMethod(
            &hub, [&] { log = hub.requests(); }, Qt::BlockingQueuedConnection);
        for (const mock::MockRequestLog &e : log) {
            err << e.arrivedMs << " " << e.answeredMs << " " << e.origin << " " << e.target.left(110) << " " << e.range
                << "\n";
        }
    }
    QTextStream(stderr) << "memspec ("
                        << (!ca.isEmpty() ? "HTTPS"
                            : http2       ? "HTTP/2"
                                          : "HTTP/1.1")
                        << "): " << hub.pipelinedCount() << " pipelined requests, " << hub.connectionCount()
                        << " connections so far (" << hub.http2ConnectionCount() << " HTTP/2, up to "
                        << hub.maxConcurrentStreams() << " streams open at once)\n";
    return run;
}

Run js(mock::MockHub &hub, const QString &conformanceDir)
{
    Run run;
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        run.error = QStringLiteral("node not found");
        return run;
    }
    QTemporaryDir tmp;
    QJsonArray tasks;
    const Registry registry = Registry::bundled();
    for (const RegistryEntry &e : registry.entries()) {
        QHash<QString, QJsonObject> byRepo;
        QJsonObject main{
            {QStringLiteral("repo"), e.key},
            {QStringLiteral("texts"), QJsonArray{QStringLiteral("README.md"), QStringLiteral("config.json")}},
            {QStringLiteral("weights"), QJsonArray()}};
        byRepo.insert(e.key.toLower(), main);
        for (const WeightComponent &c : e.components) {
            QJsonObject t = byRepo.value(
                c.repo.toLower(), QJsonObject{{QStringLiteral("repo"), c.repo},
                                              {QStringLiteral("texts"), QJsonArray{QStringLiteral("config.json")}},
                                              {QStringLiteral("weights"), QJsonArray()}});
            QJsonArray w = t.value(QLatin1String("weights")).toArray();
            for (const QString &f : c.files) {
                w << f;
            }
            t.insert(QStringLiteral("weights"), w);
            byRepo.insert(c.repo.toLower(), t);
        }
        for (const QJsonObject &t : byRepo) {
            tasks << t;
        }
    }
    QFile f(tmp.path() + QStringLiteral("/tasks.json"));
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(tasks).toJson());
    f.close();
    QMetaObject::invokeMethod(
        &hub, [&] { hub.clearLog(); }, Qt::BlockingQueuedConnection);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MOCK_HUB"), hub.hubUrl().toString());
    env.insert(QStringLiteral("CONFORMANCE_DIR"), conformanceDir);
    p.setProcessEnvironment(env);
    p.start(node, {QStringLiteral(MEMSPEC_SOURCE_DIR "/tests/bench/hub/js-refresh.mjs"), f.fileName()});
    spin([&] { return p.state() == QProcess::NotRunning; });
    const QByteArray out = p.readAllStandardOutput();
    if (p.exitCode() != 0) {
        run.error = QString::fromUtf8(out + p.readAllStandardError()).left(2000);
        return run;
    }
    run.wallMs = qint64(
        QJsonDocument::fromJson(out.trimmed().split('\n').last()).object().value(QLatin1String("wallMs")).toDouble());
    measure(hub, hub.routes().repos(), &run);
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    const int latency = args.contains(QStringLiteral("--latency-ms"))
                            ? args.value(args.indexOf(QStringLiteral("--latency-ms")) + 1).toInt()
                            : 100;
    QTextStream out(stdout);
    // The mock runs on its own thread so serving bytes does not steal the client's event loop.
    QThread mockThread;
    mockThread.start();
    mock::MockHub hub(mock::MockRepoSet::registryFixtures());
    hub.moveToThread(&mockThread);
    bool started = false;
    QMetaObject::invokeMethod(
        &hub,
        [&] {
            started = hub.start();
            hub.setLatencyMs(latency);
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        out << "cannot start the mock hub\n";
        return 1;
    }
    // The same fixtures over https with a throw-away CA (openssl): HTTP/2 then comes by ALPN, as from huggingface.co.
    QTemporaryDir certDir;
    QString certError;
    QList<QSslCertificate> ca;
    mock::MockHub tlsHub(mock::MockRepoSet::registryFixtures());
    bool tlsStarted = false;
    if (tlsHub.useTestCertificates(certDir.path(), &certError)) {
        ca = QSslCertificate::fromPath(certDir.path() + QStringLiteral("/ca.pem"));
        tlsHub.moveToThread(&mockThread);
        QMetaObject::invokeMethod(
            &tlsHub,
            [&] {
                tlsStarted = tlsHub.start();
                tlsHub.setLatencyMs(latency);
            },
            Qt::BlockingQueuedConnection);
    }
    const qint64 headerSum = mock::MockRepoSet::registryHeaderBytes(hub.routes().repos());
    const int runs = args.contains(QStringLiteral("--runs"))
                         ? qMax(1, args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt())
                         : 5;
    // Each client `runs` times, interleaved so machine noise hits all alike; the median run is reported.
    QList<Run> as, h2s, tlss, bs;
    for (int i = 0; i < runs; ++i) {
        as << ours(hub, false);
        h2s << ours(hub, true);
        if (tlsStarted) {
            tlss << ours(tlsHub, false, ca);
        } else {
            Run skipped;
            skipped.error = QStringLiteral("no TLS mock: ") + certError;
            tlss << skipped;
        }
        if (args.contains(QStringLiteral("--no-js"))) {
            Run skipped;
            skipped.error = QStringLiteral("skipped (--no-js)");
            bs << skipped;
        } else {
            bs << js(hub, QStringLiteral(MEMSPEC_SOURCE_DIR "/tests/conformance"));
        }
    }
    const auto median = [](QList<Run> rs) {
        std::sort(rs.begin(), rs.end(), [](const Run &x, const Run &y) { return x.wallMs < y.wallMs; });
        Run m = rs.at(rs.size() / 2);
        for (const Run &r : rs) {
            if (!r.error.isEmpty()) {
                return r;
            }
            m.allMs << r.wallMs;
        }
        return m;
    };
    const Run a = median(as);
    const Run h2 = median(h2s);
    const Run tls = median(tlss);
    const Run b = median(bs);
    const auto row = [&](const char *who, const Run &r) {
        if (!r.error.isEmpty()) {
            out << "| " << who << " | error: " << r.error.simplified() << " |\n";
            return;
        }
        out << "| " << who << " | " << r.requests << " | " << r.weightBytes << " | "
            << QString::number(double(r.weightBytes) / double(headerSum), 'f', 2) << "× | " << r.bytes << " | "
            << r.depth << " | " << r.wallMs << " ms | "
            << QString::number(double(r.wallMs) / double(r.depth * latency), 'f', 2) << "× |\n";
    };
    const auto spread = [&](const char *who, const Run &r) {
        if (r.error.isEmpty() && r.allMs.size() > 1) {
            out << "- " << who << ": " << r.allMs.size() << " runs, " << r.allMs.first() << "–" << r.allMs.last()
                << " ms (" << QString::number(double(r.allMs.first()) / double(r.depth * latency), 'f', 2) << "–"
                << QString::number(double(r.allMs.last()) / double(r.depth * latency), 'f', 2)
                << "× the critical path)\n";
        }
    };
    out << "latency " << latency << " ms per request; header bytes of the 12 models' weight files: " << headerSum
        << "; median of " << runs << " runs\n\n";
    out << "| client | requests | weight-file bytes | vs headers | all body bytes | dependent depth | wall | vs depth "
           "× latency |\n";
    out << "|---|---|---|---|---|---|---|---|\n";
    row("memspec, HTTP/1.1", a);
    row("memspec, HTTP/2 (h2c)", h2);
    row("memspec, HTTPS (h2 by ALPN)", tls);
    row("HF JS clients", b);
    out << "\n";
    spread("memspec, HTTP/1.1", a);
    spread("memspec, HTTP/2 (h2c)", h2);
    spread("memspec, HTTPS (h2 by ALPN)", tls);
    spread("HF JS clients", b);
    if (a.error.isEmpty() && h2.error.isEmpty() && b.error.isEmpty()) {
        out << "\nmemspec is " << QString::number(double(b.wallMs) / double(a.wallMs), 'f', 1)
            << "× faster over HTTP/1.1, " << QString::number(double(b.wallMs) / double(h2.wallMs), 'f', 1)
            << "× over HTTP/2; fetches " << QString::number(double(b.weightBytes) / double(a.weightBytes), 'f', 1)
            << "× fewer weight-file bytes\n";
    }
    QMetaObject::invokeMethod(
        &hub, [&] { hub.moveToThread(QCoreApplication::instance()->thread()); }, Qt::BlockingQueuedConnection);
    if (tlsStarted) {
        QMetaObject::invokeMethod(
            &tlsHub, [&] { tlsHub.moveToThread(QCoreApplication::instance()->thread()); },
            Qt::BlockingQueuedConnection);
    }
    mockThread.quit();
    mockThread.wait();
    return a.error.isEmpty() && h2.error.isEmpty() ? 0 : 1;
}
