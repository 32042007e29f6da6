// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/facts/modelfacts.h"
#include "app/hub/hubclient.h"

namespace memspec {

// Reads only the header of a remote weight file with Range requests, driven by the incremental parsers of
// app/formats: safetensors = bytes 0–7, then exactly [8, 8 + N); GGUF = a small first range, then ranges that grow
// (sized from the tensor infos already seen once the parser reaches them), never tensor data.
class HeaderFetcher final
{
public:
    static constexpr qint64 kFirstGgufRange = 64 * 1024;
    static constexpr qint64 kMaxGgufStep = 2 * 1024 * 1024;
    static constexpr qint64 kMaxHeaderBudget = 64LL * 1024 * 1024;

    // fileSize from the listing (-1 when unknown). `done` gets the header fact or an error naming repo and file.
    static void fetch(HubClient *client, const QString &repo, const QString &revision, const QString &path,
                      qint64 fileSize, QObject *context, HubClient::Done<WeightHeaderFact> done);
};

} // namespace memspec
