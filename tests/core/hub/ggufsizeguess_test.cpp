// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The GGUF header-end guess that sizes the second Range request: close enough from the first 64 KB that one more
// range (two at most) finishes the header, never wildly above it, and -1 on what it cannot judge.
#include "tests/mockhub/mockrepo.h"
#include "tests/support/formatfixtures.h"

#include "app/hub/ggufsizeguess.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {

constexpr qint64 kFirst = 64 * 1024;

} // namespace

TEST(GgufSizeGuess, BpeVocabularyCountsTokenTypesAndMergesThatFollow)
{
    const auto repos = mock::MockRepoSet::registryFixtures();
    // The three registry GGUFs with 100-164 k-token BPE vocabularies (tokens, token_type, merges).
    for (const auto &[repo, path] :
         {std::pair{"unsloth/Kimi-K2-Instruct-GGUF", "Q4_K_M/Kimi-K2-Instruct-Q4_K_M-00001-of-00013.gguf"},
          std::pair{"unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF", "Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf"},
          std::pair{"unsloth/Phi-4-reasoning-GGUF", "phi-4-reasoning-Q4_K_M.gguf"}}) {
        SCOPED_TRACE(path);
        const mock::MockFile *f = repos->find(QLatin1String(repo))->file(QLatin1String(path));
        ASSERT_NE(f, nullptr);
        ASSERT_GT(f->headerBytes, 3 * 1024 * 1024);
        const qint64 guess = GgufSizeGuess::headerEnd(f->slice(0, kFirst));
        EXPECT_GE(double(guess), 0.95 * double(f->headerBytes)); // at most a small last range to go
        EXPECT_LE(double(guess), 1.2 * double(f->headerBytes));  // the bytes target is 1.2x
        // With the whole header in hand the guess is the header end itself (rounded up to the alignment).
        const qint64 whole = GgufSizeGuess::headerEnd(f->slice(0, f->headerBytes));
        EXPECT_GE(whole, f->headerBytes - 32);
        EXPECT_LE(whole, f->headerBytes + 32);
    }
}

TEST(GgufSizeGuess, SentencePieceVocabularyCountsScoresAndTokenTypes)
{
    fixtures::LlamaGgufRecipe recipe;
    recipe.vocab = 60000;
    const QByteArray header = fixtures::llamaGguf(recipe).headerBytes();
    ASSERT_GT(header.size(), 4 * kFirst);
    const qint64 guess = GgufSizeGuess::headerEnd(header.left(kFirst));
    EXPECT_GE(double(guess), 0.9 * double(header.size()));
    EXPECT_LE(double(guess), 1.3 * double(header.size()));
}

TEST(GgufSizeGuess, SaysMinusOneWhenItCannotTell)
{
    EXPECT_EQ(GgufSizeGuess::headerEnd(QByteArray()), -1);
    EXPECT_EQ(GgufSizeGuess::headerEnd(QByteArray("GGUF\3\0\0\0")), -1); // shorter than the preamble
    EXPECT_EQ(GgufSizeGuess::headerEnd(QByteArray(64, 'x')), -1);        // not GGUF
    QByteArray v1("GGUF\1\0\0\0", 8);
    v1 += QByteArray(32, '\0');
    EXPECT_EQ(GgufSizeGuess::headerEnd(v1), -1); // v1 counts are 32-bit
    QByteArray absurd("GGUF\3\0\0\0", 8);
    absurd += QByteArray("\xff\xff\xff\xff\xff\xff\xff\x7f", 8); // 2^63 tensors
    absurd += QByteArray(16, '\0');
    EXPECT_EQ(GgufSizeGuess::headerEnd(absurd), -1);
    // Nested arrays: the parser leads.
    const QByteArray nested = fixtures::everyValueTypeGguf(3).headerBytes();
    EXPECT_EQ(GgufSizeGuess::headerEnd(nested), -1);
}

// Found by the fuzzer (tests/fuzz/fuzz_gguf.cpp): a string length near 2^64 in an array of strings wrapped the read
// position around and read far outside the buffer. The bytes come from a server, so they may be hostile.
TEST(GgufSizeGuess, HugeStringLengthsNeverMoveTheReadPositionOutside)
{
    QByteArray b("GGUF\3\0\0\0", 8);
    const auto u64 = [&b](quint64 v) { b.append(reinterpret_cast<const char *>(&v), 8); };
    const auto u32 = [&b](quint32 v) { b.append(reinterpret_cast<const char *>(&v), 4); };
    u64(1); // tensors
    u64(2); // key/values
    u64(21);
    b += "tokenizer.ggml.tokens";
    u32(9); // array
    u32(8); // of strings
    u64(3);
    u64(1);
    b += "a";
    u64(0xfffffffffffffff0ull); // wraps pos + 8 + len below the buffer size
    b += QByteArray(64, 'z');
    EXPECT_EQ(GgufSizeGuess::headerEnd(b), -1);
    // The same as a plain string value.
    QByteArray c("GGUF\3\0\0\0", 8);
    c.append(QByteArray::fromHex("0000000000000000"
                                 "0100000000000000"
                                 "0100000000000000") +
             "k");
    c.append(QByteArray::fromHex("08000000"
                                 "f0ffffffffffffff"));
    c += QByteArray(64, 'z');
    EXPECT_EQ(GgufSizeGuess::headerEnd(c), -1);
}

// Issue 18 item 9: HeaderFetcher asks for the guess after every range. The guess continues its walk where the last
// range ended, so a header read in many ranges is walked once (a million key/values once, not once per range),
// and at every step it says what a walk over the whole prefix says.
TEST(GgufSizeGuess, RangesAreWalkedOnceAndAgreeWithAWalkOfTheWholePrefix)
{
    fixtures::LlamaGgufRecipe recipe;
    recipe.vocab = 20000;
    recipe.merges = 20000;
    fixtures::GgufWriter w = fixtures::llamaGguf(recipe);
    for (int i = 0; i < 20000; ++i) {
        w.add(QStringLiteral("mock.junk.%1").arg(quint32(i) * 2654435761U, 0, 16),
              fixtures::GgufValue::uint32(quint32(i)));
    }
    const QByteArray header = w.headerBytes();
    GgufSizeGuess whole;
    whole.feed(header);
    ASSERT_GE(whole.headerEnd(), header.size() - 32);
    ASSERT_LE(whole.headerEnd(), header.size() + 32);
    // key/values + the vocabulary's and the merges' strings + tensor infos, each stepped over once
    EXPECT_GE(whole.itemsWalked(), 20000 + 20000 + 20000);

    for (const qint64 range : {qint64(4096), qint64(64 * 1024), qint64(1000 * 1000)}) {
        SCOPED_TRACE(range);
        GgufSizeGuess g;
        int ranges = 0;
        for (qint64 at = 0; at < header.size(); at += range, ++ranges) {
            g.feed(header.mid(at, range));
            if (ranges % 16 == 0) {
                EXPECT_EQ(g.headerEnd(), GgufSizeGuess::headerEnd(header.left(at + range)));
            }
        }
        EXPECT_EQ(g.headerEnd(), whole.headerEnd());
        EXPECT_EQ(g.itemsWalked(), whole.itemsWalked()); // not ranges × items
        EXPECT_EQ(g.bytesFed(), header.size());
    }
}

TEST(GgufSizeGuess, KeepsOnlyTheUnfinishedItemAcrossRanges)
{
    // A 20 MB string value: the walk steps over it arithmetically; a tokenizer.ggml.model value still on its way
    // is read when its bytes arrive (BPE merges counted only for "gpt2").
    fixtures::GgufWriter w;
    w.add(QStringLiteral("general.architecture"), fixtures::GgufValue::string(QByteArrayLiteral("llama")));
    w.add(QStringLiteral("mock.junk"), fixtures::GgufValue::string(QByteArray(20 * 1000 * 1000, 'j')));
    w.add(QStringLiteral("tokenizer.ggml.model"), fixtures::GgufValue::string(QByteArrayLiteral("gpt2")));
    w.add(QStringLiteral("tokenizer.ggml.tokens"),
          fixtures::GgufValue::stringArray(QStringList(5000, QStringLiteral("tok"))));
    const QByteArray header = w.headerBytes();
    const qint64 modelAt = header.indexOf("gpt2");
    ASSERT_GT(modelAt, 0);
    GgufSizeGuess g;
    g.feed(header.left(modelAt + 2)); // the model value cut in half
    g.feed(header.mid(modelAt + 2, 100));
    EXPECT_EQ(g.headerEnd(), GgufSizeGuess::headerEnd(header.left(modelAt + 102)));
    g.feed(header.mid(modelAt + 102));
    EXPECT_EQ(g.headerEnd(), GgufSizeGuess::headerEnd(header));
}
