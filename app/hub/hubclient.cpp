// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "hubclient.h"

#include "app/hub/secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace memspec {

namespace {

QString enc(const QString &s, const char *keep = "")
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s, keep));
}

QUrl nextLink(const QByteArray &link)
{
    static const QRegularExpression re(QStringLiteral("<(https?://[^>]+)>\\s*;\\s*rel=\"next\""));
    const auto m = re.match(QString::fromLatin1(link));
    return m.hasMatch() ? QUrl::fromEncoded(m.captured(1).toLatin1()) : QUrl();
}

// A whole text file as one reply returned it (download over /raw/ or /resolve/).
FileBytes wholeFile(const HubReply &r)
{
    FileBytes f;
    f.bytes = r.body;
    f.totalSize = r.totalSize;
    f.commit = QString::fromLatin1(r.repoCommit);
    f.etag = QString::fromLatin1(r.linkedEtag.isEmpty() ? r.header("etag") : r.linkedEtag).remove(QLatin1Char('"'));
    return f;
}

// The Hub's default branch when no revision is asked for.
QString revisionOrMain(const QString &revision)
{
    return revision.isEmpty() ? QStringLiteral("main") : revision;
}

} // namespace

HubClient::HubClient(QNetworkAccessManager *nam, HubConfig config, QObject *parent)
    : QObject(parent), m_nam(nam), m_config(std::move(config))
{
    m_config.takeUserInfo(); // the endpoint goes into every stored source and message: never its password
    if (!m_config.caCertificates.isEmpty()) {
        // Setting CAs on a configuration turns off Qt's on-demand loading of the system store, so an extra CA for
        // a mirror would otherwise make huggingface.co itself untrusted: start from the system's list.
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_config.caCertificates);
    }
}

HubClient::~HubClient()
{
    cancelAll();
}

QUrl HubClient::apiUrl(const QString &repo, const QString &suffix) const
{
    const QString p = m_config.endpoint.toString() + QStringLiteral("/api/models/") + enc(repo, "/") + suffix;
    return QUrl::fromEncoded(p.toLatin1());
}

QUrl HubClient::resolveUrl(const QString &repo, const QString &revision, const QString &path) const
{
    const QString p = m_config.endpoint.toString() + QLatin1Char('/') + enc(repo, "/") + QStringLiteral("/resolve/") +
                      enc(revision) + QLatin1Char('/') + enc(path, "/");
    return QUrl::fromEncoded(p.toLatin1());
}

QUrl HubClient::rawUrl(const QString &repo, const QString &revision, const QString &path) const
{
    const QString p = m_config.endpoint.toString() + QLatin1Char('/') + enc(repo, "/") + QStringLiteral("/raw/") +
                      enc(revision) + QLatin1Char('/') + enc(path, "/");
    return QUrl::fromEncoded(p.toLatin1());
}

QString HubClient::describe(const QString &repo, const QString &path, const HubReply &r, const QUrl &endpoint,
                            const QString &revision)
{
    const QString where = path.isEmpty() ? repo : repo + QStringLiteral(": ") + path;
    switch (r.error) {
    case HubReply::Error::RepoNotFound:
        return QStringLiteral("%1: repository not found on %2 (or private: a token with access is needed) [%3]")
            .arg(repo, endpoint.toString(), r.message);
    case HubReply::Error::Gated:
        return QStringLiteral("%1: gated repository: accept its licence on the model page %2/%3 and give a token "
                              "(HF_TOKEN) of an account that was granted access [%4]")
            .arg(where, endpoint.toString(), repo, r.message);
    case HubReply::Error::BadToken:
        return QStringLiteral("%1: the hub rejected the token (HF_TOKEN): %2").arg(where, r.message);
    case HubReply::Error::RevisionNotFound:
        return QStringLiteral("%1: revision \"%2\" not found [%3]").arg(repo, revision, r.message);
    case HubReply::Error::EntryNotFound:
        return QStringLiteral("%1: file not found at revision \"%2\"").arg(where, revision);
    default:
        return QStringLiteral("%1: %2").arg(where, r.message);
    }
}

void HubClient::submit(HubRequestSpec spec, QObject *context, std::function<void(const HubReply &)> done)
{
    auto *req = new HubRequest(m_nam, m_config, m_tls, std::move(spec), this);
    QPointer<QObject> ctx(context);
    connect(req, &HubRequest::bytesReceived, this, [this](qint64 n) {
        m_bytes += n;
        Q_EMIT bytesReceivedChanged(m_bytes);
    });
    connect(req, &HubRequest::finished, this,
            [this, req, ctx, hasCtx = context != nullptr, done = std::move(done)](const HubReply &r) {
                m_running.removeAll(req);
                req->deleteLater();
                if (!hasCtx || ctx) {
                    done(r);
                }
                pump();
            });
    if (req->spec().urgent) {
        // after the other urgent ones, before everything else
        qsizetype at = 0;
        while (at < m_waiting.size() && m_waiting.at(at) && m_waiting.at(at)->spec().urgent) {
            ++at;
        }
        m_waiting.insert(at, req);
    } else {
        m_waiting.append(req);
    }
    pump();
}

void HubClient::pump()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_config.maxConcurrent) {
        QPointer<HubRequest> req = m_waiting.takeFirst();
        if (!req) {
            continue;
        }
        m_running.append(req);
        ++m_requests;
        req->start();
    }
}

void HubClient::cancelAll()
{
    const auto waiting = m_waiting;
    m_waiting.clear();
    for (const QPointer<HubRequest> &r : waiting) {
        if (r) {
            r->cancel();
        }
    }
    const auto running = m_running;
    for (const QPointer<HubRequest> &r : running) {
        if (r) {
            r->cancel();
        }
    }
}

void HubClient::modelInfo(const QString &repo, const QString &revision, bool blobs, QObject *context,
                          Done<RepoInfo> done)
{
    HubRequestSpec spec;
    spec.url = apiUrl(repo, revision.isEmpty() ? QString() : QStringLiteral("/revision/") + enc(revision));
    if (blobs) {
        spec.url.setQuery(QStringLiteral("blobs=true"));
    }
    spec.maxBody = 32ll * 1024 * 1024;
    spec.urgent = true; // everything else of a model waits for it
    const QUrl endpoint = m_config.endpoint;
    submit(spec, context, [=, done = std::move(done)](const HubReply &r) {
        if (!r.ok()) {
            done(Result<RepoInfo>::failure(describe(repo, QString(), r, endpoint, revision)), r.error);
            return;
        }
        auto info = RepoInfo::fromJson(r.body, repo + QStringLiteral(": model info"));
        done(info, info ? HubReply::Error::None : HubReply::Error::BadData);
    });
}

// One paginated listing: what it gathered, and what it saw to stop a hub that loops.
struct HubClient::Listing
{
    QString repo;
    QString revision;
    QPointer<QObject> context;
    Done<QList<RepoEntry>> done;
    QList<RepoEntry> soFar;
    QSet<QString> urls;  // pages asked for
    QSet<QString> paths; // entries listed so far: a listing names each path once
    int pages = 0;
};

void HubClient::listTree(const QString &repo, const QString &revision, const QString &path, bool recursive,
                         QObject *context, Done<QList<RepoEntry>> done)
{
    QUrl url = apiUrl(repo, QStringLiteral("/tree/") + enc(revisionOrMain(revision)) +
                                (path.isEmpty() ? QString() : QLatin1Char('/') + enc(path, "/")));
    url.setQuery(
        QStringLiteral("recursive=%1&expand=false").arg(recursive ? QStringLiteral("true") : QStringLiteral("false")));
    auto listing = std::make_shared<Listing>();
    listing->repo = repo;
    listing->revision = revision;
    listing->context = context;
    listing->done = std::move(done);
    treePage(url, listing);
}

void HubClient::treePage(const QUrl &url, const std::shared_ptr<Listing> &listing)
{
    HubRequestSpec spec;
    spec.url = url;
    listing->urls.insert(url.toString());
    const QUrl endpoint = m_config.endpoint;
    submit(spec, listing->context, [=, this](const HubReply &r) {
        const QString &repo = listing->repo;
        const auto fail = [&](const QString &why, HubReply::Error e) {
            listing->done(Result<QList<RepoEntry>>::failure(
                              QStringLiteral("%1: file listing: %2").arg(repo, redactSecrets(why, m_config.secrets()))),
                          e);
        };
        if (!r.ok()) {
            listing->done(Result<QList<RepoEntry>>::failure(describe(repo, QString(), r, endpoint, listing->revision)),
                          r.error);
            return;
        }
        auto page = RepoInfo::entriesFromJson(r.body, repo + QStringLiteral(": file listing"));
        if (!page) {
            listing->done(page, HubReply::Error::BadData);
            return;
        }
        const int pageNo = ++listing->pages;
        for (const RepoEntry &e : page.value()) {
            if (listing->paths.contains(e.path)) {
                fail(QStringLiteral("page %1 lists \"%2\" a second time; the hub's pagination loops, stopped")
                         .arg(pageNo)
                         .arg(e.path.left(200)),
                     HubReply::Error::BadData);
                return;
            }
            listing->paths.insert(e.path);
        }
        listing->soFar += page.value();
        if (listing->soFar.size() > RepoInfo::kMaxFiles) {
            fail(QStringLiteral("more than %1 entries after %2 pages, more than a model repo plausibly has; stopped")
                     .arg(RepoInfo::kMaxFiles)
                     .arg(pageNo),
                 HubReply::Error::TooLarge);
            return;
        }
        const QUrl next = nextLink(r.header("link"));
        if (next.isEmpty()) {
            listing->done(listing->soFar, HubReply::Error::None);
            return;
        }
        if (const QString refused = HubRequest::refusal(r.url, next); !refused.isEmpty()) {
            fail(QStringLiteral("Link rel=\"next\" %1").arg(refused), HubReply::Error::UnsafeUrl);
            return;
        }
        if (listing->urls.contains(next.toString())) {
            fail(QStringLiteral("page %1 links back to a page already read (%2); the hub's pagination loops, stopped")
                     .arg(pageNo)
                     .arg(HubRequest::shown(next)),
                 HubReply::Error::BadData);
            return;
        }
        if (pageNo >= RepoInfo::kMaxListingPages) {
            fail(QStringLiteral("more than %1 pages; stopped").arg(RepoInfo::kMaxListingPages),
                 HubReply::Error::TooLarge);
            return;
        }
        treePage(next, listing);
    });
}

void HubClient::pathsInfo(const QString &repo, const QString &revision, const QStringList &paths, QObject *context,
                          Done<QList<RepoEntry>> done)
{
    HubRequestSpec spec;
    spec.method = "POST";
    spec.url = apiUrl(repo, QStringLiteral("/paths-info/") + enc(revisionOrMain(revision)));
    spec.contentType = "application/json";
    spec.body = QJsonDocument(QJsonObject{{QStringLiteral("paths"), QJsonArray::fromStringList(paths)},
                                          {QStringLiteral("expand"), false}})
                    .toJson(QJsonDocument::Compact);
    const QUrl endpoint = m_config.endpoint;
    submit(spec, context, [=, done = std::move(done)](const HubReply &r) {
        if (!r.ok()) {
            done(Result<QList<RepoEntry>>::failure(describe(repo, QString(), r, endpoint, revision)), r.error);
            return;
        }
        auto entries = RepoInfo::entriesFromJson(r.body, repo + QStringLiteral(": paths-info"));
        done(entries, entries ? HubReply::Error::None : HubReply::Error::BadData);
    });
}

void HubClient::downloadResolved(const QString &repo, const QString &revision, const QString &path, qint64 maxBytes,
                                 QObject *context, Done<FileBytes> done)
{
    HubRequestSpec spec;
    spec.url = resolveUrl(repo, revisionOrMain(revision), path);
    spec.maxBody = maxBytes;
    const QUrl endpoint = m_config.endpoint;
    submit(spec, context, [=, done = std::move(done)](const HubReply &r) {
        if (!r.ok()) {
            done(Result<FileBytes>::failure(describe(repo, path, r, endpoint, revision)), r.error);
            return;
        }
        done(wholeFile(r), HubReply::Error::None);
    });
}

void HubClient::download(const QString &repo, const QString &revision, const QString &path, qint64 maxBytes,
                         QObject *context, Done<FileBytes> done)
{
    QPointer<QObject> ctx(context);
    // /raw/ serves a git file in one hop (the resolve route adds a 307 to resolve-cache); for an LFS file it would
    // give the pointer, so fall back to /resolve/ when the answer is one.
    HubRequestSpec spec;
    spec.url = rawUrl(repo, revisionOrMain(revision), path);
    spec.maxBody = maxBytes;
    const QUrl endpoint = m_config.endpoint;
    submit(spec, context, [=, this, done = std::move(done)](const HubReply &r) {
        if (!r.ok()) {
            done(Result<FileBytes>::failure(describe(repo, path, r, endpoint, revision)), r.error);
            return;
        }
        if (r.body.startsWith("version https://git-lfs.github.com/spec/v1\n") && r.body.size() < 1024) {
            downloadResolved(repo, revision, path, maxBytes, ctx, done);
            return;
        }
        done(wholeFile(r), HubReply::Error::None);
    });
}

void HubClient::readRange(const QString &repo, const QString &revision, const QString &path, qint64 from, qint64 length,
                          QObject *context, Done<FileBytes> done)
{
    const QString key = repo + QLatin1Char('@') + revision + QLatin1Char(':') + path;
    const QUrl resolve = resolveUrl(repo, revisionOrMain(revision), path);
    const QUrl direct = m_direct.value(key);
    HubRequestSpec spec;
    spec.url = direct.isEmpty() ? resolve : direct;
    spec.range = "bytes=" + QByteArray::number(from) + '-' + QByteArray::number(from + length - 1);
    spec.maxBody = length;
    spec.urgent = true;
    const QUrl endpoint = m_config.endpoint;
    QPointer<QObject> ctx(context);
    submit(spec, context, [=, this, done = std::move(done)](const HubReply &r) {
        if (!r.ok() && !direct.isEmpty() && r.status == 403) {
            m_direct.remove(key); // the signed CDN URL expired: resolve again
            readRange(repo, revision, path, from, length, ctx, done);
            return;
        }
        if (!r.ok()) {
            done(Result<FileBytes>::failure(describe(repo, path, r, endpoint, revision)), r.error);
            return;
        }
        if (direct.isEmpty() && r.url != resolve) {
            m_direct.insert(key, r.url);
        }
        FileBytes f;
        f.bytes = r.body;
        if (r.status == 200) {
            f.bytes = r.body.mid(from, length); // a small file sent whole: take the part that was asked for
        }
        f.from = from;
        f.totalSize = r.linkedSize >= 0 ? r.linkedSize : r.totalSize;
        f.commit = QString::fromLatin1(r.repoCommit);
        f.etag = QString::fromLatin1(r.linkedEtag);
        done(f, HubReply::Error::None);
    });
}

} // namespace memspec
