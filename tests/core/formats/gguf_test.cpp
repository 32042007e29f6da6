// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/formatfixtures.h"

#include "app/formats/ggmltype.h"
#include "app/formats/ggufheaderparser.h"

#include <QtEndian>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::fixtures;

namespace {

GgufHeader parseOk(const QByteArray &bytes, qint64 fileSize = -1)
{
    const Result<GgufHeader> r = GgufHeaderParser::parse(bytes, QStringLiteral("f.gguf"), fileSize);
    EXPECT_TRUE(r.ok()) << qPrintable(r.error());
    return r.ok() ? r.value() : GgufHeader();
}

} // namespace

TEST(GgmlType, tableMatchesTheSpec)
{
    EXPECT_EQ(GgmlType::nameOf(12), QStringLiteral("Q4_K"));
    EXPECT_EQ(GgmlType::nameOf(42), QStringLiteral("Q2_0"));
    EXPECT_EQ(GgmlType::nameOf(4), QStringLiteral("unknown type 4"));
    EXPECT_EQ(GgmlType::nameOf(99), QStringLiteral("unknown type 99"));
    const quint64 dims[] = {4096, 32000};
    EXPECT_EQ(GgmlType::tensorBytes(12, dims, 2), 4096 / 256 * 144 * 32000LL);
    EXPECT_EQ(GgmlType::tensorBytes(39, dims, 2), 4096 / 32 * 17 * 32000LL);
    const quint64 odd[] = {100};
    EXPECT_EQ(GgmlType::tensorBytes(12, odd, 1), -1);
    const quint64 huge[] = {1ULL << 40, 1ULL << 40};
    EXPECT_EQ(GgmlType::tensorBytes(0, huge, 2), -1);
}

TEST(GgufReader, readsEveryValueTypeInV2AndV3)
{
    for (quint32 version : {2u, 3u}) {
        const GgufWriter w = everyValueTypeGguf(version);
        const GgufHeader h = parseOk(w.fileBytes());
        EXPECT_EQ(h.version, version);
        EXPECT_EQ(h.alignment, 64u);
        EXPECT_EQ(h.dataStart, w.headerBytes().size());
        EXPECT_EQ(h.architecture(), QStringLiteral("fixture"));
        EXPECT_EQ(h.find(QStringLiteral("t.u8"))->value.toULongLong(), 200u);
        EXPECT_EQ(h.find(QStringLiteral("t.i8"))->value.toLongLong(), -100);
        EXPECT_EQ(h.find(QStringLiteral("t.u16"))->value.toULongLong(), 60000u);
        EXPECT_EQ(h.find(QStringLiteral("t.i16"))->value.toLongLong(), -30000);
        EXPECT_EQ(h.find(QStringLiteral("t.u32"))->value.toULongLong(), 4000000000u);
        EXPECT_EQ(h.find(QStringLiteral("t.i32"))->value.toLongLong(), -2000000000);
        EXPECT_DOUBLE_EQ(h.find(QStringLiteral("t.f32"))->value.toDouble(), double(0.1f));
        EXPECT_TRUE(h.find(QStringLiteral("t.bool"))->value.toBool());
        EXPECT_EQ(h.find(QStringLiteral("t.string"))->value.toString(), QStringLiteral("h\u00e9llo \u4e16\u754c"));
        EXPECT_EQ(h.find(QStringLiteral("t.u64"))->value.toULongLong(), 123456789012345ULL);
        EXPECT_EQ(h.find(QStringLiteral("t.i64"))->value.toLongLong(), -123456789012345LL);
        EXPECT_DOUBLE_EQ(h.find(QStringLiteral("t.f64"))->value.toDouble(), 2.718281828459045);
        const GgufKeyValue *a = h.find(QStringLiteral("a.u32"));
        ASSERT_NE(a, nullptr);
        EXPECT_EQ(a->elementType, GgufType::UInt32);
        EXPECT_EQ(a->value.toList().at(1).toULongLong(), 4294967295u);
        EXPECT_EQ(h.find(QStringLiteral("a.string"))->value.toList().at(2).toString(), QStringLiteral("\u00fc"));
        EXPECT_EQ(h.find(QStringLiteral("a.empty"))->arrayLength, 0u);
        const QVariantList nested = h.find(QStringLiteral("a.nested_i32"))->value.toList();
        ASSERT_EQ(nested.size(), 3);
        EXPECT_EQ(nested.at(0).toList().at(1).toLongLong(), 2);
        EXPECT_TRUE(nested.at(1).toList().isEmpty());
        const QVariantList deep = h.find(QStringLiteral("a.nested_str"))->value.toList();
        EXPECT_EQ(deep.at(0).toList().at(0).toList().at(1).toString(), QStringLiteral("y"));
        const GgufKeyValue *big = h.find(QStringLiteral("a.big_u8"));
        EXPECT_EQ(big->arrayLength, 5000u);
        EXPECT_FALSE(big->arrayComplete);
        EXPECT_EQ(big->value.toList().size(), int(GgufKeyValue::kArrayHead));

        ASSERT_EQ(h.tensors.size(), 8);
        EXPECT_EQ(h.tensors[0].typeName, QStringLiteral("F32"));
        EXPECT_EQ(h.tensors[0].bytes, 8 * 3 * 4);
        EXPECT_EQ(h.tensors[1].bytes, 2 * 2 * 34); // 2 blocks per row, 2 rows
        EXPECT_EQ(h.tensors[3].bytes, 4 * 17);
        EXPECT_EQ(h.tensors[5].typeName, QStringLiteral("NVFP4"));
        EXPECT_EQ(h.tensors[5].bytes, 36);
        const GgufTensorInfo &future = h.tensors[6];
        EXPECT_EQ(future.typeName, QStringLiteral("unknown type 99"));
        EXPECT_EQ(future.typeId, 99u);
        EXPECT_EQ(future.elements, 256u);
        EXPECT_TRUE(future.bytesInferred);
        EXPECT_EQ(future.bytes, 128); // the gap to the next (64-aligned) tensor
        EXPECT_EQ(h.tensors[7].elements, 1u);
        EXPECT_EQ(h.tensors[7].offset % 64, 0u);
    }
}

TEST(GgufReader, countsA160kVocabularyWithoutStoringIt)
{
    LlamaGgufRecipe r;
    r.vocab = 160000;
    r.layers = 2;
    const GgufWriter w = llamaGguf(r);
    const QByteArray bytes = w.headerBytes();
    const GgufHeader h = parseOk(bytes, w.fileSize());
    const GgufKeyValue *tokens = h.find(QStringLiteral("tokenizer.ggml.tokens"));
    ASSERT_NE(tokens, nullptr);
    EXPECT_EQ(tokens->arrayLength, 160000u);
    EXPECT_FALSE(tokens->arrayComplete);
    EXPECT_EQ(tokens->value.toList().size(), int(GgufKeyValue::kArrayHead));
    EXPECT_EQ(tokens->value.toList().at(1).toString(), QStringLiteral("<s>"));
    EXPECT_EQ(h.find(QStringLiteral("tokenizer.ggml.scores"))->arrayLength, 160000u);
    EXPECT_EQ(h.find(QStringLiteral("llama.attention.head_count_kv"))->value.toList().size(), 2);
    EXPECT_EQ(h.tensors.size(), 2 + 2 * 9 + 1);
    EXPECT_EQ(h.dataStart, bytes.size());
    EXPECT_EQ(h.tensorBytes(), w.dataSize());
    EXPECT_EQ(h.tensors.first().dims, (QList<quint64>{256, 160000}));
}

TEST(GgufReader, incrementalFeedAsksForWhatItNeedsAndMatchesOneShot)
{
    LlamaGgufRecipe r;
    r.vocab = 40000;
    r.merges = 20000;
    const GgufWriter w = llamaGguf(r);
    const QByteArray bytes = w.headerBytes();
    const GgufHeader whole = parseOk(bytes, w.fileSize());
    LlamaGgufRecipe small;
    small.vocab = 2000;
    small.merges = 500;
    const GgufWriter sw = llamaGguf(small);
    for (qint64 chunk : {1LL, 7LL, 4096LL, 65536LL}) {
        const QByteArray &bytes = chunk == 1 ? sw.headerBytes() : w.headerBytes(); // byte by byte: small file
        GgufHeaderParser p(QStringLiteral("f.gguf"), chunk == 1 ? sw.fileSize() : w.fileSize());
        qint64 fed = 0;
        int calls = 0;
        while (p.status() == ParseStatus::NeedMore) {
            ASSERT_GT(p.neededUpTo(), p.bytesFed()) << "must ask for bytes it does not have";
            ASSERT_LE(p.neededUpTo(), bytes.size()) << "never asks past the header";
            const qint64 n = std::min<qint64>(chunk, bytes.size() - fed);
            ASSERT_GT(n, 0);
            p.feed(bytes.mid(fed, n));
            fed += n;
            ++calls;
        }
        ASSERT_EQ(p.status(), ParseStatus::Done) << qPrintable(p.error());
        const GgufHeader &h = p.header();
        EXPECT_EQ(h.dataStart, bytes.size()) << "chunk " << chunk;
        EXPECT_GT(fed, bytes.size() - qint64(h.alignment)) << "stops at the end of the tensor infos";
        if (chunk != 1) {
            EXPECT_EQ(h.metadata.size(), whole.metadata.size());
            EXPECT_EQ(h.tensors.size(), whole.tensors.size());
            EXPECT_EQ(h.find(QStringLiteral("tokenizer.ggml.merges"))->arrayLength, 20000u);
        }
        EXPECT_EQ(h.find(QStringLiteral("tokenizer.ggml.merges"))->value.toList().at(0).toString(),
                  QStringLiteral("token_000000 token_000001"));
    }
    // Exactly neededUpTo() each time: the parser finishes with few calls (numeric arrays are asked for whole).
    GgufHeaderParser p(QStringLiteral("f.gguf"), w.fileSize());
    int calls = 0;
    while (p.status() == ParseStatus::NeedMore && calls < 1'000'000) {
        p.feed(bytes.mid(p.bytesFed(), p.neededUpTo() - p.bytesFed()));
        ++calls;
    }
    EXPECT_EQ(p.status(), ParseStatus::Done);
    EXPECT_EQ(p.header().dataStart, bytes.size());
    EXPECT_LT(calls, 200000) << "one call per string element at most";
}

TEST(GgufReader, readsSplitShards)
{
    LlamaGgufRecipe r;
    r.layers = 4;
    r.alignment = 32;
    const QList<GgufWriter> shards = splitLlamaGguf(r, 3);
    ASSERT_EQ(shards.size(), 3);
    qsizetype total = 0;
    for (int s = 0; s < 3; ++s) {
        const GgufHeader h = parseOk(shards[s].fileBytes());
        ASSERT_TRUE(h.split.has_value());
        EXPECT_EQ(h.split->no, s);
        EXPECT_EQ(h.split->count, 3);
        EXPECT_EQ(h.split->tensorsCount, 2 + 4 * 9 + 1);
        EXPECT_EQ(h.architecture().isEmpty(), s != 0);
        total += h.tensors.size();
    }
    EXPECT_EQ(total, 2 + 4 * 9 + 1);
}

TEST(GgufReader, readsBigEndianAndV1)
{
    // Hand-built: a big-endian v3 file with one UINT32 key and no tensors.
    QByteArray be("GGUF");
    const auto put32 = [&](quint32 v) {
        char b[4];
        qToBigEndian(v, b);
        be.append(b, 4);
    };
    const auto put64 = [&](quint64 v) {
        char b[8];
        qToBigEndian(v, b);
        be.append(b, 8);
    };
    put32(3);
    put64(0);
    put64(1);
    put64(3);
    be.append("k.x");
    put32(4);
    put32(77);
    GgufHeader h = parseOk(be);
    EXPECT_TRUE(h.bigEndian);
    EXPECT_EQ(h.find(QStringLiteral("k.x"))->value.toULongLong(), 77u);

    QByteArray v1("GGUF");
    const auto le32 = [&](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        v1.append(b, 4);
    };
    const auto le64 = [&](quint64 v) {
        char b[8];
        qToLittleEndian(v, b);
        v1.append(b, 8);
    };
    le32(1);
    le32(1);
    le32(1);
    le32(2);
    v1.append("ab");
    le32(8);
    le32(3);
    v1.append("xyz");
    le32(1);
    v1.append("t");
    le32(2);
    le32(32);
    le32(2);
    le32(0);
    le64(0);
    v1.append(QByteArray(32 - v1.size() % 32, '\0'));
    v1.append(QByteArray(256, '\0'));
    h = parseOk(v1);
    EXPECT_EQ(h.version, 1u);
    EXPECT_EQ(h.find(QStringLiteral("ab"))->value.toString(), QStringLiteral("xyz"));
    EXPECT_EQ(h.tensors.at(0).dims, (QList<quint64>{32, 2}));
    EXPECT_EQ(h.tensors.at(0).bytes, 256);
}

TEST(GgufReader, rejectsHostileHeadersWithFileAndOffset)
{
    const GgufWriter good = everyValueTypeGguf(3);
    const QByteArray bytes = good.fileBytes();
    const auto error = [](const QByteArray &b, qint64 size = -1) {
        const Result<GgufHeader> r = GgufHeaderParser::parse(b, QStringLiteral("bad.gguf"), size);
        EXPECT_FALSE(r.ok());
        return r.ok() ? QString() : r.error();
    };
    QByteArray b = bytes;
    b[0] = 'X';
    EXPECT_TRUE(error(b).startsWith(QStringLiteral("bad.gguf: byte 0: not a GGUF file")));
    b = bytes;
    qToLittleEndian<quint32>(4, b.data() + 4);
    EXPECT_TRUE(error(b).contains(QStringLiteral("byte 4: unsupported GGUF version 4")));
    b = bytes;
    qToLittleEndian<quint64>(1ULL << 40, b.data() + 16); // kv count
    EXPECT_TRUE(error(b).contains(QStringLiteral("byte 16:"))) << qPrintable(error(b));
    b = bytes;
    qToLittleEndian<quint64>(1ULL << 60, b.data() + 24); // first key length
    EXPECT_TRUE(error(b).contains(QStringLiteral("byte 24: key length"))) << qPrintable(error(b));
    // A tensor whose data runs past the end of the file.
    EXPECT_TRUE(error(bytes.left(bytes.size() - 1)).contains(QStringLiteral("past the end of the file")))
        << qPrintable(error(bytes.left(bytes.size() - 1)));
    // Truncated inside the metadata, with the real file size known.
    const QString t = error(bytes.left(300), bytes.size());
    EXPECT_TRUE(t.contains(QStringLiteral("bad.gguf: byte "))) << qPrintable(t);
    // A string array whose count claims more elements than the file can hold.
    GgufWriter w(3);
    w.add(QStringLiteral("tokenizer.ggml.tokens"), GgufValue::stringArray({QStringLiteral("a")}));
    b = w.fileBytes();
    const qsizetype countAt = b.indexOf("tokenizer.ggml.tokens") + 21 + 4 + 4;
    qToLittleEndian<quint64>(1ULL << 50, b.data() + countAt);
    EXPECT_TRUE(error(b).contains(QStringLiteral("array 'tokenizer.ggml.tokens'"))) << qPrintable(error(b));
    // Nested deeper than the limit.
    GgufValue v = GgufValue::int32Array({1});
    for (int i = 0; i < GgufHeaderParser::kMaxArrayDepth + 1; ++i) {
        v = GgufValue::array(GgufValue::Array, {v});
    }
    GgufWriter deep(3);
    deep.add(QStringLiteral("deep"), v);
    EXPECT_TRUE(error(deep.fileBytes()).contains(QStringLiteral("nested deeper")))
        << qPrintable(error(deep.fileBytes()));
    // Duplicate key.
    GgufWriter dup(3);
    dup.add(QStringLiteral("k"), GgufValue::uint8(1));
    dup.add(QStringLiteral("k"), GgufValue::uint8(2));
    EXPECT_TRUE(error(dup.fileBytes()).contains(QStringLiteral("duplicate key 'k'")));
    // Overlapping tensors.
    GgufWriter ov(3);
    ov.addTensorWithBytes(QStringLiteral("a"), {64}, 0, 0);
    ov.addTensor(QStringLiteral("b"), {64}, GgufWriter::F32);
    EXPECT_TRUE(error(ov.fileBytes()).contains(QStringLiteral("overlaps tensor 'a'")))
        << qPrintable(error(ov.fileBytes()));
}

TEST(GgufReader, storesAtMostABudgetOfArrayItems)
{
    // 300 arrays of 4096 UINT8 (each small enough to be kept whole) exceed the 1M stored-item budget: later arrays
    // are counted but not stored, and say so.
    QList<GgufValue> items;
    for (int i = 0; i < 4096; ++i) {
        items.append(GgufValue::uint8(quint8(i)));
    }
    const GgufValue arr = GgufValue::array(GgufValue::UInt8, items);
    GgufWriter w(3);
    for (int k = 0; k < 300; ++k) {
        w.add(QStringLiteral("a.%1").arg(k), arr);
    }
    const GgufHeader h = parseOk(w.fileBytes());
    ASSERT_EQ(h.metadata.size(), 300);
    EXPECT_TRUE(h.metadata.first().arrayComplete);
    EXPECT_EQ(h.metadata.first().value.toList().size(), 4096);
    EXPECT_FALSE(h.metadata.last().arrayComplete);
    EXPECT_EQ(h.metadata.last().arrayLength, 4096u);
    EXPECT_TRUE(h.metadata.last().value.toList().isEmpty());
    qint64 stored = 0;
    for (const GgufKeyValue &kv : h.metadata) {
        stored += kv.value.toList().size();
    }
    EXPECT_EQ(stored, qint64(GgufHeaderParser::kMaxKeptItems));
}
