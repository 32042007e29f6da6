// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Our readers against the real ones: the pinned @huggingface/gguf 0.4.6 and @huggingface/hub 2.17.5
// (tests/conformance, `npm ci` there) read the same generated fixtures; names, shapes, types, metadata, data offsets
// and per-dtype parameter counts must agree exactly.
#include "tests/support/formatfixtures.h"

#include "app/formats/ggufheaderparser.h"
#include "app/formats/safetensorsheaderparser.h"
#include "app/formats/safetensorsindex.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::fixtures;

namespace {

QString conformanceDir()
{
    QString src = qEnvironmentVariable("MEMSPEC_SOURCE_DIR");
    if (src.isEmpty()) {
        src = QStringLiteral(TEST_DATA_DIR "/../..");
    }
    return QDir(src).absoluteFilePath(QStringLiteral("tests/conformance"));
}

// Runs a conformance script; skips the test (saying why) when node or node_modules is missing.
bool runNode(const QStringList &args, QJsonObject *out, QString *skip)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        *skip = QStringLiteral("node is not installed");
        return false;
    }
    const QString dir = conformanceDir();
    if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/@huggingface/gguf/package.json")) ||
        !QFileInfo::exists(dir + QStringLiteral("/node_modules/@huggingface/hub/package.json"))) {
        *skip = QStringLiteral("%1/node_modules is missing (run `npm ci` there)").arg(dir);
        return false;
    }
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(node, args);
    EXPECT_TRUE(p.waitForFinished(120000)) << "node timed out";
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().constData();
    QJsonParseError err;
    *out = QJsonDocument::fromJson(p.readAllStandardOutput(), &err).object();
    EXPECT_EQ(err.error, QJsonParseError::NoError) << qPrintable(err.errorString());
    return true;
}

QJsonValue canonical(const QVariant &v, GgufType type)
{
    switch (v.typeId()) {
    case QMetaType::QVariantList: {
        QJsonArray a;
        const QVariantList items = v.toList();
        for (const QVariant &item : items) {
            a.append(canonical(item, type));
        }
        return a;
    }
    case QMetaType::ULongLong:
        return type == GgufType::UInt64 ? QJsonValue(QString::number(v.toULongLong()))
                                        : QJsonValue(qint64(v.toULongLong()));
    case QMetaType::LongLong:
        return type == GgufType::Int64 ? QJsonValue(QString::number(v.toLongLong())) : QJsonValue(v.toLongLong());
    case QMetaType::Double:
        return v.toDouble();
    case QMetaType::Bool:
        return v.toBool();
    default:
        return v.toString();
    }
}

// The same canonical form gguf-read.mjs prints, built from our parser.
QJsonObject ours(const GgufHeader &h)
{
    QJsonObject metadata;
    for (const GgufKeyValue &kv : h.metadata) {
        if (kv.type != GgufType::Array) {
            metadata.insert(kv.key, canonical(kv.value, kv.type));
        } else if (kv.arrayComplete) {
            metadata.insert(kv.key, canonical(kv.value, kv.elementType));
        } else {
            metadata.insert(kv.key, QJsonObject{{QStringLiteral("length"), qint64(kv.arrayLength)},
                                                {QStringLiteral("head"), canonical(kv.value, kv.elementType)}});
        }
    }
    QJsonArray tensors;
    for (const GgufTensorInfo &t : h.tensors) {
        QJsonArray shape;
        for (quint64 d : t.dims) {
            shape.append(QString::number(d));
        }
        tensors.append(QJsonObject{{QStringLiteral("name"), t.name},
                                   {QStringLiteral("shape"), shape},
                                   {QStringLiteral("type"), qint64(t.typeId)},
                                   {QStringLiteral("offset"), QString::number(t.offset)}});
    }
    const QJsonObject o{{QStringLiteral("version"), qint64(h.version)},
                        {QStringLiteral("littleEndian"), !h.bigEndian},
                        {QStringLiteral("tensorDataOffset"), QString::number(h.dataStart)},
                        {QStringLiteral("metadata"), metadata},
                        {QStringLiteral("tensors"), tensors},
                        {QStringLiteral("parameterCount"), qint64(h.parameterCount())}};
    // Round-trip through text so numbers compare the way node's output parses.
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

int countDifferences(const QJsonValue &a, const QJsonValue &b, const QString &path, QStringList *diffs)
{
    if (a.type() != b.type()) {
        diffs->append(QStringLiteral("%1: %2 vs %3")
                          .arg(path, QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson(QJsonDocument::Compact))));
        return 1;
    }
    int n = 0;
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        QStringList keys = x.keys() + y.keys();
        keys.removeDuplicates();
        for (const QString &k : keys) {
            n += countDifferences(x.value(k), y.value(k), path + QLatin1Char('.') + k, diffs);
        }
    } else if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size()) {
            diffs->append(QStringLiteral("%1: %2 vs %3 elements").arg(path).arg(x.size()).arg(y.size()));
            return 1;
        }
        for (qsizetype i = 0; i < x.size(); ++i) {
            n += countDifferences(x.at(i), y.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), diffs);
        }
    } else if (a != b) {
        diffs->append(QStringLiteral("%1: %2 vs %3").arg(path, a.toVariant().toString(), b.toVariant().toString()));
        return 1;
    }
    return n;
}

} // namespace

TEST(Conformance, ggufMatchesHuggingfaceGguf)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QList<std::pair<QString, GgufWriter>> files{{QStringLiteral("types-v2.gguf"), everyValueTypeGguf(2)},
                                                {QStringLiteral("types-v3.gguf"), everyValueTypeGguf(3)}};
    LlamaGgufRecipe big;
    big.vocab = 160000;
    big.merges = 5000;
    big.alignment = 64;
    files.append({QStringLiteral("bigvocab.gguf"), llamaGguf(big)});
    LlamaGgufRecipe v2;
    v2.version = 2;
    v2.layers = 3;
    const QList<GgufWriter> split = splitLlamaGguf(v2, 2);
    files.append({QStringLiteral("split-00001-of-00002.gguf"), split[0]});
    files.append({QStringLiteral("split-00002-of-00002.gguf"), split[1]});
    QStringList args{QStringLiteral("gguf-read.mjs")};
    for (const auto &[name, w] : files) {
        ASSERT_TRUE(w.writeFile(dir.filePath(name)));
        args.append(dir.filePath(name));
    }
    QJsonObject theirs;
    QString skip;
    if (!runNode(args, &theirs, &skip)) {
        GTEST_SKIP() << qPrintable(skip);
    }
    for (const auto &[name, w] : files) {
        const QString path = dir.filePath(name);
        const Result<WeightHeaderFact> viaFile = WeightHeaderParser::readFile(path);
        ASSERT_TRUE(viaFile.ok()) << qPrintable(viaFile.error());
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const Result<GgufHeader> h = GgufHeaderParser::parse(f.read(w.headerBytes().size()), name, f.size());
        ASSERT_TRUE(h.ok()) << qPrintable(h.error());
        ASSERT_TRUE(theirs.contains(path)) << qPrintable(path);
        QStringList diffs;
        const int n = countDifferences(ours(h.value()), theirs.value(path), name, &diffs);
        EXPECT_EQ(n, 0) << qPrintable(diffs.mid(0, 20).join(QLatin1Char('\n')));
        EXPECT_GT(theirs.value(path).toObject().value(QStringLiteral("tensors")).toArray().size(), 0);
    }
}

TEST(Conformance, safetensorsMatchesParseSafetensorsMetadata)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QDir root(dir.path());
    ASSERT_TRUE(root.mkpath(QStringLiteral("single")) && root.mkpath(QStringLiteral("sharded")));
    const SafetensorsWriter single = everyDtypeSafetensors();
    ASSERT_TRUE(single.writeFile(root.filePath(QStringLiteral("single/model.safetensors"))));
    const auto shards = shardedSafetensors(3, 5);
    QList<std::pair<QString, const SafetensorsWriter *>> refs;
    for (const auto &s : shards) {
        ASSERT_TRUE(s.second.writeFile(root.filePath(QStringLiteral("sharded/") + s.first)));
        refs.append({s.first, &s.second});
    }
    QFile index(root.filePath(QStringLiteral("sharded/model.safetensors.index.json")));
    ASSERT_TRUE(index.open(QIODevice::WriteOnly));
    index.write(SafetensorsWriter::indexJson(refs));
    index.close();

    QJsonObject theirs;
    QString skip;
    if (!runNode(
            {QStringLiteral("safetensors-read.mjs"), dir.path(), QStringLiteral("single"), QStringLiteral("sharded")},
            &theirs, &skip)) {
        GTEST_SKIP() << qPrintable(skip);
    }
    // huggingface.js skips scalars and scale-only dtypes (F8_E8M0) in its counts (hub-and-formats.md §6.4); we count
    // them (as huggingface_hub does), so compare with those left out.
    const auto jsCounts = [](const QList<SafetensorsHeader> &headers) {
        QJsonObject o;
        for (const SafetensorsHeader &h : headers) {
            for (const SafetensorsTensor &t : h.tensors) {
                if (t.shape.isEmpty() || t.dtype == QLatin1String("F8_E8M0")) {
                    continue;
                }
                o.insert(t.dtype, o.value(t.dtype).toInteger() + t.elements);
            }
        }
        return o;
    };
    const auto headerJson = [](const SafetensorsHeader &h) {
        QJsonObject o;
        if (!h.metadata.isEmpty()) {
            o.insert(QStringLiteral("__metadata__"), h.metadata);
        }
        for (const SafetensorsTensor &t : h.tensors) {
            QJsonArray shape;
            for (qint64 d : t.shape) {
                shape.append(d);
            }
            o.insert(t.name, QJsonObject{{QStringLiteral("dtype"), t.dtype},
                                         {QStringLiteral("shape"), shape},
                                         {QStringLiteral("data_offsets"), QJsonArray{t.begin, t.end}}});
        }
        return o;
    };
    QStringList diffs;
    int n = 0;
    const Result<SafetensorsHeader> s =
        SafetensorsHeaderParser::parse(single.headerBytes(), QStringLiteral("model.safetensors"), single.fileSize());
    ASSERT_TRUE(s.ok()) << qPrintable(s.error());
    const QJsonObject js = theirs.value(QStringLiteral("single")).toObject();
    n += countDifferences(headerJson(s.value()), js.value(QStringLiteral("header")), QStringLiteral("single"), &diffs);
    n += countDifferences(jsCounts({s.value()}), js.value(QStringLiteral("parameterCount")),
                          QStringLiteral("single.count"), &diffs);

    const QJsonObject jsh = theirs.value(QStringLiteral("sharded")).toObject();
    const Result<SafetensorsIndex> idx =
        SafetensorsIndex::parse(SafetensorsWriter::indexJson(refs), QStringLiteral("index"));
    ASSERT_TRUE(idx.ok());
    const QJsonObject jsIndex = jsh.value(QStringLiteral("index")).toObject();
    EXPECT_EQ(jsIndex.value(QStringLiteral("weight_map")).toObject().size(), idx->weightMap.size());
    EXPECT_EQ(
        qint64(jsIndex.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("total_size")).toDouble()),
        idx->totalSize.value_or(-1));
    QList<SafetensorsHeader> all;
    for (const auto &shard : shards) {
        const Result<SafetensorsHeader> h =
            SafetensorsHeaderParser::parse(shard.second.headerBytes(), shard.first, shard.second.fileSize());
        ASSERT_TRUE(h.ok()) << qPrintable(h.error());
        EXPECT_EQ(idx->weightMap.value(h->tensors.first().name), shard.first);
        n += countDifferences(headerJson(h.value()), jsh.value(QStringLiteral("headers")).toObject().value(shard.first),
                              shard.first, &diffs);
        all.append(h.value());
    }
    n += countDifferences(jsCounts(all), jsh.value(QStringLiteral("parameterCount")), QStringLiteral("sharded.count"),
                          &diffs);
    EXPECT_EQ(n, 0) << qPrintable(diffs.mid(0, 20).join(QLatin1Char('\n')));
    EXPECT_EQ(js.value(QStringLiteral("header")).toObject().size(), 25); // 24 tensors + __metadata__
}
