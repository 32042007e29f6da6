// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec add`, `remove`, `edit` and `estimate org/name`, run in-process against the in-process mock hub (the CLI's
// event loop serves the mock too). Every case checks what was written to the project file — and that nothing
// was on bad input.
#include "tests/support/hubtestenv.h"

#include "app/cli/cli.h"
#include "app/review/projectfile.h"
#include "app/review/registryedit.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace memspec;
using memspec::test::HubTestEnv;

namespace {

const QString kGguf = QStringLiteral("mockorg/Tiny-Llama-1B-GGUF");
const QString kEmbed = QStringLiteral("mockorg/mini-embed-v1");
const QString kSharded = QStringLiteral("mockorg/Sharded-Chat-7B");

struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

class RegistryEditTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        test::putFastRetry();
        qunsetenv("HF_TOKEN");
        qputenv("HF_TOKEN_PATH", "/nonexistent-token");
        projectPath = env.tmp.filePath(QStringLiteral("project.json"));
    }

    CliResult cli(const QStringList &args)
    {
        QString out;
        QString err;
        QTextStream o(&out);
        QTextStream e(&err);
        Cli c(o, e);
        c.setSettingsFile(env.tmp.filePath(QStringLiteral("settings.ini"))); // never the user's
        const QStringList global{
            QStringLiteral("memspec"),    QStringLiteral("--project"), projectPath,
            QStringLiteral("--endpoint"), env.hub.hubUrl().toString(), QStringLiteral("--cache-dir"),
            env.config.cacheDir};
        const int code = c.run(global + args);
        o.flush();
        e.flush();
        return CliResult{code, out, err};
    }

    QJsonObject project() const
    {
        QFile f(projectPath);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    }

    QByteArray projectBytes() const
    {
        QFile f(projectPath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QJsonObject estimateJson(const QString &key)
    {
        const CliResult r = cli({QStringLiteral("estimate"), key, QStringLiteral("--json")});
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    static qint64 line(const QJsonObject &estimate, const char *id)
    {
        for (const QJsonValue &l : estimate.value(QLatin1String("lines")).toArray()) {
            if (l.toObject().value(QLatin1String("id")).toString() == QLatin1String(id)) {
                return qint64(l.toObject().value(QLatin1String("bytes")).toDouble());
            }
        }
        return -1;
    }

    // The project's registry edits: upserted entries by key.
    QHash<QString, QJsonObject> upserts() const
    {
        QHash<QString, QJsonObject> out;
        const QJsonValue reg = project().value(QLatin1String("registry"));
        for (const QJsonValue &v : reg.toObject().value(QLatin1String("upsert")).toArray()) {
            out.insert(v.toObject().value(QLatin1String("key")).toString(), v.toObject());
        }
        return out;
    }

    QStringList auditActions() const
    {
        QStringList out;
        for (const QJsonValue &v : project().value(QLatin1String("audit")).toArray()) {
            out << v.toObject().value(QLatin1String("action")).toString() + QLatin1Char(' ') +
                       v.toObject().value(QLatin1String("model")).toString();
        }
        return out;
    }

    // Sum of tensor bytes in the mock's headers of these files (what the weights line reads for GGUF as stored).
    qint64 mockFileSizes(const QString &repo, const QStringList &files)
    {
        qint64 sum = 0;
        for (const QString &f : files) {
            sum += env.hub.routes().repos().find(repo)->file(f)->size;
        }
        return sum;
    }

    HubTestEnv env;
    QString projectPath;
};

} // namespace

TEST_F(RegistryEditTest, AddPicksASplitGgufQuantAndRecordsItInTheProject)
{
    const CliResult r = cli({QStringLiteral("add"), kGguf, QStringLiteral("--quant"), QStringLiteral("Q4_K_M"),
                             QStringLiteral("--who"), QStringLiteral("ann")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("added ") + kGguf)) << r.out.toStdString();
    const QJsonObject entry = upserts().value(kGguf);
    ASSERT_FALSE(entry.isEmpty()) << projectBytes().toStdString();
    const QJsonObject comp = entry.value(QLatin1String("components")).toArray().first().toObject();
    const QStringList files = comp.value(QLatin1String("files")).toVariant().toStringList();
    EXPECT_EQ(files, (QStringList{QStringLiteral("tiny-llama-1b-Q4_K_M-00001-of-00002.gguf"),
                                  QStringLiteral("tiny-llama-1b-Q4_K_M-00002-of-00002.gguf")}));
    EXPECT_EQ(comp.value(QLatin1String("format")).toString(), QStringLiteral("gguf"));
    EXPECT_EQ(entry.value(QLatin1String("capability")).toString(),
              QStringLiteral("text_to_text")); // from the GGUF header
    EXPECT_EQ(entry.value(QLatin1String("runtime")).toString(), QStringLiteral("llama.cpp"));
    EXPECT_EQ(auditActions(), QStringList{QStringLiteral("registry_upsert ") + kGguf});

    // The estimate reads the refreshed headers: the weights line is the split files' tensor data, not a guess.
    const QJsonObject est = estimateJson(QStringLiteral("tiny-llama-1b-gguf"));
    EXPECT_EQ(est.value(QLatin1String("model")).toString(), kGguf);
    const qint64 weights = line(est, "weights");
    const qint64 onDisk = mockFileSizes(kGguf, files);
    EXPECT_GT(weights, onDisk * 8 / 10);
    EXPECT_LE(weights, onDisk);
    EXPECT_GT(line(est, "kv_cache"), 0);
}

TEST_F(RegistryEditTest, AThirteenthModelAppearsInListBudgetAndExport)
{
    const CliResult add =
        cli({QStringLiteral("add"), kEmbed, QStringLiteral("--name"), QStringLiteral("Mini Embed v1")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    EXPECT_EQ(upserts().value(kEmbed).value(QLatin1String("capability")).toString(),
              QStringLiteral("text_embedding")); // BertModel

    const CliResult list = cli({QStringLiteral("list"), QStringLiteral("--json")});
    ASSERT_EQ(list.code, 0) << list.err.toStdString();
    const QJsonArray models =
        QJsonDocument::fromJson(list.out.toUtf8()).object().value(QLatin1String("models")).toArray();
    EXPECT_EQ(models.size(), 13);
    EXPECT_TRUE(list.out.contains(kEmbed));

    const CliResult budget = cli({QStringLiteral("budget"), QStringLiteral("--capacity-mib"), QStringLiteral("81559"),
                                  QStringLiteral("--json")});
    ASSERT_EQ(budget.code, 0) << budget.err.toStdString();
    EXPECT_TRUE(budget.out.contains(kEmbed)) << budget.out.toStdString();

    QTemporaryDir out;
    const CliResult exp = cli({QStringLiteral("export"), QStringLiteral("--out"), out.path(), QStringLiteral("--only"),
                               QStringLiteral("specs"), QStringLiteral("--only"), QStringLiteral("json"),
                               QStringLiteral("--only"), QStringLiteral("docs")});
    ASSERT_EQ(exp.code, 0) << exp.err.toStdString();
    QStringList found;
    QDirIterator it(out.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(kEmbed.toUtf8())) {
            found << QDir(out.path()).relativeFilePath(f.fileName());
        }
    }
    EXPECT_TRUE(found.contains(QStringLiteral("models/MEMORY_SPECS.md"))) << found.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(found.contains(QStringLiteral("models/text_embedding/MINI-EMBED-V1.md")))
        << found.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(found.contains(QStringLiteral("memory_specs.json"))) << found.join(QLatin1Char(' ')).toStdString();
}

TEST_F(RegistryEditTest, ShardedSafetensorsAreAddedWithTheirIndex)
{
    const CliResult r = cli({QStringLiteral("add"), kSharded, QStringLiteral("--context"), QStringLiteral("4096")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject entry = upserts().value(kSharded);
    const QJsonObject comp = entry.value(QLatin1String("components")).toArray().first().toObject();
    EXPECT_EQ(comp.value(QLatin1String("files")).toArray().size(), 3);
    EXPECT_EQ(comp.value(QLatin1String("index")).toString(), QStringLiteral("model.safetensors.index.json"));
    EXPECT_EQ(entry.value(QLatin1String("capability")).toString(), QStringLiteral("text_to_text")); // LlamaForCausalLM
    const QJsonObject est = estimateJson(kSharded);
    EXPECT_EQ(est.value(QLatin1String("parameters")).toObject().value(QLatin1String("context")).toInt(), 4096);
    // BF16 checkpoint loaded as F16: same bytes; within the shards' data.
    const qint64 weights = line(est, "weights");
    EXPECT_GT(weights, 14'000'000'000LL);
    EXPECT_LT(weights, 14'500'000'000LL);
}

TEST_F(RegistryEditTest, BadInputIsRefusedAndNothingIsWritten)
{
    struct Case
    {
        QStringList args;
        QString expect;
    };
    const QList<Case> cases{
        {{QStringLiteral("add"), QStringLiteral("mockorg/does-not-exist")}, QStringLiteral("mockorg/does-not-exist")},
        {{QStringLiteral("add"), QStringLiteral("mockorg/no-weights")},
         QStringLiteral("mockorg/no-weights lists no weight files")},
        {{QStringLiteral("add"), QStringLiteral("mockorg/gated-chat")}, QStringLiteral("gated")},
        {{QStringLiteral("add"), kGguf}, QStringLiteral("several weight choices (Q4_K_M, Q8_0)")},
        {{QStringLiteral("add"), kGguf, QStringLiteral("--quant"), QStringLiteral("Q2_K")},
         QStringLiteral("field \"quant\"")},
        {{QStringLiteral("add"), kGguf, QStringLiteral("--file"), QStringLiteral("nope.gguf")},
         QStringLiteral("\"nope.gguf\" is not in the listing")},
        {{QStringLiteral("add"), QStringLiteral("sentence-transformers/all-MiniLM-L6-v2")},
         QStringLiteral("already in the registry")},
        {{QStringLiteral("add"), QStringLiteral("not a repo")}, QStringLiteral("not a repo")},
        {{QStringLiteral("remove"), QStringLiteral("no-such-model")}, QStringLiteral("no-such-model")},
        {{QStringLiteral("edit"), QStringLiteral("stella"), QStringLiteral("--capability"), QStringLiteral("robot")},
         QStringLiteral("robot")},
        {{QStringLiteral("edit"), QStringLiteral("flux-schnell"), QStringLiteral("--quant"), QStringLiteral("Q4_K_M")},
         QStringLiteral("components")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.args.join(QLatin1Char(' ')).toStdString());
        const CliResult r = cli(c.args);
        EXPECT_NE(r.code, 0);
        EXPECT_TRUE(r.err.contains(c.expect)) << r.err.toStdString();
        EXPECT_FALSE(QFile::exists(projectPath));
    }
    // The failed gated refresh left no facts in the refresh cache either.
    EXPECT_FALSE(QFile::exists(HubCache(env.config.cacheDir).factsPath(QStringLiteral("mockorg/gated-chat"))));
}

TEST_F(RegistryEditTest, GatedRepoIsAddedWithAnApprovedToken)
{
    qputenv("HF_TOKEN", "hf_mock_approved");
    const CliResult r = cli({QStringLiteral("add"), QStringLiteral("mockorg/gated-chat"),
                             QStringLiteral("--capability"), QStringLiteral("text_embedding")});
    qunsetenv("HF_TOKEN");
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(upserts().contains(QStringLiteral("mockorg/gated-chat")));
}

TEST_F(RegistryEditTest, RemoveAndEditAreRecordedAndEditCanChangeTheWeights)
{
    ASSERT_EQ(cli({QStringLiteral("add"), kGguf, QStringLiteral("--quant"), QStringLiteral("Q4_K_M")}).code, 0);
    const qint64 q4 = line(estimateJson(kGguf), "weights");

    const CliResult edit =
        cli({QStringLiteral("edit"), kGguf, QStringLiteral("--quant"), QStringLiteral("Q8_0"), QStringLiteral("--name"),
             QStringLiteral("Tiny Llama Q8"), QStringLiteral("--context"), QStringLiteral("2048")});
    ASSERT_EQ(edit.code, 0) << edit.err.toStdString();
    const QJsonObject entry = upserts().value(kGguf);
    EXPECT_EQ(entry.value(QLatin1String("name")).toString(), QStringLiteral("Tiny Llama Q8"));
    EXPECT_EQ(
        entry.value(QLatin1String("components")).toArray().first().toObject().value(QLatin1String("files")).toArray(),
        QJsonArray{QStringLiteral("tiny-llama-1b-Q8_0.gguf")});
    EXPECT_EQ(entry.value(QLatin1String("quantization")).toString(), QStringLiteral("Q8_0"));
    const QJsonObject q8 = estimateJson(kGguf);
    EXPECT_NE(line(q8, "weights"), q4);
    EXPECT_EQ(q8.value(QLatin1String("parameters")).toObject().value(QLatin1String("context")).toInt(), 2048);

    const CliResult rm =
        cli({QStringLiteral("remove"), QStringLiteral("bert-minilm"), QStringLiteral("--who"), QStringLiteral("bob")});
    ASSERT_EQ(rm.code, 0) << rm.err.toStdString();
    const CliResult list = cli({QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_FALSE(list.out.contains(QStringLiteral("all-MiniLM-L6-v2")));
    EXPECT_EQ(QJsonDocument::fromJson(list.out.toUtf8()).object().value(QLatin1String("models")).toArray().size(),
              12); // 12 - 1 + 1
    EXPECT_EQ(auditActions(),
              (QStringList{QStringLiteral("registry_upsert ") + kGguf, QStringLiteral("registry_upsert ") + kGguf,
                           QStringLiteral("registry_remove sentence-transformers/all-MiniLM-L6-v2")}));
}

TEST_F(RegistryEditTest, ALockedProjectIsRefusedBeforeAnyRequest)
{
    ProjectFile holder(projectPath);
    ASSERT_TRUE(holder.lock().ok());
    const CliResult r = cli({QStringLiteral("remove"), QStringLiteral("stella")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("lock")) || r.err.contains(QStringLiteral("pid"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(projectPath));
    EXPECT_EQ(env.hub.requests().size(), 0); // refused before any request
}

TEST_F(RegistryEditTest, EstimateOfARepoOutsideTheRegistryAddsNothing)
{
    const CliResult r = cli({QStringLiteral("estimate"), kGguf, QStringLiteral("--quant"), QStringLiteral("Q8_0"),
                             QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject est = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(est.value(QLatin1String("model")).toString(), kGguf);
    EXPECT_GT(line(est, "weights"), mockFileSizes(kGguf, {QStringLiteral("tiny-llama-1b-Q8_0.gguf")}) / 2);
    EXPECT_FALSE(QFile::exists(projectPath));
    EXPECT_FALSE(QFile::exists(HubCache(env.config.cacheDir).factsPath(kGguf)));
    const CliResult list = cli({QStringLiteral("list")});
    EXPECT_FALSE(list.out.contains(kGguf));

    const CliResult unknown = cli({QStringLiteral("estimate"), QStringLiteral("mockorg/does-not-exist")});
    EXPECT_EQ(unknown.code, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("mockorg/does-not-exist"))) << unknown.err.toStdString();
    const CliResult ambiguous = cli({QStringLiteral("estimate"), kGguf});
    EXPECT_EQ(ambiguous.code, 1);
    EXPECT_TRUE(ambiguous.err.contains(QStringLiteral("Q4_K_M"))) << ambiguous.err.toStdString();
}

TEST(RegistryEditChoices, QuantsAreReadFromFileNamesAndSplitPartsGrouped)
{
    EXPECT_EQ(RegistryEdit::quantOf(QStringLiteral("Q4_K_M/Kimi-K2-Instruct-Q4_K_M-00001-of-00013.gguf")),
              QStringLiteral("Q4_K_M"));
    EXPECT_EQ(RegistryEdit::quantOf(QStringLiteral("phi-4-reasoning-q8_0.gguf")), QStringLiteral("Q8_0"));
    EXPECT_EQ(RegistryEdit::quantOf(QStringLiteral("model-IQ4_XS.gguf")), QStringLiteral("IQ4_XS"));
    EXPECT_EQ(RegistryEdit::quantOf(QStringLiteral("mmproj-model-f16.gguf")), QStringLiteral("F16"));
    EXPECT_EQ(RegistryEdit::quantOf(QStringLiteral("model.gguf")), QString());
    QJsonArray listing;
    for (const auto &[p, s] :
         {std::pair{"a-Q4_K_M-00001-of-00002.gguf", 10}, std::pair{"a-Q4_K_M-00002-of-00002.gguf", 20},
          std::pair{"a-Q8_0.gguf", 50}, std::pair{"sub/x.safetensors", 5}, std::pair{"README.md", 1}}) {
        listing.append(QJsonObject{{QStringLiteral("path"), QLatin1String(p)}, {QStringLiteral("size"), s}});
    }
    const QList<WeightChoice> choices = RegistryEdit::weightChoices(listing);
    ASSERT_EQ(choices.size(), 2); // a safetensors file in a folder is not a top-level checkpoint
    EXPECT_EQ(choices[0].quant, QStringLiteral("Q4_K_M"));
    EXPECT_EQ(choices[0].files.size(), 2);
    EXPECT_EQ(choices[0].bytes, 30);
    EXPECT_EQ(choices[1].quant, QStringLiteral("Q8_0"));
    EXPECT_FALSE(RegistryEdit::pick(QStringLiteral("o/a"), listing, {}, {}).ok());
    EXPECT_EQ(RegistryEdit::pick(QStringLiteral("o/a"), listing, {}, QStringLiteral("q8_0"))->files,
              QStringList{QStringLiteral("a-Q8_0.gguf")});
}
