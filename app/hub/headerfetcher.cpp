// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "headerfetcher.h"

#include "app/formats/ggufheaderparser.h"
#include "app/formats/weightheaderparser.h"
#include "app/hub/ggufsizeguess.h"

#include <QPointer>

#include <memory>

namespace memspec {

namespace {

struct FetchState
{
    HubClient *client;
    QString repo;
    QString revision;
    QString path;
    qint64 fileSize;
    bool gguf;
    std::unique_ptr<WeightHeaderParser> parser;
    GgufSizeGuess guess; // GGUF: walks each range once to size the next one
    QPointer<QObject> context;
    HubClient::Done<WeightHeaderFact> done;
};

// How far to read next: what the parser needs, and for GGUF a guess of where the header ends (from the
// key/values and tensor infos read so far), so a big tokenizer takes two or three ranges, not a doubling series.
qint64 nextEnd(const FetchState &s)
{
    const qint64 fed = s.parser->bytesFed();
    qint64 end = qMax(s.parser->neededUpTo(), fed + 1);
    if (s.gguf) {
        const qint64 guess = s.guess.headerEnd();
        if (guess > fed) {
            end = qMax(end, guess + qMin<qint64>(guess / 64, 256 * 1024)); // a little slack beats another round trip
        } else {
            end = qMax(end, fed + qMin(qMax(fed, HeaderFetcher::kFirstGgufRange), HeaderFetcher::kMaxGgufStep));
        }
    }
    if (s.fileSize > 0) {
        end = qMin(end, s.fileSize);
    }
    return end;
}

void step(const std::shared_ptr<FetchState> &s)
{
    const qint64 from = s->parser->bytesFed();
    const qint64 end = nextEnd(*s);
    if (end > HeaderFetcher::kMaxHeaderBudget) {
        s->done(
            Result<WeightHeaderFact>::failure(QStringLiteral("%1: %2: header larger than the %3-byte budget; not read")
                                                  .arg(s->repo, s->path)
                                                  .arg(HeaderFetcher::kMaxHeaderBudget)),
            HubReply::Error::TooLarge);
        return;
    }
    if (end <= from) {
        s->parser->finish();
        s->done(Result<WeightHeaderFact>::failure(QStringLiteral("%1: %2").arg(s->repo, s->parser->error())),
                HubReply::Error::BadData);
        return;
    }
    s->client->readRange(
        s->repo, s->revision, s->path, from, end - from, s->context,
        [s](const Result<FileBytes> &r, HubReply::Error err) {
            if (!r) {
                s->done(Result<WeightHeaderFact>::failure(r.error()), err);
                return;
            }
            if (s->fileSize < 0 && r->totalSize > 0) {
                s->fileSize = r->totalSize;
            }
            if (r->bytes.isEmpty()) {
                s->parser->finish();
            } else {
                s->parser->feed(r->bytes);
            }
            if (s->gguf && s->parser->status() == ParseStatus::NeedMore) {
                s->guess.feed(r->bytes); // only the size guess for the next range reads it
            }
            switch (s->parser->status()) {
            case ParseStatus::Done: {
                WeightHeaderFact fact = s->parser->fact(s->repo, s->path);
                if (fact.fileSize <= 0) {
                    fact.fileSize = s->fileSize;
                }
                s->done(fact, HubReply::Error::None);
                return;
            }
            case ParseStatus::Failed:
                s->done(Result<WeightHeaderFact>::failure(QStringLiteral("%1: %2").arg(s->repo, s->parser->error())),
                        HubReply::Error::BadData);
                return;
            case ParseStatus::NeedMore:
                step(s);
                return;
            }
        });
}

} // namespace

void HeaderFetcher::fetch(HubClient *client, const QString &repo, const QString &revision, const QString &path,
                          qint64 fileSize, QObject *context, HubClient::Done<WeightHeaderFact> done)
{
    auto s = std::make_shared<FetchState>();
    s->client = client;
    s->repo = repo;
    s->revision = revision;
    s->path = path;
    s->fileSize = fileSize;
    s->gguf = path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
    s->parser = WeightHeaderParser::create(path, fileSize);
    s->context = context;
    s->done = std::move(done);
    if (!s->parser) {
        s->done(Result<WeightHeaderFact>::failure(
                    QStringLiteral("%1: %2: not a safetensors or GGUF file name").arg(repo, path)),
                HubReply::Error::BadData);
        return;
    }
    step(s);
}

} // namespace memspec
