// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "clihub.h"

#include "app/hub/hubclient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>

#include <optional>

namespace memspec {

HubConfig cliHubConfig(CommandContext &ctx, const QString &command, int deadlineMs)
{
    HubSources sources = ctx.hub;
    sources.deadlineMsFlag = deadlineMs;
    QString why;
    const HubConfig config = HubConfig::resolve(QProcessEnvironment::systemEnvironment(), sources, &why);
    if (!why.isEmpty()) {
        ctx.err << "memspec " << command << ": no token from the OS keychain (" << why << "); continuing without one\n";
    }
    return config;
}

Result<LoadedModel>
cliLoadModel(CommandContext &ctx, const HubConfig &config, const QString &cacheDir,
             const std::function<void(HubModelLoader &, std::function<void(Result<LoadedModel>)>)> &start)
{
    QNetworkAccessManager nam;
    HubClient client(&nam, config);
    HubModelLoader loader(&client, HubCache(cacheDir));
    QEventLoop loop;
    QObject::connect(&loader, &HubModelLoader::progress, &loop,
                     [&](const QString &key, qint64 bytes, int done, int total) {
                         ctx.err << "  " << key << ": " << done << "/" << total << " files, " << bytes << " bytes\n";
                         ctx.err.flush();
                     });
    std::optional<Result<LoadedModel>> out;
    start(loader, [&](Result<LoadedModel> r) {
        out.emplace(std::move(r));
        loop.quit();
    });
    if (!out) {
        loop.exec();
    }
    return *out;
}

} // namespace memspec
