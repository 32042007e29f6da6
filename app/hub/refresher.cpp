// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "refresher.h"

#include "app/facts/factsnotes.h"
#include "app/formats/weightheaderparser.h"
#include "app/hub/factsbudget.h"
#include "app/hub/headerfetcher.h"
#include "app/hub/hublog.h"
#include "app/hub/secrets.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace memspec {

Q_LOGGING_CATEGORY(lcHub, "memspec.hub")

namespace {

constexpr qint64 kMaxTextBytes = 16LL * 1024 * 1024;

QString lower(const QString &s)
{
    return s.toLower();
}

} // namespace

struct Refresher::Job
{
    RegistryEntry entry;
    ModelFacts base;
    bool hasBase = false;
    QStringList repos;                // distinct, key repo first
    QHash<QString, RepoInfo> infos;   // lower-case repo -> info
    QHash<QString, QByteArray> texts; // "repo:path" -> bytes
    QList<WeightHeaderFact> headers;
    int pending = 0;
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytes = 0;
    bool over = false;
};

Refresher::Refresher(HubClient *client, HubCache cache, QObject *parent)
    : QObject(parent), m_client(client), m_cache(std::move(cache))
{
}

Refresher::~Refresher() = default;

void Refresher::cancel()
{
    m_cancelled = true;
    m_client->cancelAll();
}

void Refresher::refresh(const RegistryEntry &entry, const ModelFacts *base)
{
    auto job = std::make_shared<Job>();
    job->entry = entry;
    if (base) {
        job->base = *base;
        job->hasBase = true;
    }
    job->repos << entry.key;
    for (const WeightComponent &c : entry.components) {
        bool seen = false;
        for (const QString &r : job->repos) {
            seen = seen || r.compare(c.repo, Qt::CaseInsensitive) == 0;
        }
        if (!seen) {
            job->repos << c.repo;
        }
    }
    ++m_running;
    m_cancelled = false;
    if (m_client->config().offline) {
        offline(job);
        return;
    }
    job->pending = int(job->repos.size());
    for (const QString &repo : job->repos) {
        m_client->modelInfo(repo, QStringLiteral("main"), true, this,
                            [this, job, repo](Result<RepoInfo> r, HubReply::Error) {
                                if (job->over) {
                                    return;
                                }
                                if (!r) {
                                    fail(job, r.error());
                                    return;
                                }
                                job->infos.insert(lower(repo), r.value());
                                if (--job->pending == 0) {
                                    afterInfo(job);
                                }
                            });
    }
}

void Refresher::afterInfo(const std::shared_ptr<Job> &job)
{
    QHash<QString, QString> commits;
    for (auto it = job->infos.begin(); it != job->infos.end(); ++it) {
        commits.insert(it.key(), it->sha);
    }
    auto cached = m_cache.load(job->entry.key);
    bool sameFiles = cached.ok(); // a registry edit may have changed the weight files at the same commits
    for (const WeightComponent &c : job->entry.components) {
        for (const QString &p : c.files) {
            sameFiles = sameFiles && cached->facts.header(c.repo, p) != nullptr;
        }
    }
    if (cached && sameFiles && cached->commits == commits) {
        RefreshOutcome o;
        o.ok = true;
        o.unchanged = true;
        o.facts = cached->facts;
        finish(job, o);
        return;
    }
    // Sizes come with the model info (blobs=true); a hub that leaves them out gets a tree listing first.
    QStringList needListing;
    for (const WeightComponent &c : job->entry.components) {
        const RepoInfo &info = job->infos[lower(c.repo)];
        for (const QString &p : c.files) {
            const RepoEntry *e = info.sibling(p);
            if (e && e->size < 0 && !needListing.contains(lower(c.repo))) {
                needListing << lower(c.repo);
            }
        }
    }
    if (needListing.isEmpty()) {
        startFiles(job);
        return;
    }
    job->pending = int(needListing.size());
    for (const QString &repo : needListing) {
        RepoInfo &info = job->infos[repo];
        m_client->listTree(info.id, info.sha, QString(), true, this,
                           [this, job, repo](Result<QList<RepoEntry>> r, HubReply::Error) {
                               if (job->over) {
                                   return;
                               }
                               if (!r) {
                                   fail(job, r.error());
                                   return;
                               }
                               RepoInfo &info = job->infos[repo];
                               info.siblings.clear();
                               for (const RepoEntry &e : r.value()) {
                                   if (e.type == QLatin1String("file")) {
                                       info.siblings << e;
                                   }
                               }
                               if (--job->pending == 0) {
                                   startFiles(job);
                               }
                           });
    }
}

void Refresher::startFiles(const std::shared_ptr<Job> &job)
{
    struct Task
    {
        bool weight;
        QString repo;
        QString path;
        bool required;
    };
    QList<Task> tasks;
    auto add = [&](bool weight, const QString &repo, const QString &path, bool required) {
        for (const Task &t : tasks) {
            if (t.repo.compare(repo, Qt::CaseInsensitive) == 0 && t.path == path) {
                return;
            }
        }
        if (!required && !job->infos[lower(repo)].sibling(path)) {
            return; // optional file the repo does not have
        }
        tasks << Task{weight, repo, path, required};
    };
    const QString key = job->entry.key;
    for (const char *p : {"README.md", "config.json", "model_index.json", "modules.json"}) {
        add(false, key, QLatin1String(p), false);
    }
    for (const WeightComponent &c : job->entry.components) {
        const QString folder = c.files.value(0).contains(QLatin1Char('/'))
                                   ? c.files.value(0).section(QLatin1Char('/'), 0, -2) + QLatin1Char('/')
                                   : QString();
        add(false, c.repo, folder + QStringLiteral("config.json"), false);
        add(false, c.repo, QStringLiteral("config.json"), false);
        if (!c.index.isEmpty()) {
            add(false, c.repo, c.index, false);
        }
        for (const QString &f : c.files) {
            if (!job->infos[lower(c.repo)].sibling(f)) {
                fail(job, QStringLiteral("%1: %2: file not found at revision %3 (the registry names it; the repo "
                                         "listing does not have it)")
                              .arg(c.repo, f, job->infos[lower(c.repo)].sha));
                return;
            }
            add(true, c.repo, f, true);
        }
    }
    job->filesTotal = int(tasks.size());
    job->pending = int(tasks.size());
    Q_EMIT modelProgress(key, job->bytes, 0, job->filesTotal);
    for (const Task &t : tasks) { // weight headers first: they are the longest chains
        if (t.weight) {
            header(job, t.repo, t.path);
        }
    }
    for (const Task &t : tasks) {
        if (!t.weight) {
            text(job, t.repo, t.path, t.required);
        }
    }
}

void Refresher::text(const std::shared_ptr<Job> &job, const QString &repo, const QString &path, bool required)
{
    const RepoInfo &info = job->infos[lower(repo)];
    const QString slot = info.id + QLatin1Char(':') + path;
    const QString local = HfCache(m_client->config().hfHubCache).localPath(info.id, info.sha, path);
    QByteArray cached = m_cache.textFile(info.id, info.sha, path);
    if (cached.isEmpty() && !local.isEmpty()) {
        QFile f(local);
        if (f.open(QIODevice::ReadOnly)) {
            cached = f.read(kMaxTextBytes);
        }
    }
    if (!cached.isEmpty()) {
        job->texts.insert(slot, cached);
        QMetaObject::invokeMethod(
            this, [this, job] { taskDone(job); }, Qt::QueuedConnection);
        return;
    }
    const QString id = info.id;
    const QString sha = info.sha;
    m_client->download(id, sha, path, kMaxTextBytes, this, [=, this](const Result<FileBytes> &r, HubReply::Error err) {
        if (job->over) {
            return;
        }
        if (!r) {
            if (required || err != HubReply::Error::EntryNotFound) {
                fail(job, r.error());
                return;
            }
        } else {
            job->bytes += r->bytes.size();
            QByteArray bytes = r->bytes;
            for (const QString &secret : m_client->config().secrets()) {
                bytes.replace(secret.toUtf8(), "[redacted]"); // a hub that echoes the token into a card
            }
            job->texts.insert(slot, bytes);
            m_cache.storeTextFile(id, sha, path, bytes);
        }
        taskDone(job);
    });
}

void Refresher::header(const std::shared_ptr<Job> &job, const QString &repo, const QString &path)
{
    const RepoInfo &info = job->infos[lower(repo)];
    const RepoEntry *sib = info.sibling(path);
    const QString local = HfCache(m_client->config().hfHubCache).localPath(info.id, info.sha, path);
    if (!local.isEmpty()) {
        auto fact = WeightHeaderParser::readFile(local, info.id);
        if (fact) {
            WeightHeaderFact h = fact.value();
            h.path = path;
            job->headers << h;
            QMetaObject::invokeMethod(
                this, [this, job] { taskDone(job); }, Qt::QueuedConnection);
            return;
        }
    }
    HeaderFetcher::fetch(m_client, info.id, info.sha, path, sib ? sib->size : -1, this,
                         [this, job](Result<WeightHeaderFact> r, HubReply::Error) {
                             if (job->over) {
                                 return;
                             }
                             if (!r) {
                                 fail(job, r.error());
                                 return;
                             }
                             job->bytes += r->headerBytes;
                             job->headers << r.value();
                             taskDone(job);
                         });
}

void Refresher::taskDone(const std::shared_ptr<Job> &job)
{
    if (job->over) {
        return;
    }
    ++job->filesDone;
    Q_EMIT modelProgress(job->entry.key, job->bytes, job->filesDone, job->filesTotal);
    if (--job->pending > 0) {
        return;
    }
    RefreshOutcome o;
    o.facts = assemble(*job);
    QHash<QString, QString> commits;
    for (auto it = job->infos.begin(); it != job->infos.end(); ++it) {
        commits.insert(it.key(), it->sha);
    }
    // Serialising and writing the facts (a sharded model's tensor list runs to hundreds of KB) happens on the
    // thread pool, so this thread keeps reading the other models' responses meanwhile.
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, job, o]() mutable {
        watcher->deleteLater();
        if (job->over) {
            return; // cancelled while the facts were written: the outcome was already reported
        }
        const QString error = watcher->result();
        if (!error.isEmpty()) {
            fail(job, error);
            return;
        }
        o.ok = true;
        finish(job, o);
    });
    watcher->setFuture(QtConcurrent::run([cache = m_cache, facts = o.facts, commits]() {
        const auto stored = cache.store(facts, commits);
        return stored ? QString() : stored.error();
    }));
}

ModelFacts Refresher::assemble(const Job &job) const
{
    ModelFacts f = job.hasBase ? job.base : ModelFacts();
    const RepoInfo &main = job.infos.value(lower(job.entry.key));
    const QString endpoint = m_client->config().endpoint.toString();
    f.key = job.entry.key;
    f.origin = QStringLiteral("hub %1 @ %2").arg(endpoint, main.sha);
    f.revision = main.sha;
    f.gated = !main.gated.isEmpty();
    f.files.clear();
    f.components.remove(kFactsNotesKey);
    f.extraConfigs = QJsonObject();
    for (const QString &repo : job.repos) {
        const RepoInfo &info = job.infos.value(lower(repo));
        const bool isMain = repo.compare(job.entry.key, Qt::CaseInsensitive) == 0;
        for (const RepoEntry &e : info.siblings) {
            bool used = isMain;
            for (const WeightComponent &c : job.entry.components) {
                used = used || (c.repo.compare(repo, Qt::CaseInsensitive) == 0 && c.files.contains(e.path));
            }
            if (!used || e.type != QLatin1String("file")) {
                continue;
            }
            FileFact ff;
            ff.path = isMain ? e.path : info.id + QLatin1Char(':') + e.path;
            if (e.size >= 0) {
                ff.size = e.size;
            }
            ff.exact = e.size >= 0;
            ff.source = QStringLiteral("hub listing %1/%2 @ %3").arg(endpoint, info.id, info.sha);
            f.files << ff;
        }
        const QString src = QStringLiteral("hub: %1/%2 @ %3").arg(endpoint, info.id, info.sha);
        if (!f.sources.contains(src)) {
            f.sources << src;
        }
    }
    for (auto it = job.texts.begin(); it != job.texts.end(); ++it) {
        const QString repo = it.key().section(QLatin1Char(':'), 0, 0);
        const QString path = it.key().section(QLatin1Char(':'), 1);
        const bool isMain = repo.compare(job.entry.key, Qt::CaseInsensitive) == 0;
        if (isMain && path == QLatin1String("README.md")) {
            f.card = it.value();
            continue;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(it.value());
        if (isMain && path == QLatin1String("config.json") && doc.isObject()) {
            f.config = doc.object();
            f.configSource = QStringLiteral("%1/%2/blob/%3/config.json").arg(endpoint, main.id, main.sha);
            continue;
        }
        if (doc.isObject()) {
            f.extraConfigs.insert(it.key(), doc.object());
        } else if (doc.isArray()) {
            f.extraConfigs.insert(it.key(), QJsonObject{{QStringLiteral("array"), doc.array()}});
        }
    }
    // The estimator looks component files up by path: a file of another repo is listed as "repo:path" and, when
    // no other file has that path, under its plain path too.
    for (const WeightComponent &c : job.entry.components) {
        if (c.repo.compare(job.entry.key, Qt::CaseInsensitive) == 0) {
            continue;
        }
        for (const QString &p : c.files) {
            int sameName = 0;
            for (const WeightComponent &o : job.entry.components) {
                sameName += int(o.files.count(p));
            }
            const FileFact *q = f.file(job.infos.value(lower(c.repo)).id + QLatin1Char(':') + p);
            if (q && sameName == 1 && !f.file(p)) {
                FileFact plain = *q;
                plain.path = p;
                f.files << plain;
            }
        }
    }
    f.headers = job.headers;
    // Bounded per model: a hostile hub's listing, card, configs or headers never inflate the cache.
    QStringList keep;
    for (const WeightComponent &c : job.entry.components) {
        const QString id = job.infos.value(lower(c.repo)).id;
        for (const QString &p : c.files + QStringList{c.index}) {
            keep << p << id + QLatin1Char(':') + p;
        }
    }
    FactsBudget::fit(&f, keep);
    return f;
}

void Refresher::offline(const std::shared_ptr<Job> &job)
{
    auto cached = m_cache.load(job->entry.key);
    QMetaObject::invokeMethod(
        this,
        [this, job, cached] {
            RefreshOutcome o;
            if (cached) {
                o.ok = true;
                o.fromCache = true;
                o.facts = cached->facts;
            } else {
                o.error = QStringLiteral("%1: offline and not in the refresh cache; the bundled snapshot stays in use")
                              .arg(job->entry.key);
            }
            finish(job, o);
        },
        Qt::QueuedConnection);
}

void Refresher::fail(const std::shared_ptr<Job> &job, const QString &error)
{
    RefreshOutcome o;
    o.error = error;
    finish(job, o);
}

void Refresher::finish(const std::shared_ptr<Job> &job, RefreshOutcome outcome)
{
    if (job->over) {
        return;
    }
    job->over = true;
    outcome.key = job->entry.key;
    outcome.error = redactSecrets(outcome.error, m_client->config().secrets());
    if (!outcome.error.isEmpty()) {
        qCInfo(lcHub).noquote() << "refresh failed:" << outcome.error;
    }
    outcome.bytes = job->bytes;
    outcome.files = job->filesDone;
    --m_running;
    Q_EMIT modelFinished(outcome);
    if (m_running == 0) {
        Q_EMIT allFinished();
    }
}

} // namespace memspec
