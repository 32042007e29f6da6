// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The hostile hub: scenarios a malicious or broken hub or mirror could play on a client (issue 18). Each one
// answers some requests its own way and leaves the rest to the ordinary routes, so a refresh gets as far as the
// attack.
#include "mockhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace memspec::mock {

namespace {

struct Scenario
{
    const char *name;
    const char *help;
};

const Scenario kScenarios[] = {
    {"redirect", "README.md answers 302 to ARG (default file:///proc/self/environ; try data:, qrc:, http://)"},
    {"echo-token", "every /api/models/ request answers 400 echoing its Authorization header and an hf_ key"},
    {"endless-chunked", "config.json is an endless chunked body"},
    {"huge-length", "config.json claims a 1 TB Content-Length and sends filler"},
    {"error-endless", "config.json answers 500 with an endless chunked error body"},
    {"slowloris", "config.json arrives one byte every ARG ms (default 5000)"},
    {"tree-same-page", "model info without sizes; the listing's Link rel=next points at the same page"},
    {"tree-cursor", "model info without sizes; every listing page names a new cursor and repeats the files"},
    {"tree-endless", "model info without sizes; every listing page names a new cursor and ARG (default 1000) new "
                     "junk files (the first page the real ones too)"},
    {"tree-empty-pages", "model info without sizes; the listing's first page has the files, then empty pages, each "
                         "naming a new cursor"},
    {"siblings-junk", "model info lists ARG (default 400000) junk files besides the real ones"},
};

// The file path of a /{org}/{name}/raw|resolve/{rev}/{path} request, else empty.
QString filePath(const MockRequest &req)
{
    const QStringList &s = req.segments;
    if (req.origin == QLatin1String("hub") && s.size() >= 5 &&
        (s[2] == QLatin1String("resolve") || s[2] == QLatin1String("raw"))) {
        return s.mid(4).join(QLatin1Char('/'));
    }
    return {};
}

bool isModelInfo(const MockRequest &req)
{
    const QStringList &s = req.segments;
    return s.size() >= 4 && s[0] == QLatin1String("api") && s[1] == QLatin1String("models") &&
           (s.size() == 4 || s[4] == QLatin1String("revision"));
}

bool isTree(const MockRequest &req)
{
    const QStringList &s = req.segments;
    return s.size() >= 6 && s[0] == QLatin1String("api") && s[1] == QLatin1String("models") && s[4] == QLatin1String("tree");
}

// The model info without file sizes, so that a client lists the tree to learn them.
MockResponse withoutSizes(MockResponse r)
{
    QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QJsonArray siblings;
    for (const QJsonValue &v : o.value(QLatin1String("siblings")).toArray()) {
        siblings << QJsonObject{{QStringLiteral("rfilename"), v.toObject().value(QLatin1String("rfilename"))}};
    }
    o.insert(QStringLiteral("siblings"), siblings);
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

MockRequest withoutQuery(const MockRequest &req, const QString &drop)
{
    MockRequest out = req;
    out.query.clear();
    for (const auto &[k, v] : req.query) {
        if (k != drop) {
            out.query.append({k, v});
        }
    }
    return out;
}

void linkNext(MockResponse &r, const QUrl &hub, const MockRequest &req, const QByteArray &cursor)
{
    QUrl next = hub;
    next.setPath(QString::fromUtf8(req.path()));
    next.setQuery(QStringLiteral("recursive=true&expand=false&cursor=") + QString::fromLatin1(cursor));
    r.set("Link", '<' + next.toEncoded() + ">; rel=\"next\"");
}

QByteArray junkEntries(int count, int start, bool tree)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 64);
    for (int i = 0; i < count; ++i) {
        const QByteArray path = "junk/" + QByteArray::number(start + i) + ".bin";
        if (tree) {
            out += "{\"type\":\"file\",\"oid\":\"0\",\"size\":1,\"path\":\"" + path + "\"},";
        } else {
            out += "{\"rfilename\":\"" + path + "\",\"size\":1},";
        }
    }
    return out;
}

} // namespace

QStringList MockHub::hostileNames()
{
    QStringList out;
    for (const Scenario &s : kScenarios) {
        out << QLatin1String(s.name);
    }
    return out;
}

QString MockHub::hostileHelp()
{
    QString out;
    for (const Scenario &s : kScenarios) {
        out += QStringLiteral("  %1: %2\n").arg(QLatin1String(s.name), QLatin1String(s.help));
    }
    return out;
}

bool MockHub::hostile(const MockRequest &req, MockResponse *out) const
{
    const QString &h = m_hostile;
    const QString path = filePath(req);
    if (h == QLatin1String("redirect") && path == QLatin1String("README.md")) {
        out->status = 302;
        out->set("Location", m_hostileArg.isEmpty() ? QByteArray("file:///proc/self/environ") : m_hostileArg);
        return true;
    }
    if (h == QLatin1String("echo-token") && req.segments.value(0) == QLatin1String("api")) {
        *out = MockResponse();
        out->status = 400;
        out->body = "Bad request. You sent Authorization: " + req.header("authorization") +
                    " and the key hf_EchoedSecretKey0123456789 was rejected.";
        return true;
    }
    if (path == QLatin1String("config.json")) {
        if (h == QLatin1String("endless-chunked")) {
            out->body = "{\"hidden_size\": \"";
            out->chunkedForever = true;
            return true;
        }
        if (h == QLatin1String("huge-length")) {
            out->body = "{\"hidden_size\": \"";
            out->claimedLength = 1'000'000'000'000LL;
            return true;
        }
        if (h == QLatin1String("error-endless")) {
            out->status = 500;
            out->body = "{\"error\": \"Internal Error ";
            out->chunkedForever = true;
            return true;
        }
        if (h == QLatin1String("slowloris")) {
            out->body = QByteArray(100'000, ' ');
            out->trickleMs = m_hostileArg.isEmpty() ? 5000 : m_hostileArg.toInt();
            return true;
        }
    }
    const bool listing = h.startsWith(QLatin1String("tree-"));
    if (listing && isModelInfo(req)) {
        *out = withoutSizes(m_routes.route(req));
        return true;
    }
    if (listing && isTree(req)) {
        const int cursor = req.queryValue(QStringLiteral("cursor")).toInt();
        *out = m_routes.route(withoutQuery(req, QStringLiteral("cursor")));
        if (h == QLatin1String("tree-same-page")) {
            QUrl same = m_routes.hubUrl;
            out->set("Link", '<' + same.toEncoded() + req.target + ">; rel=\"next\"");
        } else if (h == QLatin1String("tree-empty-pages")) {
            if (cursor > 0) {
                out->body = "[]";
            }
            linkNext(*out, m_routes.hubUrl, req, QByteArray::number(cursor + 1));
        } else if (h == QLatin1String("tree-cursor")) {
            linkNext(*out, m_routes.hubUrl, req, QByteArray::number(cursor + 1));
        } else {
            const int n = m_hostileArg.isEmpty() ? 1000 : m_hostileArg.toInt();
            QByteArray junk = junkEntries(n, cursor * n, true);
            junk.chop(1);   // its last comma
            out->body = cursor == 0 ? QByteArray('[' + junk + ',' + out->body.mid(1)) : QByteArray('[' + junk + ']');
            linkNext(*out, m_routes.hubUrl, req, QByteArray::number(cursor + 1));
        }
        return true;
    }
    if (h == QLatin1String("siblings-junk") && isModelInfo(req)) {
        *out = m_routes.route(req);
        const int n = m_hostileArg.isEmpty() ? 400'000 : m_hostileArg.toInt();
        const qsizetype at = out->body.indexOf("\"siblings\":[");
        if (at >= 0) {
            out->body.insert(at + 12, junkEntries(n, 0, false));
        }
        return true;
    }
    return false;
}

} // namespace memspec::mock
