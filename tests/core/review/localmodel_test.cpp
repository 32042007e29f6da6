// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec estimate PATH` on files the test writes: a GGUF, a split GGUF, a safetensors file with its config, a
// sharded checkpoint through its index, a downloaded repo folder — and truncated or foreign files, which must
// fail with a message naming the file, writing nothing.
#include "tests/support/formatfixtures.h"

#include "app/cli/cli.h"
#include "app/review/localmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::fixtures;

namespace {

struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

CliResult estimate(const QString &projectPath, const QStringList &args)
{
    QString out;
    QString err;
    QTextStream o(&out);
    QTextStream e(&err);
    Cli c(o, e);
    const int code = c.run(QStringList{QStringLiteral("memspec"), QStringLiteral("--offline"),
                                       QStringLiteral("--project"), projectPath, QStringLiteral("estimate")} +
                           args);
    o.flush();
    e.flush();
    return CliResult{code, out, err};
}

qint64 weightsLine(const QString &json)
{
    for (const QJsonValue &l :
         QJsonDocument::fromJson(json.toUtf8()).object().value(QLatin1String("lines")).toArray()) {
        if (l.toObject().value(QLatin1String("id")).toString() == QLatin1String("weights")) {
            return qint64(l.toObject().value(QLatin1String("bytes")).toDouble());
        }
    }
    return -1;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly)) << path.toStdString();
    f.write(bytes);
}

QByteArray llamaConfig(int layers)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("architectures"), QJsonArray{QStringLiteral("LlamaForCausalLM")}},
                                     {QStringLiteral("model_type"), QStringLiteral("llama")},
                                     {QStringLiteral("hidden_size"), 64},
                                     {QStringLiteral("num_hidden_layers"), layers},
                                     {QStringLiteral("num_attention_heads"), 4},
                                     {QStringLiteral("num_key_value_heads"), 1},
                                     {QStringLiteral("intermediate_size"), 128},
                                     {QStringLiteral("max_position_embeddings"), 2048},
                                     {QStringLiteral("vocab_size"), 1000}})
        .toJson();
}

class LocalEstimate : public ::testing::Test
{
protected:
    QString path(const QString &name) const { return dir.filePath(name); }
    QString projectPath() const { return dir.filePath(QStringLiteral("project/p.json")); }
    QTemporaryDir dir;
};

} // namespace

TEST_F(LocalEstimate, GgufFileAndSplitGgufUseTheirHeaders)
{
    LlamaGgufRecipe recipe;
    recipe.layers = 4;
    const GgufWriter whole = llamaGguf(recipe);
    ASSERT_TRUE(whole.writeFile(path(QStringLiteral("tiny-Q4_K_M.gguf"))));
    const CliResult r = estimate(projectPath(), {path(QStringLiteral("tiny-Q4_K_M.gguf")), QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(weightsLine(r.out), whole.dataSize()); // llama.cpp holds GGUF tensors as stored
    EXPECT_EQ(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("runtime")).toString(),
              QStringLiteral("llama.cpp"));

    QDir().mkpath(path(QStringLiteral("split")));
    const QList<GgufWriter> parts = splitLlamaGguf(recipe, 3);
    qint64 data = 0;
    for (int i = 0; i < parts.size(); ++i) {
        ASSERT_TRUE(parts[i].writeFile(
            path(QStringLiteral("split/tiny-Q4_K_M-%1-of-00003.gguf").arg(i + 1, 5, 10, QLatin1Char('0')))));
        data += parts[i].dataSize();
    }
    // Any part names the whole set.
    const CliResult split = estimate(
        projectPath(), {path(QStringLiteral("split/tiny-Q4_K_M-00002-of-00003.gguf")), QStringLiteral("--json")});
    ASSERT_EQ(split.code, 0) << split.err.toStdString();
    EXPECT_EQ(weightsLine(split.out), data);
    // The text output names the local files.
    const CliResult text = estimate(projectPath(), {path(QStringLiteral("split"))});
    ASSERT_EQ(text.code, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("local/split"))) << text.out.toStdString();

    QFile::remove(path(QStringLiteral("split/tiny-Q4_K_M-00003-of-00003.gguf")));
    const CliResult missing = estimate(projectPath(), {path(QStringLiteral("split/tiny-Q4_K_M-00001-of-00003.gguf"))});
    EXPECT_EQ(missing.code, 1);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("part 3 of 3"))) << missing.err.toStdString();
    EXPECT_FALSE(QFile::exists(projectPath()));
}

TEST_F(LocalEstimate, SafetensorsFileIndexAndRepoFolder)
{
    // One file with its config.json beside it: F16 on CUDA halves the F32 tensors.
    SafetensorsWriter w;
    w.addTensor(QStringLiteral("embeddings.word_embeddings.weight"), QStringLiteral("F32"), {1000, 64});
    w.addTensor(QStringLiteral("encoder.layer.0.attention.self.query.weight"), QStringLiteral("F32"), {64, 64});
    QDir().mkpath(path(QStringLiteral("enc")));
    ASSERT_TRUE(w.writeFile(path(QStringLiteral("enc/model.safetensors"))));
    writeBytes(path(QStringLiteral("enc/config.json")),
               QJsonDocument(QJsonObject{{QStringLiteral("architectures"), QJsonArray{QStringLiteral("BertModel")}},
                                         {QStringLiteral("model_type"), QStringLiteral("bert")},
                                         {QStringLiteral("hidden_size"), 64},
                                         {QStringLiteral("num_hidden_layers"), 1},
                                         {QStringLiteral("num_attention_heads"), 4},
                                         {QStringLiteral("intermediate_size"), 128},
                                         {QStringLiteral("max_position_embeddings"), 512},
                                         {QStringLiteral("vocab_size"), 1000}})
                   .toJson());
    const CliResult single =
        estimate(projectPath(), {path(QStringLiteral("enc/model.safetensors")), QStringLiteral("--json")});
    ASSERT_EQ(single.code, 0) << single.err.toStdString();
    EXPECT_EQ(weightsLine(single.out), w.dataSize() / 2);
    auto enc = LocalModel::load(path(QStringLiteral("enc")));
    ASSERT_TRUE(enc.ok()) << enc.error().toStdString();
    EXPECT_EQ(enc->entry.capability, Capability::TextEmbedding);
    EXPECT_EQ(enc->entry.kind, QStringLiteral("encoder"));

    // A sharded checkpoint through its index, and the folder holding it.
    QDir().mkpath(path(QStringLiteral("chat")));
    const auto shards = shardedSafetensors(3);
    QList<std::pair<QString, const SafetensorsWriter *>> refs;
    qint64 data = 0;
    for (const auto &[name, writer] : shards) {
        ASSERT_TRUE(writer.writeFile(path(QStringLiteral("chat/") + name)));
        refs.append({name, &writer});
        data += writer.dataSize();
    }
    writeBytes(path(QStringLiteral("chat/model.safetensors.index.json")), SafetensorsWriter::indexJson(refs));
    writeBytes(path(QStringLiteral("chat/config.json")), llamaConfig(4));
    const CliResult index =
        estimate(projectPath(), {path(QStringLiteral("chat/model.safetensors.index.json")), QStringLiteral("--json")});
    ASSERT_EQ(index.code, 0) << index.err.toStdString();
    const qint64 weights = weightsLine(index.out);
    EXPECT_GT(weights, data * 9 / 10); // BF16/F16 as stored, the few F32 norms halved
    EXPECT_LE(weights, data);
    const CliResult folder = estimate(projectPath(), {path(QStringLiteral("chat")), QStringLiteral("--json")});
    ASSERT_EQ(folder.code, 0) << folder.err.toStdString();
    EXPECT_EQ(weightsLine(folder.out), weights);
    auto chat = LocalModel::load(path(QStringLiteral("chat")));
    ASSERT_TRUE(chat.ok());
    EXPECT_EQ(chat->entry.capability, Capability::TextToText);
    EXPECT_EQ(chat->entry.components.first().files.size(), 3);

    QFile::remove(path(QStringLiteral("chat/model-00002-of-00003.safetensors")));
    const CliResult missing = estimate(projectPath(), {path(QStringLiteral("chat"))});
    EXPECT_EQ(missing.code, 1);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("model-00002-of-00003.safetensors"))) << missing.err.toStdString();
    EXPECT_FALSE(QFile::exists(projectPath()));
}

TEST_F(LocalEstimate, TruncatedAndForeignFilesFailNamingTheFile)
{
    LlamaGgufRecipe recipe;
    const QByteArray gguf = llamaGguf(recipe).headerBytes();
    SafetensorsWriter st;
    st.addTensor(QStringLiteral("w"), QStringLiteral("F16"), {64, 64});
    const QByteArray safetensors = st.fileBytes();
    QDir().mkpath(path(QStringLiteral("empty")));
    writeBytes(path(QStringLiteral("cut.gguf")), gguf.left(gguf.size() / 2));
    writeBytes(path(QStringLiteral("cut.safetensors")), safetensors.left(20));
    writeBytes(path(QStringLiteral("short-data.safetensors")), safetensors.left(safetensors.size() - 100));
    writeBytes(path(QStringLiteral("notes.txt")), "hello");
    writeBytes(path(QStringLiteral("fake.gguf")), "GGUF but not really");
    struct Case
    {
        QString arg;
        QString expect;
    };
    const QList<Case> cases{
        {path(QStringLiteral("cut.gguf")), path(QStringLiteral("cut.gguf"))},
        {path(QStringLiteral("cut.safetensors")), path(QStringLiteral("cut.safetensors"))},
        {path(QStringLiteral("short-data.safetensors")), path(QStringLiteral("short-data.safetensors"))},
        {path(QStringLiteral("fake.gguf")), path(QStringLiteral("fake.gguf"))},
        {path(QStringLiteral("notes.txt")), QStringLiteral("not a model")},
        {path(QStringLiteral("empty")), QStringLiteral("holds no weight files")},
        {path(QStringLiteral("nothing-here.gguf")), QStringLiteral("no such file")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.arg.toStdString());
        const CliResult r = estimate(projectPath(), {c.arg});
        EXPECT_EQ(r.code, 1);
        EXPECT_TRUE(r.err.contains(c.expect)) << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty()) << r.out.toStdString();
    }
    EXPECT_FALSE(QFile::exists(projectPath()));
}
