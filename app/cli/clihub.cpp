// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "clihub.h"

#include "app/hub/hubclient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>

#include <optional>

namespace memspec {

HubConfig cliHubConfig(CommandContext &ctx, const QString &command)
{
    HubConfig config = HubConfig::fromEnvironment(QProcessEnvironment::systemEnvironment(), ctx.global.endpoint,
                                                  ctx.global.cacheDir, ctx.global.offline);
    if (config.token.isEmpty() && !config.offline && ctx.keychainToken) {
        // HF_TOKEN and the token file win (as in the studio); else the token the studio saved in the keychain.
        QString why;
        config.token = ctx.keychainToken(&why);
        if (config.token.isEmpty() && !why.isEmpty()) {
            ctx.err << "memspec " << command << ": no token from the OS keychain (" << why << "); continuing without one\n";
        }
    }
    config.applyFastRetrySeam();
    return config;
}

Result<LoadedModel> cliLoadModel(CommandContext &ctx, const HubConfig &config, const QString &cacheDir,
                                 const std::function<void(HubModelLoader &, std::function<void(Result<LoadedModel>)>)> &start)
{
    QNetworkAccessManager nam;
    HubClient client(&nam, config);
    HubModelLoader loader(&client, HubCache(cacheDir));
    QEventLoop loop;
    QObject::connect(&loader, &HubModelLoader::progress, &loop, [&](const QString &key, qint64 bytes, int done, int total) {
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
