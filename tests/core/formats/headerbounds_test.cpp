// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Hostile weight headers must not inflate the facts (issue 18 item 5) nor make reading them super-linear (item 9):
// long GGUF strings are stepped over unread, a header fact keeps the keys the estimate reads and a bounded rest,
// and tensors beyond the budget are summed per dtype with exact byte totals. Each case says what it left out.
#include "app/common/units.h"
#include "app/facts/factsnotes.h"
#include "app/formats/ggufheaderparser.h"
#include "app/formats/modelshape.h"
#include "app/formats/safetensorsheaderparser.h"
#include "app/formats/weightheaderfacts.h"
#include "tests/support/formatfixtures.h"
#include "tests/support/safetensorswriter.h"

#include <QJsonDocument>

#include <functional>

#include <gtest/gtest.h>

using namespace memspec;
using fixtures::GgufValue;
using fixtures::GgufWriter;

namespace {

qint64 jsonSize(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact).size(); }

qint64 tensorBytes(const WeightHeaderFact &f)
{
    qint64 n = 0;
    for (const TensorFact &t : f.tensors) {
        n += t.bytes;
    }
    return n;
}

// A llama GGUF whose header also carries `extra` (added before the tensors, after the llama keys).
GgufWriter llamaWith(const std::function<void(GgufWriter &)> &extra)
{
    fixtures::LlamaGgufRecipe r;
    r.vocab = 300;
    GgufWriter w = fixtures::llamaGguf(r);
    extra(w);
    return w;
}

} // namespace

TEST(HeaderBounds, LongGgufStringIsSteppedOverUnreadAndKeptAsItsLength)
{
    const QByteArray huge(3 * 1024 * 1024, 'j');
    const GgufWriter w = llamaWith([&](GgufWriter &g) {
        g.add(QStringLiteral("mock.junk"), GgufValue::string(huge));
        g.add(QStringLiteral("mock.junk_list"), GgufValue::stringArray({QStringLiteral("a"), QString::fromLatin1(huge), QStringLiteral("b")}));
    });
    const QByteArray head = w.headerBytes();
    // Fed in 64 KB pieces, as a Range reader would: the string is counted, not kept.
    GgufHeaderParser p(QStringLiteral("junk.gguf"), w.fileSize());
    for (qint64 at = 0; p.status() == ParseStatus::NeedMore && at < head.size(); at += 64 * 1024) {
        p.feed(head.mid(at, 64 * 1024));
    }
    ASSERT_EQ(p.status(), ParseStatus::Done) << p.error().toStdString();
    const GgufKeyValue *kv = p.header().find(QStringLiteral("mock.junk"));
    ASSERT_NE(kv, nullptr);
    EXPECT_EQ(kv->stringLength, quint64(huge.size()));
    EXPECT_TRUE(kv->value.toString().isEmpty());
    const GgufKeyValue *list = p.header().find(QStringLiteral("mock.junk_list"));
    ASSERT_NE(list, nullptr);
    EXPECT_FALSE(list->arrayComplete);
    EXPECT_EQ(list->arrayLength, 3u);

    const WeightHeaderFact f = p.fact(QStringLiteral("org/repo"), QStringLiteral("junk.gguf"));
    EXPECT_EQ(f.metadata.value(QLatin1String("mock.junk")).toObject().value(QLatin1String("string_length")).toInteger(), huge.size());
    EXPECT_LT(jsonSize(f.metadata), 64 * 1024);
    ASSERT_EQ(headerNotes(f).size(), 1);
    EXPECT_TRUE(headerNotes(f).first().contains(QLatin1String("junk.gguf: implausible GGUF header, kept in part")))
        << headerNotes(f).first().toStdString();
    EXPECT_TRUE(headerNotes(f).first().contains(QLatin1String("longest 3,145,728 bytes"))) << headerNotes(f).first().toStdString();
}

TEST(HeaderBounds, ManyGgufKeysKeepTheEstimatesKeysAndABoundedRest)
{
    const int junk = 100'000;
    const GgufWriter clean = llamaWith([](GgufWriter &) {});
    const GgufWriter hostile = llamaWith([&](GgufWriter &g) {
        for (int i = 0; i < junk; ++i) {
            g.add(QStringLiteral("mock.junk.%1.%2").arg(quint32(i) * 2654435761U, 0, 16).arg(i), GgufValue::uint32(quint32(i)));
        }
    });
    const Result<GgufHeader> c = GgufHeaderParser::parse(clean.headerBytes(), QStringLiteral("clean.gguf"), clean.fileSize());
    const Result<GgufHeader> h = GgufHeaderParser::parse(hostile.headerBytes(), QStringLiteral("many.gguf"), hostile.fileSize());
    ASSERT_TRUE(c.ok() && h.ok());
    ASSERT_EQ(h->metadata.size(), c->metadata.size() + junk);
    const WeightHeaderFact cf = weightHeaderFact(*c, QStringLiteral("org/repo"), QStringLiteral("clean.gguf"));
    const WeightHeaderFact hf = weightHeaderFact(*h, QStringLiteral("org/repo"), QStringLiteral("many.gguf"));
    EXPECT_TRUE(headerNotes(cf).isEmpty()) << headerNotes(cf).join(QLatin1Char('\n')).toStdString();
    EXPECT_LE(hf.metadata.size(), kMaxFactKeys + 1);   // and the note
    EXPECT_LE(jsonSize(hf.metadata), kMaxFactMetadataBytes + 4096);
    // Every key of the clean header (general.*, llama.*, tokenizer summaries) is still there, with its value.
    for (auto it = cf.metadata.begin(); it != cf.metadata.end(); ++it) {
        EXPECT_EQ(hf.metadata.value(it.key()), it.value()) << it.key().toStdString();
    }
    const ModelShape a = ModelShape::fromGguf(cf.metadata, QStringLiteral("x"));
    const ModelShape b = ModelShape::fromGguf(hf.metadata, QStringLiteral("x"));
    EXPECT_EQ(a.hiddenSize, b.hiddenSize);
    EXPECT_EQ(a.numLayers, b.numLayers);
    EXPECT_EQ(a.vocabSize, b.vocabSize);
    ASSERT_EQ(headerNotes(hf).size(), 1);
    EXPECT_TRUE(headerNotes(hf).first().contains(QStringLiteral("%1 key/values, %2 kept")
                                              .arg(groupDigits(h->metadata.size()), groupDigits(hf.metadata.size() - 1))))
        << headerNotes(hf).first().toStdString();
    EXPECT_EQ(tensorBytes(cf), tensorBytes(hf));
}

TEST(HeaderBounds, TensorsBeyondTheBudgetAreSummedPerDtypeWithExactBytes)
{
    fixtures::SafetensorsWriter w;
    const QString pad(120, QLatin1Char('p'));   // long but plausible names: 30k of them overrun the budget
    qint64 expected = 0;
    for (int i = 0; i < 30'000; ++i) {
        const QString dtype = i % 3 == 0 ? QStringLiteral("F32") : QStringLiteral("BF16");
        ASSERT_TRUE(w.addTensor(QStringLiteral("layers.%1.%2.weight").arg(i).arg(pad), dtype, {4, 8}));
        expected += dtype == QLatin1String("F32") ? 128 : 64;
    }
    w.addTensorWithBytes(QString(5000, QLatin1Char('n')), QStringLiteral("F16"), {2}, 4);   // an implausible name
    expected += 4;
    const Result<SafetensorsHeader> h = SafetensorsHeaderParser::parse(w.headerBytes(), QStringLiteral("t.safetensors"), w.fileSize());
    ASSERT_TRUE(h.ok()) << h.error().toStdString();
    const WeightHeaderFact f = weightHeaderFact(*h, QStringLiteral("org/repo"), QStringLiteral("t.safetensors"));
    EXPECT_LT(f.tensors.size(), 30'000);
    EXPECT_GT(f.tensors.size(), 1000);
    qint64 summed = 0;
    for (const TensorFact &t : f.tensors) {
        EXPECT_LE(t.name.size(), kMaxTensorName);
        if (t.name.startsWith(QLatin1Char('('))) {
            summed += t.name.mid(1).section(QLatin1Char(' '), 0, 0).remove(QLatin1Char(',')).toLongLong();
            EXPECT_TRUE(t.shape.isEmpty());
        }
    }
    EXPECT_EQ(summed + f.tensors.size() - 3, 30'001);   // three summary entries: F32, BF16, F16
    EXPECT_EQ(tensorBytes(f), expected);
    ASSERT_EQ(headerNotes(f).size(), 1);
    EXPECT_TRUE(headerNotes(f).first().contains(QLatin1String("summed per dtype"))) << headerNotes(f).first().toStdString();
}

TEST(HeaderBounds, SafetensorsJunkMetadataIsBoundedAndSaid)
{
    fixtures::SafetensorsWriter w;
    ASSERT_TRUE(w.addTensor(QStringLiteral("w"), QStringLiteral("F16"), {8}));
    w.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
    for (int i = 0; i < 5'000; ++i) {
        w.setMetadata(QStringLiteral("junk.%1").arg(i), QString(100, QLatin1Char('x')));
    }
    w.setMetadata(QStringLiteral("a.long"), QString(2'000'000, QLatin1Char('y')));
    const Result<SafetensorsHeader> h = SafetensorsHeaderParser::parse(w.headerBytes(), QStringLiteral("m.safetensors"), w.fileSize());
    ASSERT_TRUE(h.ok()) << h.error().toStdString();
    const WeightHeaderFact f = weightHeaderFact(*h, QStringLiteral("org/repo"), QStringLiteral("m.safetensors"));
    EXPECT_LE(jsonSize(f.metadata), kMaxFactMetadataBytes + 4096);
    EXPECT_EQ(f.metadata.value(QLatin1String("format")).toString(), QStringLiteral("pt"));
    EXPECT_EQ(f.metadata.value(QLatin1String("a.long")).toObject().value(QLatin1String("string_length")).toInteger(), 2'000'000);
    ASSERT_EQ(headerNotes(f).size(), 1);
    EXPECT_TRUE(headerNotes(f).first().contains(QLatin1String("5,002 __metadata__ entries"))) << headerNotes(f).first().toStdString();
}
