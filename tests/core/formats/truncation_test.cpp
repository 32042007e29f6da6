// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Every fixture truncated at every byte (a dense sample for big ones) and corrupted at random must give an error
// naming the file — never a crash, a hang or an allocation the bytes do not justify.
#include "tests/support/formatfixtures.h"

#include "app/formats/ggufheaderparser.h"
#include "app/formats/modelcard.h"
#include "app/formats/safetensorsheaderparser.h"
#include "app/formats/safetensorsindex.h"

#include <QRandomGenerator>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::fixtures;

namespace {

// Offsets to cut at: all of them for small inputs; for big ones every byte of the first 2 KB, 150 cuts spread over
// the rest and every one of the last 64 bytes, so the whole run stays a few seconds.
QList<qsizetype> cuts(qsizetype size)
{
    QList<qsizetype> out;
    if (size <= 20000) {
        for (qsizetype i = 0; i < size; ++i) {
            out.append(i);
        }
        return out;
    }
    for (qsizetype i = 0; i < 2048; ++i) {
        out.append(i);
    }
    for (qsizetype i = 2048; i < size - 2048; i += (size - 4096) / 150) {
        out.append(i + (i * 7919) % 13); // avoid landing only on aligned offsets
    }
    for (qsizetype i = size - 64; i < size; ++i) {
        out.append(i);
    }
    return out;
}

void expectGgufTruncationsFail(const QByteArray &header, qint64 fileSize)
{
    // Only the alignment padding after the tensor infos may be missing.
    const Result<GgufHeader> whole = GgufHeaderParser::parse(header, QStringLiteral("whole.gguf"), fileSize);
    ASSERT_TRUE(whole.ok()) << qPrintable(whole.error());
    for (qsizetype cut : cuts(whole->tensorInfoEnd)) {
        // Known real size (remote read cut short) and unknown size (the prefix is all there is).
        for (qint64 size : {fileSize, qint64(-1)}) {
            GgufHeaderParser p(QStringLiteral("cut.gguf"), size);
            p.feed(header.left(cut));
            ASSERT_EQ(p.finish(), ParseStatus::Failed) << "cut at " << cut;
            ASSERT_TRUE(p.error().startsWith(QStringLiteral("cut.gguf: byte "))) << qPrintable(p.error());
        }
    }
}

} // namespace

TEST(Truncation, everyGgufFixtureFailsCleanlyAtEveryCut)
{
    expectGgufTruncationsFail(everyValueTypeGguf(2).headerBytes(), everyValueTypeGguf(2).fileSize());
    expectGgufTruncationsFail(everyValueTypeGguf(3).headerBytes(), everyValueTypeGguf(3).fileSize());
    LlamaGgufRecipe r;
    r.vocab = 160000;
    const GgufWriter big = llamaGguf(r);
    expectGgufTruncationsFail(big.headerBytes(), big.fileSize());
    for (const GgufWriter &s : splitLlamaGguf(LlamaGgufRecipe(), 2)) {
        expectGgufTruncationsFail(s.headerBytes(), s.fileSize());
    }
}

TEST(Truncation, safetensorsFixturesFailCleanlyAtEveryCut)
{
    QList<SafetensorsWriter> writers{everyDtypeSafetensors()};
    for (const auto &s : shardedSafetensors(2)) {
        writers.append(s.second);
    }
    for (const SafetensorsWriter &w : writers) {
        const QByteArray head = w.headerBytes();
        for (qsizetype cut = 0; cut < head.size(); ++cut) {
            const Result<SafetensorsHeader> known =
                SafetensorsHeaderParser::parse(head.left(cut), QStringLiteral("cut.safetensors"), w.fileSize());
            ASSERT_FALSE(known.ok()) << cut;
            ASSERT_TRUE(known.error().startsWith(QStringLiteral("cut.safetensors: byte ")))
                << qPrintable(known.error());
            ASSERT_FALSE(SafetensorsHeaderParser::parse(head.left(cut), QStringLiteral("cut.safetensors")).ok()) << cut;
        }
        // Whole header but the data region cut short: the offsets no longer fit.
        EXPECT_FALSE(SafetensorsHeaderParser::parse(head, QStringLiteral("cut.safetensors"), w.fileSize() - 1).ok());
    }
}

TEST(Truncation, indexAndCardPrefixesNeverCrash)
{
    const auto shards = shardedSafetensors(3);
    QList<std::pair<QString, const SafetensorsWriter *>> refs;
    for (const auto &s : shards) {
        refs.append({s.first, &s.second});
    }
    const QByteArray index = SafetensorsWriter::indexJson(refs);
    for (qsizetype cut = 0; cut < index.size() - 2; ++cut) {
        EXPECT_FALSE(SafetensorsIndex::parse(index.left(cut), QStringLiteral("i.json")).ok()) << cut;
    }
    const QByteArray card = "---\nlicense: mit\ntags: [a, {b: c}]\nx: &x {y: [1, 2]}\nz: *x\n---\n# T\n24 GB VRAM\n";
    for (qsizetype cut = 0; cut <= card.size(); ++cut) {
        EXPECT_TRUE(ModelCard::parse(card.left(cut)).ok()) << cut;
    }
}

TEST(Truncation, randomCorruptionNeverCrashes)
{
    QRandomGenerator rng(20261129);
    const QList<QByteArray> inputs{everyValueTypeGguf(3).fileBytes(), llamaGguf(LlamaGgufRecipe()).headerBytes()};
    int failures = 0;
    for (const QByteArray &original : inputs) {
        for (int round = 0; round < 1500; ++round) {
            QByteArray b = original;
            const int flips = 1 + int(rng.bounded(4));
            for (int i = 0; i < flips; ++i) {
                const qsizetype at = qsizetype(rng.bounded(quint32(std::min<qsizetype>(b.size(), 2048))));
                b[at] = char(rng.bounded(256));
            }
            const Result<GgufHeader> r = GgufHeaderParser::parse(b, QStringLiteral("fuzz.gguf"));
            if (!r.ok()) {
                ++failures;
                ASSERT_TRUE(r.error().startsWith(QStringLiteral("fuzz.gguf: byte "))) << qPrintable(r.error());
            }
        }
    }
    EXPECT_GT(failures, 0); // the corruption does reach the parser's checks
    const QByteArray st = everyDtypeSafetensors().fileBytes();
    for (int round = 0; round < 1500; ++round) {
        QByteArray b = st;
        b[qsizetype(rng.bounded(quint32(std::min<qsizetype>(b.size(), 1400))))] = char(rng.bounded(256));
        const Result<SafetensorsHeader> r = SafetensorsHeaderParser::parse(b, QStringLiteral("fuzz.safetensors"));
        if (!r.ok()) {
            ASSERT_TRUE(r.error().startsWith(QStringLiteral("fuzz.safetensors: byte "))) << qPrintable(r.error());
        }
    }
}
