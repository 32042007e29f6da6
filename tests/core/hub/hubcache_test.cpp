// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/mockhub/weightsynth.h"
#include "tests/support/hubtestenv.h"

#include "app/facts/factsjson.h"
#include "app/facts/factssnapshot.h"

#include <QDir>

using namespace memspec;
using memspec::test::HubTestEnv;

TEST(HubConfig, ReadsHuggingFaceEnvironment)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:9/"));
    env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("  hf_abc\n"));
    env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("yes"));
    env.insert(QStringLiteral("HF_HOME"), QStringLiteral("/tmp/hfhome"));
    const HubConfig c = HubConfig::fromEnvironment(env);
    EXPECT_EQ(c.endpoint, QUrl(QStringLiteral("http://127.0.0.1:9")));
    EXPECT_EQ(c.token, QStringLiteral("hf_abc"));
    EXPECT_TRUE(c.offline);
    EXPECT_EQ(c.hfHubCache, QStringLiteral("/tmp/hfhome/hub"));
    env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/tmp/elsewhere"));
    const HubConfig d = HubConfig::fromEnvironment(env, QStringLiteral("http://h:1"), QStringLiteral("/tmp/ours"));
    EXPECT_EQ(d.endpoint, QUrl(QStringLiteral("http://h:1")));
    EXPECT_EQ(d.hfHubCache, QStringLiteral("/tmp/elsewhere"));
    EXPECT_EQ(d.cacheDir, QStringLiteral("/tmp/ours"));
    EXPECT_FALSE(d.http2PriorKnowledge);
    env.insert(QStringLiteral("MEMSPEC_HTTP2_PRIOR_KNOWLEDGE"), QStringLiteral("1"));
    EXPECT_TRUE(HubConfig::fromEnvironment(env).http2PriorKnowledge);
}

TEST(RepoInfo, RejectsBadJsonAndMissingSha)
{
    EXPECT_FALSE(RepoInfo::fromJson("{\"id\": ", QStringLiteral("x")).ok());
    const auto r = RepoInfo::fromJson(R"({"id":"a/b","sha":"short"})", QStringLiteral("a/b: model info"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().startsWith(QLatin1String("a/b: model info:")));
    const auto ok = RepoInfo::fromJson(
        R"({"id":"a/b","sha":"0123456789012345678901234567890123456789","gated":"manual",
            "siblings":[{"rfilename":"w.safetensors","size":12,"lfs":{"sha256":"ab","size":12}}]})",
        QStringLiteral("a/b"));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->gated, QStringLiteral("manual"));
    EXPECT_EQ(ok->sibling(QStringLiteral("w.safetensors"))->lfsSha256, QStringLiteral("ab"));
}

TEST(FactsJson, RoundTripsHeadersCardAndConfigs)
{
    ModelFacts f;
    f.key = QStringLiteral("a/b");
    f.revision = QString(40, QLatin1Char('1'));
    f.gated = true;
    f.card = "# card\n";
    f.files << FileFact{QStringLiteral("m.safetensors"), 42, true, QStringLiteral("hub")};
    WeightHeaderFact h;
    h.repo = f.key;
    h.path = QStringLiteral("m.safetensors");
    h.format = QStringLiteral("safetensors");
    h.fileSize = 42;
    h.headerBytes = 24;
    h.tensors << TensorFact{QStringLiteral("w"), QStringLiteral("F16"), {3, 3}, 9, 18};
    f.headers << h;
    f.extraConfigs.insert(QStringLiteral("a/b:modules.json"), QJsonObject{{QStringLiteral("x"), 1}});
    auto back = FactsJson::fromJson(FactsJson::toJson(f), QStringLiteral("t"));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->revision, f.revision);
    EXPECT_EQ(back->card, f.card);
    EXPECT_EQ(*back->file(QStringLiteral("m.safetensors"))->size, 42);
    ASSERT_EQ(back->headers.size(), 1);
    EXPECT_EQ(back->headers[0].tensors[0].shape, (QList<qint64>{3, 3}));
    EXPECT_EQ(back->headers[0].tensors[0].bytes, 18);
    EXPECT_EQ(back->extraConfigs, f.extraConfigs);
}

TEST(HubCache, RefusesPathsLeavingTheCache)
{
    QTemporaryDir tmp;
    HubCache cache(tmp.path());
    const QString commit(40, QLatin1Char('a'));
    cache.storeTextFile(QStringLiteral("a/b"), commit, QStringLiteral("../../escape.txt"), "x");
    EXPECT_FALSE(QFile::exists(tmp.path() + QStringLiteral("/escape.txt")));
    EXPECT_TRUE(cache.textFile(QStringLiteral("a/b"), commit, QStringLiteral("../../escape.txt")).isEmpty());
    cache.storeTextFile(QStringLiteral("a/b"), commit, QStringLiteral("sub/ok.json"), "{}");
    EXPECT_EQ(cache.textFile(QStringLiteral("a/b"), commit, QStringLiteral("sub/ok.json")), QByteArray("{}"));
}

TEST(HubCache, OverlayReplacesBundledFacts)
{
    HubTestEnv env;
    ASSERT_TRUE(env.refresh(HubTestEnv::entry(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"))).ok);
    const Registry reg = Registry::bundled();
    auto snap = FactsSnapshot::load(reg);
    ASSERT_TRUE(snap.ok());
    EXPECT_EQ(HubCache(env.config.cacheDir).overlay(reg, &snap.value()), 1);
    const ModelFacts *f = snap->find(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"));
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->headers.size(), 1);
    EXPECT_TRUE(f->origin.startsWith(QLatin1String("hub ")));
}

// A Hugging Face cache (read-only) that holds the files: no file requests go out for them.
TEST(HfCache, ExistingHuggingFaceCacheIsUsedReadOnly)
{
    HubTestEnv env;
    const QString key = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");
    const mock::MockRepo *repo = env.hub.routes().repos().find(key);
    const QString snap = env.config.hfHubCache +
                         QStringLiteral("/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/") + repo->commit;
    ASSERT_TRUE(QDir().mkpath(snap));
    QDir().mkpath(env.config.hfHubCache + QStringLiteral("/models--sentence-transformers--all-MiniLM-L6-v2/refs"));
    QFile ref(env.config.hfHubCache + QStringLiteral("/models--sentence-transformers--all-MiniLM-L6-v2/refs/main"));
    ASSERT_TRUE(ref.open(QIODevice::WriteOnly));
    ref.write(repo->commit.toLatin1());
    ref.close();
    for (const char *p : {"README.md", "config.json", "modules.json"}) {
        QFile f(snap + QLatin1Char('/') + QLatin1String(p));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(repo->file(QLatin1String(p))->content);
    }
    // A small real safetensors file stands in for the weights (the header is what matters).
    const mock::SynthWeights w = mock::WeightSynth::safetensors(
        {mock::SynthTensor{QStringLiteral("w"), {4, 4}, QStringLiteral("F32"), 0, 64}}, 0);
    QFile wf(snap + QStringLiteral("/model.safetensors"));
    ASSERT_TRUE(wf.open(QIODevice::WriteOnly));
    wf.write(w.header + QByteArray(w.fileSize - w.header.size(), '\0'));
    wf.close();
    const RefreshOutcome o = env.refresh(HubTestEnv::entry(key));
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    EXPECT_EQ(env.hub.requestCount(QStringLiteral("/resolve/")), 0);
    ASSERT_EQ(o.facts.headers.size(), 1);
    EXPECT_EQ(o.facts.headers[0].tensors.size(), 1);
    EXPECT_EQ(o.facts.headers[0].tensors[0].name, QStringLiteral("w"));
}
