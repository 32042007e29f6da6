// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/cli/clicommands.h"
#include "app/cli/clihub.h"
#include "app/common/units.h"
#include "app/hub/hubclient.h"
#include "app/hub/refresher.h"
#include "app/review/workspace.h"

#include <QEventLoop>
#include <QNetworkAccessManager>

namespace memspec {

namespace {

// Refreshes the named models (all when none) from the hub: card, configs, listing with sizes and weight headers
// only. Progress on stderr; a summary on stdout once everything ended; exit 1 when any model failed (its earlier
// cache entry is kept).
int runRefresh(CommandContext &ctx, const QCommandLineParser &args)
{
    auto ws =
        Workspace::open(ctx.global.projectFile, ctx.global.cacheDir); // models the project added are refreshed too
    if (!ws) {
        ctx.err << "memspec: " << ws.error() << "\n";
        return 1;
    }
    QList<RegistryEntry> entries;
    const bool http2 = args.isSet(QStringLiteral("http2-prior-knowledge"));
    int deadlineMs = 0; // not given: MEMSPEC_HUB_DEADLINE, else the default (HubConfig::resolve)
    if (args.isSet(QStringLiteral("deadline"))) {
        const QString value = args.value(QStringLiteral("deadline"));
        deadlineMs = HubConfig::deadlineMsFrom(value);
        if (deadlineMs < 0) {
            ctx.err << "memspec refresh: --deadline takes a number of seconds, not \"" << value << "\"\n";
            return 2;
        }
    }
    for (const QString &a : args.positionalArguments()) {
        auto e = ws->entry(a);
        if (!e) {
            ctx.err << "memspec refresh: " << e.error() << "\n";
            return 2;
        }
        entries << e.value();
    }
    if (entries.isEmpty()) {
        entries = ws->registry().entries();
    }
    HubConfig config = cliHubConfig(ctx, QStringLiteral("refresh"), deadlineMs);
    config.http2PriorKnowledge = config.http2PriorKnowledge || http2;
    QNetworkAccessManager nam;
    HubClient client(&nam, config);
    Refresher refresher(&client, HubCache(config.cacheDir));
    QList<RefreshOutcome> outcomes;
    QEventLoop loop;
    QObject::connect(&refresher, &Refresher::modelProgress, &loop,
                     [&](const QString &key, qint64 bytes, int done, int total) {
                         ctx.err << "  " << key << ": " << done << "/" << total << " files, " << bytes << " bytes\n";
                         ctx.err.flush();
                     });
    QObject::connect(&refresher, &Refresher::modelFinished, &loop, [&](const RefreshOutcome &o) {
        outcomes << o;
        if (!o.ok) {
            ctx.err << "memspec refresh: " << o.error << "\n";
        }
        ctx.err.flush();
    });
    QObject::connect(&refresher, &Refresher::allFinished, &loop, &QEventLoop::quit);
    ctx.err << "refreshing " << entries.size() << " model(s) from "
            << (config.offline ? QStringLiteral("the caches (offline)") : config.endpoint.toString()) << "\n";
    for (const RegistryEntry &e : entries) {
        refresher.refresh(e, ws->facts().find(e.key));
    }
    if (refresher.running() > 0) {
        loop.exec();
    }
    int failed = 0;
    qint64 bytes = 0;
    for (const RegistryEntry &e : entries) {
        for (const RefreshOutcome &o : outcomes) {
            if (o.key != e.key) {
                continue;
            }
            bytes += o.bytes;
            if (!o.ok) {
                ++failed;
                ctx.out << "failed     " << e.key << "\n";
            } else {
                const QString state = o.unchanged   ? QStringLiteral("unchanged")
                                      : o.fromCache ? QStringLiteral("cached")
                                                    : QStringLiteral("refreshed");
                ctx.out << QStringLiteral("%1 %2 @ %3 (%4 weight headers)\n")
                               .arg(state, -10)
                               .arg(e.key, o.facts.revision.left(12))
                               .arg(o.facts.headers.size());
            }
        }
    }
    ctx.out << QStringLiteral("%1 of %2 models refreshed; %3 bytes fetched in %4 requests\n")
                   .arg(entries.size() - failed)
                   .arg(entries.size())
                   .arg(client.bytesReceived())
                   .arg(client.requestCount());
    Q_UNUSED(bytes);
    return failed > 0 ? 1 : 0;
}

} // namespace

Command refreshCommand()
{
    return Command{
        QStringLiteral("refresh"),
        QStringLiteral("fetch card, configs, file sizes and weight headers from the hub (all models when no KEY); "
                       "progress on stderr, exit 1 when any model failed"),
        {{QStringLiteral("KEY"), QStringLiteral("a registry key, alias or short name"), CommandArgument::Repeated}},
        {QCommandLineOption(QStringLiteral("http2-prior-knowledge"),
                            QStringLiteral("HTTP/2 without negotiation over http:// (a mirror that speaks h2c)")),
         QCommandLineOption(QStringLiteral("deadline"),
                            QStringLiteral("each request must end within this many seconds, however steadily bytes "
                                           "trickle in (default 30, or MEMSPEC_HUB_DEADLINE)"),
                            QStringLiteral("SECONDS"))},
        &runRefresh,
    };
}

} // namespace memspec
