// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/formatfixtures.h"

#include "app/formats/safetensorsheaderparser.h"
#include "app/formats/safetensorsindex.h"
#include "app/formats/weightheaderfacts.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::fixtures;

namespace {

QString parseError(const QByteArray &bytes, qint64 fileSize = -1)
{
    const Result<SafetensorsHeader> r =
        SafetensorsHeaderParser::parse(bytes, QStringLiteral("bad.safetensors"), fileSize);
    EXPECT_FALSE(r.ok());
    return r.ok() ? QString() : r.error();
}

SafetensorsWriter withJson(const QByteArray &json)
{
    SafetensorsWriter w;
    w.setRawJson(json);
    return w;
}

} // namespace

TEST(SafetensorsReader, readsEveryDtypeWithCountsAndBytes)
{
    const SafetensorsWriter w = everyDtypeSafetensors();
    const Result<SafetensorsHeader> r = SafetensorsHeaderParser::parse(w.fileBytes(), QStringLiteral("m.safetensors"));
    ASSERT_TRUE(r.ok()) << qPrintable(r.error());
    const SafetensorsHeader &h = r.value();
    EXPECT_EQ(h.tensors.size(), 24);
    EXPECT_EQ(h.headerSize, w.headerBytes().size());
    EXPECT_EQ(h.dataSize(), w.dataSize());
    EXPECT_EQ(h.metadata.value(QStringLiteral("format")).toString(), QStringLiteral("pt"));
    EXPECT_TRUE(h.warnings.isEmpty()) << qPrintable(h.warnings.join(QLatin1Char('\n')));
    const QMap<QString, qint64> params = h.parametersByDtype();
    EXPECT_EQ(params.value(QStringLiteral("F8_E4M3")), 4 * 6);  // t04: shape {4, 6}
    EXPECT_EQ(params.value(QStringLiteral("F32")), 4 * 16 + 1); // t14 {4, 16} + the scalar
    EXPECT_EQ(params.value(QStringLiteral("F16")), 4 * 12);     // t10 {4, 12}; the empty tensor has 0
    const QMap<QString, qint64> bytes = h.bytesByDtype();
    EXPECT_EQ(bytes.value(QStringLiteral("F4")), 4 * 21 / 2);
    EXPECT_EQ(bytes.value(QStringLiteral("F6_E3M2")), 4 * 23 * 6 / 8);
    EXPECT_EQ(bytes.value(QStringLiteral("C64")), 4 * 20 * 8);
    qint64 sum = 0;
    for (qint64 b : bytes) {
        sum += b;
    }
    EXPECT_EQ(sum, w.dataSize());
    EXPECT_EQ(h.parameterCount(), [&] {
        qint64 n = 0;
        for (const auto &t : w.tensors()) {
            qint64 e = 1;
            for (qint64 d : t.shape)
                e *= d;
            n += e;
        }
        return n;
    }());
}

TEST(SafetensorsReader, incrementalNeedsEightThenTheHeader)
{
    SafetensorsWriter w;
    w.addTensor(QStringLiteral("x"), QStringLiteral("BF16"), {128, 64});
    const QByteArray file = w.fileBytes();
    SafetensorsHeaderParser p(QStringLiteral("m.safetensors"), file.size());
    EXPECT_EQ(p.neededUpTo(), 8);
    EXPECT_EQ(p.feed(file.left(5)), ParseStatus::NeedMore);
    EXPECT_EQ(p.neededUpTo(), 8);
    EXPECT_EQ(p.feed(file.mid(5, 3)), ParseStatus::NeedMore);
    EXPECT_EQ(p.neededUpTo(), w.headerBytes().size());
    EXPECT_EQ(p.feed(file.mid(8, 10)), ParseStatus::NeedMore);
    EXPECT_EQ(p.feed(file.mid(18)), ParseStatus::Done) << qPrintable(p.error());
    EXPECT_EQ(p.header().tensors.at(0).bytes(), 128 * 64 * 2);
    // Byte by byte gives the same.
    SafetensorsHeaderParser q(QStringLiteral("m.safetensors"), file.size());
    for (qsizetype i = 0; i < w.headerBytes().size(); ++i) {
        q.feed(file.mid(i, 1));
    }
    EXPECT_EQ(q.status(), ParseStatus::Done);
    const WeightHeaderFact f = q.fact(QStringLiteral("org/m"), QStringLiteral("m.safetensors"));
    EXPECT_EQ(f.format, QStringLiteral("safetensors"));
    EXPECT_EQ(f.fileSize, file.size());
    EXPECT_EQ(f.headerBytes, w.headerBytes().size());
    ASSERT_EQ(f.tensors.size(), 1);
    EXPECT_EQ(f.tensors[0].shape, (QList<qint64>{128, 64}));
    EXPECT_EQ(f.tensors[0].elements, 128 * 64);
}

TEST(SafetensorsReader, rejectsHostileHeadersWithFileAndOffset)
{
    // Header length beyond the format limit / the file.
    QByteArray b(8, '\0');
    qToLittleEndian<quint64>(200'000'000, b.data());
    EXPECT_TRUE(parseError(b).startsWith(QStringLiteral("bad.safetensors: byte 0: header length 200000000 exceeds")));
    qToLittleEndian<quint64>(1000, b.data());
    EXPECT_TRUE(parseError(b + "{}", 500).contains(QStringLiteral("runs past the end of the file")));
    EXPECT_TRUE(parseError(b + "{}").contains(QStringLiteral("runs past the end")));
    EXPECT_TRUE(parseError(withJson("[1,2]").fileBytes()).contains(QStringLiteral("byte 8: header does not start")));
    EXPECT_TRUE(parseError(withJson("{\"a\": 1,}").fileBytes()).contains(QStringLiteral("header JSON is invalid")));
    EXPECT_TRUE(parseError(withJson("{\"\xff\": 1}").fileBytes()).contains(QStringLiteral("not valid UTF-8")));
    const QByteArray bad = "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,6]}}";
    const QString e = parseError(withJson(bad).fileBytes() + QByteArray(6, '\0'));
    EXPECT_TRUE(e.contains(QStringLiteral("bad.safetensors: byte 9: tensor 'w'"))) << qPrintable(e);
    EXPECT_TRUE(e.contains(QStringLiteral("give 6 bytes"))) << qPrintable(e);
    const QByteArray past = "{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}";
    EXPECT_TRUE(
        parseError(withJson(past).fileBytes() + QByteArray(3, '\0')).contains(QStringLiteral("past the data region")));
    const QByteArray overlap = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                               "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}";
    EXPECT_TRUE(parseError(withJson(overlap).fileBytes() + QByteArray(6, '\0'))
                    .contains(QStringLiteral("overlaps tensor 'a'")));
    const QByteArray negative = "{\"a\":{\"dtype\":\"U8\",\"shape\":[-4],\"data_offsets\":[0,4]}}";
    EXPECT_TRUE(parseError(withJson(negative).fileBytes() + QByteArray(4, '\0'))
                    .contains(QStringLiteral("non-negative integer")));
    const QByteArray huge =
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,8]}}";
    EXPECT_TRUE(parseError(withJson(huge).fileBytes() + QByteArray(8, '\0')).contains(QStringLiteral("overflows")));
    const QByteArray reversed = "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[4,0]}}";
    EXPECT_TRUE(
        parseError(withJson(reversed).fileBytes() + QByteArray(4, '\0')).contains(QStringLiteral("before begin")));
}

TEST(SafetensorsReader, rejectsATensorNamedTwice)
{
    // QJsonDocument keeps one value per key: without a look at the text the second 'w' would vanish unnoticed.
    const QByteArray twice = "{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                             "\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}";
    const QString e = parseError(withJson(twice).fileBytes() + QByteArray(8, '\0'));
    EXPECT_TRUE(e.contains(QStringLiteral("byte 61: 'w' appears twice in the header (first at byte 9)")))
        << qPrintable(e);
    // The same name spelled with an escape.
    const QByteArray escaped = "{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                               "\"\\u0077\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}";
    EXPECT_TRUE(parseError(withJson(escaped).fileBytes() + QByteArray(8, '\0'))
                    .contains(QStringLiteral("names 2 entries but only 1 are distinct")));
    // Keys repeated inside entries and __metadata__ (strings with braces, commas and escaped quotes) are fine.
    const QByteArray nested = "{\"__metadata__\":{\"w\":\"{,}\\\"[\",\"format\":\"pt\"},"
                              "\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                              "\"v\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}";
    const Result<SafetensorsHeader> ok = SafetensorsHeaderParser::parse(
        withJson(nested).fileBytes() + QByteArray(8, '\0'), QStringLiteral("ok.safetensors"));
    ASSERT_TRUE(ok.ok()) << qPrintable(ok.error());
    EXPECT_EQ(ok->tensors.size(), 2);
}

TEST(SafetensorsReader, keepsUnknownDtypesAsOpaque)
{
    SafetensorsWriter w;
    w.addTensorWithBytes(QStringLiteral("q"), QStringLiteral("Q3_FANCY"), {10, 10}, 37);
    const Result<SafetensorsHeader> r = SafetensorsHeaderParser::parse(w.fileBytes(), QStringLiteral("m.safetensors"));
    ASSERT_TRUE(r.ok()) << qPrintable(r.error());
    EXPECT_EQ(r->tensors.at(0).elements, 100);
    EXPECT_EQ(r->tensors.at(0).bytes(), 37);
    EXPECT_EQ(r->warnings.size(), 1);
}

TEST(SafetensorsIndex, readsShardedCheckpoint)
{
    const auto shards = shardedSafetensors(3, 6);
    QList<std::pair<QString, const SafetensorsWriter *>> refs;
    for (const auto &s : shards) {
        refs.append({s.first, &s.second});
    }
    const Result<SafetensorsIndex> idx =
        SafetensorsIndex::parse(SafetensorsWriter::indexJson(refs), QStringLiteral("model.safetensors.index.json"));
    ASSERT_TRUE(idx.ok()) << qPrintable(idx.error());
    EXPECT_EQ(idx->shards, (QStringList{QStringLiteral("model-00001-of-00003.safetensors"),
                                        QStringLiteral("model-00002-of-00003.safetensors"),
                                        QStringLiteral("model-00003-of-00003.safetensors")}));
    qint64 data = 0;
    qsizetype tensors = 0;
    for (const auto &s : shards) {
        const Result<SafetensorsHeader> h = SafetensorsHeaderParser::parse(s.second.fileBytes(), s.first);
        ASSERT_TRUE(h.ok()) << qPrintable(h.error());
        data += h->dataSize();
        tensors += h->tensors.size();
        for (const SafetensorsTensor &t : h->tensors) {
            EXPECT_EQ(idx->weightMap.value(t.name), s.first);
        }
    }
    EXPECT_EQ(idx->totalSize.value_or(-1), data);
    EXPECT_EQ(idx->weightMap.size(), tensors);
}

TEST(SafetensorsIndex, acceptsFloatTotalsAndRejectsTraversal)
{
    const Result<SafetensorsIndex> ok =
        SafetensorsIndex::parse("{\"metadata\":{\"total_size\":55562855904.0,\"total_parameters\":7},\"weight_map\":{"
                                "\"a\":\"sub/m.safetensors\"}}",
                                QStringLiteral("i.json"));
    ASSERT_TRUE(ok.ok()) << qPrintable(ok.error());
    EXPECT_EQ(ok->totalSize.value_or(0), 55562855904LL);
    EXPECT_EQ(ok->totalParameters.value_or(0), 7);
    for (const char *bad : {"../x.safetensors", "/etc/passwd", "a/../../b", "c:\\\\x", ""}) {
        const QByteArray json = QByteArray("{\"weight_map\":{\"a\":\"") + bad + "\"}}";
        const Result<SafetensorsIndex> r = SafetensorsIndex::parse(json, QStringLiteral("i.json"));
        EXPECT_FALSE(r.ok()) << bad;
    }
    EXPECT_FALSE(SafetensorsIndex::parse("{\"weight_map\": 3}", QStringLiteral("i.json")).ok());
    EXPECT_FALSE(SafetensorsIndex::parse("{", QStringLiteral("i.json")).ok());
}

TEST(WeightHeaderParser, readsLocalFilesThroughTheFactoryAndSummarisesBigArrays)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    LlamaGgufRecipe r;
    r.vocab = 20000;
    const GgufWriter g = llamaGguf(r);
    ASSERT_TRUE(g.writeFile(dir.filePath(QStringLiteral("m.gguf"))));
    const Result<WeightHeaderFact> gf =
        WeightHeaderParser::readFile(dir.filePath(QStringLiteral("m.gguf")), QStringLiteral("org/m"));
    ASSERT_TRUE(gf.ok()) << qPrintable(gf.error());
    EXPECT_EQ(gf->format, QStringLiteral("gguf"));
    EXPECT_EQ(gf->path, QStringLiteral("m.gguf"));
    EXPECT_EQ(gf->fileSize, g.fileSize());
    EXPECT_EQ(gf->headerBytes, g.headerBytes().size());
    EXPECT_EQ(gf->metadata.value(QStringLiteral("tokenizer.ggml.tokens"))
                  .toObject()
                  .value(QStringLiteral("array_length"))
                  .toInteger(),
              20000);
    EXPECT_EQ(gf->metadata.value(QStringLiteral("llama.attention.head_count_kv")).toArray().size(), 2);
    EXPECT_EQ(gf->metadata.value(QStringLiteral("llama.block_count")).toInteger(), 2);
    EXPECT_EQ(gf->tensors.first().dtype, QStringLiteral("Q4_K"));
    qint64 bytes = 0;
    for (const TensorFact &t : gf->tensors) {
        bytes += t.bytes;
    }
    EXPECT_EQ(bytes, g.dataSize());

    const SafetensorsWriter s = everyDtypeSafetensors();
    ASSERT_TRUE(s.writeFile(dir.filePath(QStringLiteral("m.safetensors"))));
    const Result<WeightHeaderFact> sf = WeightHeaderParser::readFile(dir.filePath(QStringLiteral("m.safetensors")));
    ASSERT_TRUE(sf.ok()) << qPrintable(sf.error());
    EXPECT_EQ(sf->tensors.size(), 24);
    EXPECT_EQ(sf->metadata.value(QStringLiteral("format")).toString(), QStringLiteral("pt"));
    EXPECT_FALSE(WeightHeaderParser::readFile(dir.filePath(QStringLiteral("missing.gguf"))).ok());
    EXPECT_EQ(WeightHeaderParser::create(QStringLiteral("x.bin")), nullptr);
}
