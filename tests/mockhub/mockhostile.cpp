// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The hostile hub: scenarios a malicious or broken hub or mirror could play on a client (issue 18). Each one
// answers some requests its own way and leaves the rest to the ordinary routes, so a refresh gets as far as the
// attack.
#include "mockhub.h"

#include "app/formats/ggufheaderparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

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
    // The header scenarios: ARG is N or N@org/name (that repo's weight files only).
    {"gguf-huge-string", "every GGUF header gains a string value of ARG MB (default 60)"},
    {"gguf-huge-array", "every GGUF header gains an array of 200 strings, ARG MB (default 60) in all"},
    {"gguf-many-keys", "every GGUF header gains ARG (default 1000000) small key/values"},
    {"safetensors-junk-metadata", "every safetensors header gains ARG MB (default 50) of junk __metadata__"},
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

QByteArray le64(quint64 v)
{
    QByteArray b(8, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray ggufString(const QByteArray &s) { return le64(quint64(s.size())) + s; }

// n bytes of printable junk (a repeating phrase, so it compresses in the mock's memory as little as it costs).
QByteArray junk(qint64 n)
{
    QByteArray out;
    out.reserve(n);
    const QByteArray phrase("hostile header junk 0123456789 ");
    while (out.size() < n) {
        out += phrase;
    }
    out.truncate(n);
    return out;
}

// A GGUF v3 header with extra key/values (already encoded) right after the preamble, the tensor infos moved
// after them and padded to the alignment again. *size: the new file size (same tensor data).
QByteArray ggufWithKeys(const MockFile &f, const QByteArray &kvBytes, quint64 added, qint64 *size)
{
    const Result<GgufHeader> h = GgufHeaderParser::parse(f.content, f.path, f.size);
    if (!h || h->version != 3 || h->bigEndian) {
        return {};
    }
    QByteArray out = f.content.left(24);
    qToLittleEndian<quint64>(qFromLittleEndian<quint64>(out.constData() + 16) + added, out.data() + 16);
    out += kvBytes;
    out += f.content.mid(24, h->tensorInfoEnd - 24);
    const qint64 align = h->alignment;
    out += QByteArray((align - out.size() % align) % align, '\0');
    *size = out.size() + (f.size - h->dataStart);
    return out;
}

// A safetensors header whose __metadata__ carries junk entries of about mb MB besides "format": "pt".
QByteArray safetensorsWithJunk(const MockFile &f, qint64 mb, qint64 *size)
{
    const quint64 n = qFromLittleEndian<quint64>(f.content.constData());
    QJsonObject o = QJsonDocument::fromJson(f.content.mid(8, qsizetype(n))).object();
    o.remove(QStringLiteral("__metadata__"));
    const QByteArray tensors = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QByteArray json = "{\"__metadata__\":{\"format\":\"pt\"";
    const QByteArray value = junk(100);
    for (int i = 0; json.size() < mb * 1'000'000; ++i) {
        json += ",\"junk." + QByteArray::number(i) + "\":\"" + value + '"';
    }
    json += "}," + tensors.mid(1);
    *size = 8 + json.size() + (f.size - qint64(8 + n));
    return le64(quint64(json.size())) + json;
}

} // namespace

std::shared_ptr<const MockRepoSet> MockHub::hostileRepos(const QString &name, const QByteArray &arg)
{
    const std::shared_ptr<const MockRepoSet> plain = MockRepoSet::registryFixtures();
    const bool gguf = name.startsWith(QLatin1String("gguf-"));
    if (!gguf && name != QLatin1String("safetensors-junk-metadata")) {
        return plain;
    }
    // ARG: a size or count, optionally "@org/name" to play the scenario on that repo only
    const qsizetype at = arg.indexOf('@');
    const QByteArray value = at < 0 ? arg : arg.left(at);
    const QString onlyRepo = at < 0 ? QString() : QString::fromUtf8(arg.mid(at + 1));
    QByteArray kv;
    quint64 added = 1;
    const qint64 mb = value.isEmpty() ? (gguf ? 60 : 50) : value.toLongLong();
    if (name == QLatin1String("gguf-huge-string")) {
        kv = ggufString("mock.junk") + le32(8) + ggufString(junk(mb * 1'000'000));
    } else if (name == QLatin1String("gguf-huge-array")) {
        kv = ggufString("mock.junk") + le32(9) + le32(8) + le64(200);
        const QByteArray item = ggufString(junk(mb * 1'000'000 / 200));
        for (int i = 0; i < 200; ++i) {
            kv += item;
        }
    } else if (name == QLatin1String("gguf-many-keys")) {
        added = value.isEmpty() ? 1'000'000 : value.toULongLong();
        kv.reserve(qsizetype(added) * 32);
        for (quint64 i = 0; i < added; ++i) {
            // hash order, as a hostile writer may choose: no reader can count on sorted keys
            kv += ggufString("mock.junk." + QByteArray::number(quint32(i * 2654435761U), 16) + '.' + QByteArray::number(i)) + le32(4) + le32(quint32(i));
        }
    }
    auto set = std::make_shared<MockRepoSet>(*plain);
    for (const MockRepo *r : plain->repos()) {
        if (!onlyRepo.isEmpty() && r->id.compare(onlyRepo, Qt::CaseInsensitive) != 0) {
            continue;
        }
        MockRepo repo = *r;
        repo.files.clear();
        for (const MockFile &f : r->files) {
            qint64 size = f.size;
            QByteArray header;
            if (f.lfs && gguf && f.path.endsWith(QLatin1String(".gguf"))) {
                header = ggufWithKeys(f, kv, added, &size);
            } else if (f.lfs && !gguf && f.path.endsWith(QLatin1String(".safetensors"))) {
                header = safetensorsWithJunk(f, mb, &size);
            }
            if (header.isEmpty()) {
                repo.files << f;
            } else {
                repo.addLfs(f.path, size, header, f.sizeAssumed);
            }
        }
        set->add(repo);
    }
    return set;
}

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
