// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "mockhttp.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace memspec::mock {

namespace {

const QStringList kExpandable = {
    QStringLiteral("author"),       QStringLiteral("baseModels"),   QStringLiteral("cardData"),
    QStringLiteral("config"),       QStringLiteral("createdAt"),    QStringLiteral("disabled"),
    QStringLiteral("downloads"),    QStringLiteral("gated"),        QStringLiteral("gguf"),
    QStringLiteral("lastModified"), QStringLiteral("library_name"), QStringLiteral("likes"),
    QStringLiteral("pipeline_tag"), QStringLiteral("private"),      QStringLiteral("safetensors"),
    QStringLiteral("sha"),          QStringLiteral("siblings"),     QStringLiteral("tags"),
    QStringLiteral("usedStorage"),  QStringLiteral("xetEnabled")};

QByteArray jsonBytes(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

MockResponse jsonResponse(const QJsonValue &v)
{
    MockResponse r;
    r.body = jsonBytes(v);
    r.set("Content-Type", "application/json; charset=utf-8");
    return r;
}

bool isPublicInGatedRepo(const QString &path)
{
    return path == QLatin1String("README.md") || path == QLatin1String(".gitattributes") ||
           path.startsWith(QLatin1String("LICENSE"));
}

QJsonObject entryJson(const MockRepo &repo, const MockFile *f, const QString &dir, bool expand)
{
    QJsonObject o;
    if (f) {
        o = {{QStringLiteral("type"), QStringLiteral("file")},
             {QStringLiteral("oid"), f->gitOid},
             {QStringLiteral("size"), double(f->size)},
             {QStringLiteral("path"), f->path}};
        if (f->lfs) {
            o.insert(QStringLiteral("lfs"),
                     QJsonObject{{QStringLiteral("oid"), f->sha256},
                                 {QStringLiteral("size"), double(f->size)},
                                 {QStringLiteral("pointerSize"), double(f->pointerText().size())}});
        }
    } else {
        o = {{QStringLiteral("type"), QStringLiteral("directory")},
             {QStringLiteral("oid"), MockRepoSet::commitFor(repo.id + dir)},
             {QStringLiteral("size"), 0},
             {QStringLiteral("path"), dir}};
    }
    if (expand) {
        o.insert(QStringLiteral("lastCommit"),
                 QJsonObject{{QStringLiteral("id"), repo.commit},
                             {QStringLiteral("title"), QStringLiteral("Upload mock files")},
                             {QStringLiteral("date"), QStringLiteral("2026-01-15T10:00:00.000Z")}});
        o.insert(QStringLiteral("securityFileStatus"), QJsonObject{{QStringLiteral("status"), QStringLiteral("safe")}});
    }
    return o;
}

QSet<QString> directoriesOf(const MockRepo &repo)
{
    QSet<QString> dirs;
    for (const MockFile &f : repo.files) {
        QStringList parts = f.path.split(QLatin1Char('/'));
        parts.removeLast();
        QString d;
        for (const QString &p : parts) {
            d = d.isEmpty() ? p : d + QLatin1Char('/') + p;
            dirs.insert(d);
        }
    }
    return dirs;
}

} // namespace

QString MockRequest::queryValue(const QString &key) const
{
    for (const auto &[k, v] : query) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

QStringList MockRequest::queryValues(const QString &key) const
{
    QStringList out;
    for (const auto &[k, v] : query) {
        if (k == key) {
            out << v;
        }
    }
    return out;
}

QByteArray MockResponse::get(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return {};
}

MockResponse mockError(int status, const QByteArray &code, const QString &message, bool jsonBody)
{
    MockResponse r;
    r.status = status;
    if (!code.isEmpty()) {
        r.set("X-Error-Code", code);
    }
    r.set("X-Error-Message", message.toUtf8());
    if (jsonBody) {
        r.body = jsonBytes(QJsonObject{{QStringLiteral("error"), message}});
        r.set("Content-Type", "application/json; charset=utf-8");
    } else {
        r.body = message.toUtf8();
        r.set("Content-Type", "text/plain; charset=utf-8");
    }
    return r;
}

QString MockRoutes::token(const MockRequest &req) const
{
    const QByteArray auth = req.header("authorization");
    return auth.startsWith("Bearer ") ? QString::fromLatin1(auth.mid(7)).trimmed() : QString();
}

bool MockRoutes::resolveRevision(const MockRepo &repo, const QString &rev, QString *commit) const
{
    if (rev == QLatin1String("main") || rev == QLatin1String("HEAD") ||
        (rev.size() >= 7 && repo.commit.startsWith(rev.toLower()))) {
        *commit = repo.commit;
        return true;
    }
    return false;
}

MockResponse MockRoutes::repoError(const MockRequest &req) const
{
    if (token(req).isEmpty()) {
        MockResponse r = mockError(401, QByteArray(), QStringLiteral("Invalid username or password."));
        r.set("WWW-Authenticate", "Bearer realm=\"Authentication required\"");
        return r;
    }
    return mockError(404, "RepoNotFound", QStringLiteral("Repository not found"));
}

MockResponse MockRoutes::route(const MockRequest &req) const
{
    if (req.origin == QLatin1String("cdn")) {
        return cdn(req);
    }
    const QString tok = token(req);
    if (!tok.isEmpty() && !validTokens.contains(tok)) {
        return mockError(401, QByteArray(), QStringLiteral("Invalid credentials in Authorization header"));
    }
    const QStringList &s = req.segments;
    if (s.size() >= 2 && s[0] == QLatin1String("__mock__")) {
        MockResponse r;
        r.body = "ok\n";
        return r;
    }
    if (s.size() >= 3 && s[0] == QLatin1String("api") && s[1] == QLatin1String("resolve-cache")) {
        return resolveCache(req);
    }
    if (s.size() >= 2 && s[0] == QLatin1String("api")) {
        return api(req);
    }
    if (s.size() >= 5 && (s[2] == QLatin1String("resolve") || s[2] == QLatin1String("raw"))) {
        const QString id = s[0] + QLatin1Char('/') + s[1];
        const MockRepo *repo = m_repos->find(id);
        if (!repo) {
            const QString renamed = m_repos->renamedTo(id);
            if (!renamed.isEmpty()) {
                MockResponse r;
                r.status = 307;
                r.set("Location", '/' + renamed.toUtf8() + req.target.mid(id.toUtf8().size() + 1));
                return r;
            }
            return repoError(req);
        }
        QString commit;
        if (!resolveRevision(*repo, s[3], &commit)) {
            return mockError(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(s[3]));
        }
        return resolve(req, *repo, commit, s.mid(4).join(QLatin1Char('/')), s[2] == QLatin1String("raw"));
    }
    return mockError(404, QByteArray(), QStringLiteral("Sorry, we can't find the page you are looking for."));
}

MockResponse MockRoutes::api(const MockRequest &req) const
{
    const QStringList &s = req.segments;
    if (s.size() < 4 || s[1] != QLatin1String("models")) {
        return mockError(404, QByteArray(), QStringLiteral("Not found"));
    }
    const QString id = s[2] + QLatin1Char('/') + s[3];
    const MockRepo *repo = m_repos->find(id);
    if (!repo) {
        const QString renamed = m_repos->renamedTo(id);
        if (!renamed.isEmpty()) {
            MockResponse r;
            r.status = 307;
            const QByteArray prefix = "/api/models/" + id.toUtf8();
            r.set("Location", "/api/models/" + renamed.toUtf8() + req.target.mid(prefix.size()));
            return r;
        }
        return repoError(req);
    }
    const QString what = s.value(4);
    QString commit = repo->commit;
    if (!what.isEmpty()) {
        if (s.size() < 6) {
            return mockError(404, QByteArray(), QStringLiteral("Not found"));
        }
        if (!resolveRevision(*repo, s[5], &commit)) {
            return mockError(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(s[5]));
        }
    }
    if (what.isEmpty() || what == QLatin1String("revision")) {
        return modelInfo(req, *repo, commit);
    }
    if (what == QLatin1String("tree")) {
        return tree(req, *repo, commit, s.mid(6).join(QLatin1Char('/')));
    }
    if (what == QLatin1String("paths-info") && req.method == "POST") {
        return pathsInfo(req, *repo, commit);
    }
    return mockError(404, QByteArray(), QStringLiteral("Not found"));
}

MockResponse MockRoutes::modelInfo(const MockRequest &req, const MockRepo &repo, const QString &commit) const
{
    QStringList expand = req.queryValues(QStringLiteral("expand")) + req.queryValues(QStringLiteral("expand[]"));
    for (const QString &e : expand) {
        if (!kExpandable.contains(e)) {
            return mockError(400, QByteArray(),
                             QStringLiteral("\"expand\" must be one of %1").arg(kExpandable.join(QLatin1String(", "))));
        }
    }
    const bool blobs = req.queryValue(QStringLiteral("blobs")) == QLatin1String("true");
    QJsonArray siblings;
    qint64 storage = 0;
    for (const MockFile &f : repo.files) {
        QJsonObject sib{{QStringLiteral("rfilename"), f.path}};
        if (blobs) {
            sib.insert(QStringLiteral("blobId"), f.gitOid);
            sib.insert(QStringLiteral("size"), double(f.size));
            if (f.lfs) {
                sib.insert(QStringLiteral("lfs"),
                           QJsonObject{{QStringLiteral("sha256"), f.sha256},
                                       {QStringLiteral("size"), double(f.size)},
                                       {QStringLiteral("pointerSize"), double(f.pointerText().size())}});
            }
        }
        siblings << sib;
        storage += f.size;
    }
    QJsonObject config;
    if (const MockFile *c = repo.file(QStringLiteral("config.json"))) {
        const QJsonObject full = QJsonDocument::fromJson(c->content).object();
        for (const char *k : {"architectures", "model_type"}) {
            if (full.contains(QLatin1String(k))) {
                config.insert(QLatin1String(k), full.value(QLatin1String(k)));
            }
        }
    }
    const QString author = repo.id.section(QLatin1Char('/'), 0, 0);
    QJsonObject all{{QStringLiteral("_id"), repo.commit.left(24)},
                    {QStringLiteral("id"), repo.id},
                    {QStringLiteral("modelId"), repo.id},
                    {QStringLiteral("author"), author},
                    {QStringLiteral("sha"), commit},
                    {QStringLiteral("lastModified"), QStringLiteral("2026-01-15T10:00:00.000Z")},
                    {QStringLiteral("createdAt"), QStringLiteral("2025-06-01T08:00:00.000Z")},
                    {QStringLiteral("private"), false},
                    {QStringLiteral("disabled"), false},
                    {QStringLiteral("gated"), repo.gated.isEmpty() ? QJsonValue(false) : QJsonValue(repo.gated)},
                    {QStringLiteral("downloads"), 1234},
                    {QStringLiteral("likes"), 56},
                    {QStringLiteral("tags"), QJsonArray{QStringLiteral("memspec-mock"), QStringLiteral("region:us")}},
                    {QStringLiteral("library_name"), QStringLiteral("mock")},
                    {QStringLiteral("cardData"), QJsonObject{{QStringLiteral("license"), QStringLiteral("other")}}},
                    {QStringLiteral("config"), config},
                    {QStringLiteral("siblings"), siblings},
                    {QStringLiteral("usedStorage"), double(storage)},
                    {QStringLiteral("xetEnabled"), false}};
    if (!repo.pipelineTag.isEmpty()) {
        all.insert(QStringLiteral("pipeline_tag"), repo.pipelineTag);
    }
    if (expand.isEmpty()) {
        all.remove(QStringLiteral("xetEnabled"));
        return jsonResponse(all);
    }
    QJsonObject subset{{QStringLiteral("_id"), all.value(QLatin1String("_id"))}, {QStringLiteral("id"), repo.id}};
    for (const QString &e : expand) {
        if (all.contains(e)) {
            subset.insert(e, all.value(e));
        }
    }
    return jsonResponse(subset);
}

MockResponse MockRoutes::tree(const MockRequest &req, const MockRepo &repo, const QString &commit,
                              const QString &path) const
{
    const bool recursive = req.queryValue(QStringLiteral("recursive")) == QLatin1String("true");
    const bool expand = req.queryValue(QStringLiteral("expand")) == QLatin1String("true");
    const QSet<QString> dirs = directoriesOf(repo);
    if (!path.isEmpty() && !dirs.contains(path)) {
        MockResponse r =
            mockError(404, "EntryNotFound", QStringLiteral("%1 does not exist on \"%2\"").arg(path, commit));
        r.set("X-Repo-Commit", commit.toLatin1());
        return r;
    }
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    QJsonArray all;
    auto wanted = [&](const QString &p) {
        return p.startsWith(prefix) && (recursive || !p.mid(prefix.size()).contains(QLatin1Char('/')));
    };
    QStringList sortedDirs(dirs.begin(), dirs.end());
    sortedDirs.sort();
    for (const QString &d : sortedDirs) {
        if (wanted(d)) {
            all << entryJson(repo, nullptr, d, expand);
        }
    }
    for (const MockFile &f : repo.files) {
        if (wanted(f.path)) {
            all << entryJson(repo, &f, QString(), expand);
        }
    }
    int limit = expand ? treePageSizeExpand : treePageSize;
    const int asked = req.queryValue(QStringLiteral("limit")).toInt();
    if (asked > 0) {
        limit = qMin(limit, asked);
    }
    const int start =
        QByteArray::fromBase64(req.queryValue(QStringLiteral("cursor")).toLatin1(), QByteArray::Base64UrlEncoding)
            .toInt();
    QJsonArray page;
    for (int i = start; i < all.size() && i < start + limit; ++i) {
        page << all.at(i);
    }
    MockResponse r = jsonResponse(page);
    if (start + limit < all.size()) {
        QUrl next = hubUrl;
        next.setPath(QString::fromUtf8(req.path()));
        const QByteArray cursor = QByteArray::number(start + limit).toBase64(QByteArray::Base64UrlEncoding);
        next.setQuery(QStringLiteral("recursive=%1&expand=%2&limit=%3&cursor=%4")
                          .arg(recursive ? QStringLiteral("true") : QStringLiteral("false"),
                               expand ? QStringLiteral("true") : QStringLiteral("false"))
                          .arg(limit)
                          .arg(QString::fromLatin1(cursor)));
        r.set("Link", '<' + next.toEncoded() + ">; rel=\"next\"");
    }
    return r;
}

MockResponse MockRoutes::pathsInfo(const MockRequest &req, const MockRepo &repo, const QString &) const
{
    QStringList paths;
    bool expand = false;
    if (req.header("content-type").startsWith("application/json")) {
        const QJsonObject o = QJsonDocument::fromJson(req.body).object();
        for (const QJsonValue &v : o.value(QLatin1String("paths")).toArray()) {
            paths << v.toString();
        }
        expand = o.value(QLatin1String("expand")).toBool();
    } else {
        for (const QByteArray &pair : req.body.split('&')) {
            const int eq = pair.indexOf('=');
            const QString k =
                QUrl::fromPercentEncoding(QByteArray(pair.left(eq < 0 ? pair.size() : eq)).replace('+', ' '));
            const QString v =
                QUrl::fromPercentEncoding(eq < 0 ? QByteArray() : QByteArray(pair.mid(eq + 1)).replace('+', ' '));
            if (k == QLatin1String("paths")) {
                paths << v;
            } else if (k == QLatin1String("expand")) {
                expand = v == QLatin1String("true");
            }
        }
    }
    const QSet<QString> dirs = directoriesOf(repo);
    QJsonArray out;
    for (const QString &p : paths) {
        if (const MockFile *f = repo.file(p)) {
            out << entryJson(repo, f, QString(), expand);
        } else if (dirs.contains(p)) {
            out << entryJson(repo, nullptr, p, expand);
        }
    }
    return jsonResponse(out);
}

MockResponse MockRoutes::resolve(const MockRequest &req, const MockRepo &repo, const QString &commit,
                                 const QString &path, bool raw) const
{
    const MockFile *f = repo.file(path);
    if (!f) {
        MockResponse r = mockError(404, "EntryNotFound", QStringLiteral("Entry not found"), false);
        r.set("X-Repo-Commit", commit.toLatin1());
        return r;
    }
    if (!repo.gated.isEmpty() && !isPublicInGatedRepo(path)) {
        const QString tok = token(req);
        if (tok.isEmpty()) {
            return mockError(401, "GatedRepo",
                             QStringLiteral("Access to model %1 is restricted. You must have access to it and be "
                                            "authenticated to access it. Please log in.")
                                 .arg(repo.id));
        }
        if (!approvedTokens.contains(tok)) {
            return mockError(403, "GatedRepo",
                             QStringLiteral("Access to model %1 is restricted and you are not in the authorized list. "
                                            "Visit %2/%1 to ask for access.")
                                 .arg(repo.id, hubUrl.toString()));
        }
    }
    if (raw || (!f->lfs && legacyResolve)) {
        MockResponse r = serveBytes(req, *f, raw && f->lfs);
        r.set("X-Repo-Commit", commit.toLatin1());
        return r;
    }
    MockResponse r;
    r.set("X-Repo-Commit", commit.toLatin1());
    r.set("Accept-Ranges", "bytes");
    r.set("Content-Type", "text/plain; charset=utf-8");
    const QByteArray encodedPath = QUrl::toPercentEncoding(path, "/");
    if (f->lfs) {
        QUrl loc = cdnUrl;
        loc.setPath(QStringLiteral("/cdn-lfs/%1/%2").arg(repo.id, f->sha256));
        loc.setQuery(QStringLiteral("Expires=%1&Signature=mock-signature&Key-Pair-Id=MOCKKEY")
                         .arg(QDateTime::currentSecsSinceEpoch() + 3600));
        r.status = 302;
        r.set("Location", loc.toEncoded());
        r.set("X-Linked-Size", QByteArray::number(f->size));
        r.set("X-Linked-ETag", '"' + f->sha256.toLatin1() + '"');
        r.body = "Found. Redirecting to " + loc.toEncoded();
    } else {
        r.status = 307;
        r.set("Location", "/api/resolve-cache/models/" + repo.id.toUtf8() + '/' + commit.toLatin1() + '/' +
                              encodedPath + "?etag=%22" + f->gitOid.toLatin1() + "%22");
        r.body = "Temporary Redirect. Redirecting to /api/resolve-cache/...";
    }
    r.headOnly = req.method == "HEAD";
    return r;
}

MockResponse MockRoutes::resolveCache(const MockRequest &req) const
{
    const QStringList &s = req.segments; // api resolve-cache models ns name commit path...
    if (s.size() < 7) {
        return mockError(404, QByteArray(), QStringLiteral("Not found"));
    }
    const MockRepo *repo = m_repos->find(s[3] + QLatin1Char('/') + s[4]);
    if (!repo) {
        return repoError(req);
    }
    if (s[5] != repo->commit) {
        return mockError(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(s[5]));
    }
    const MockFile *f = repo->file(s.mid(6).join(QLatin1Char('/')));
    if (!f || f->lfs) {
        return mockError(404, "EntryNotFound", QStringLiteral("Entry not found"), false);
    }
    MockResponse r = serveBytes(req, *f, false);
    r.set("X-Repo-Commit", repo->commit.toLatin1());
    return r;
}

MockResponse MockRoutes::cdn(const MockRequest &req) const
{
    const QStringList &s = req.segments; // cdn-lfs ns name sha256
    if (s.size() != 4 || s[0] != QLatin1String("cdn-lfs")) {
        return mockError(404, QByteArray(), QStringLiteral("NoSuchKey"), false);
    }
    if (strictCdn && !req.header("authorization").isEmpty()) {
        return mockError(400, QByteArray(),
                         QStringLiteral("InvalidArgument: Only one auth mechanism allowed; an Authorization header "
                                        "reached the CDN"),
                         false);
    }
    if (req.queryValue(QStringLiteral("Expires")).toLongLong() < QDateTime::currentSecsSinceEpoch()) {
        return mockError(403, QByteArray(), QStringLiteral("Request has expired"), false);
    }
    const MockRepo *repo = m_repos->find(s[1] + QLatin1Char('/') + s[2]);
    const MockFile *file = nullptr;
    for (const MockFile &f : repo ? repo->files : QList<MockFile>()) {
        if (f.lfs && f.sha256 == s[3]) {
            file = &f;
        }
    }
    if (!file) {
        return mockError(404, QByteArray(), QStringLiteral("NoSuchKey"), false);
    }
    MockResponse r = serveBytes(req, *file, false);
    r.set("Access-Control-Allow-Origin", "*");
    return r;
}

MockResponse MockRoutes::serveBytes(const MockRequest &req, const MockFile &f, bool pointer) const
{
    const MockFile *src = &f;
    MockResponse r;
    const qint64 size = pointer ? f.pointerText().size() : f.size;
    r.set("Accept-Ranges", "bytes");
    if (pointer || !f.lfs) {
        r.set("ETag", '"' + f.gitOid.toLatin1() + '"');
        r.set("Content-Type",
              f.path.endsWith(QLatin1String(".json")) ? "application/json" : "text/plain; charset=utf-8");
    } else {
        r.set("ETag", '"' + QCryptographicHash::hash(f.sha256.toLatin1(), QCryptographicHash::Sha1).toHex() + '"');
        r.set("Content-Type", "application/octet-stream");
    }
    qint64 from = 0;
    qint64 to = size - 1;
    const QByteArray range = req.header("range");
    if (range.startsWith("bytes=") && !range.contains(',')) {
        const QByteArray spec = range.mid(6);
        const int dash = spec.indexOf('-');
        bool okA = false;
        bool okB = false;
        const qint64 a = spec.left(dash).toLongLong(&okA);
        const qint64 b = spec.mid(dash + 1).toLongLong(&okB);
        if (dash == 0 && okB) {
            from = qMax<qint64>(0, size - b);
        } else if (okA) {
            from = a;
            to = okB ? qMin(b, size - 1) : size - 1;
        }
        if (from >= size || (okA && okB && b < a)) {
            MockResponse e = mockError(416, QByteArray(), QStringLiteral("Range Not Satisfiable"), false);
            e.set("Content-Range", "bytes */" + QByteArray::number(size));
            return e;
        }
        r.status = 206;
        r.set("Content-Range",
              "bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/' + QByteArray::number(size));
    }
    if (pointer) {
        r.body = f.pointerText().mid(from, to - from + 1);
    } else {
        r.file = src;
        r.from = from;
        r.length = to - from + 1;
    }
    r.headOnly = req.method == "HEAD";
    return r;
}

} // namespace memspec::mock
