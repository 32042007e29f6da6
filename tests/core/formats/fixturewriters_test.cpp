// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/ggufwriter.h"
#include "tests/support/safetensorswriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <gtest/gtest.h>

using namespace memspec::fixtures;

TEST(SafetensorsWriter, writesLengthPrefixedPaddedJson)
{
    SafetensorsWriter w;
    ASSERT_TRUE(w.addTensor(QStringLiteral("a"), QStringLiteral("F16"), {2, 3}));
    ASSERT_TRUE(w.addTensor(QStringLiteral("b"), QStringLiteral("F4"), {4}));
    EXPECT_FALSE(w.addTensor(QStringLiteral("c"), QStringLiteral("F4"), {3})); // 12 bits: not whole bytes
    w.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
    const QByteArray head = w.headerBytes();
    ASSERT_GE(head.size(), 8);
    EXPECT_EQ(head.size() % 8, 0);
    const quint64 n = qFromLittleEndian<quint64>(head.constData());
    EXPECT_EQ(qint64(n) + 8, head.size());
    const QJsonObject o = QJsonDocument::fromJson(head.mid(8)).object();
    EXPECT_EQ(o.value(QStringLiteral("__metadata__")).toObject().value(QStringLiteral("format")).toString(),
              QStringLiteral("pt"));
    EXPECT_EQ(o.value(QStringLiteral("b")).toObject().value(QStringLiteral("data_offsets")).toArray().at(1).toInt(),
              14);
    EXPECT_EQ(w.dataSize(), 14);
    EXPECT_EQ(w.fileBytes().size(), w.fileSize());
}

TEST(GgufWriter, alignsDataAndCountsKeys)
{
    GgufWriter w(3);
    w.add(QStringLiteral("general.architecture"), GgufValue::string(QStringLiteral("llama")));
    w.setAlignment(64);
    ASSERT_TRUE(w.addTensor(QStringLiteral("t0"), {256, 2}, GgufWriter::Q4_K));
    ASSERT_TRUE(w.addTensor(QStringLiteral("t1"), {3}, GgufWriter::F32));
    EXPECT_FALSE(w.addTensor(QStringLiteral("bad"), {100}, GgufWriter::Q4_K));
    const QByteArray head = w.headerBytes();
    EXPECT_EQ(head.left(4), QByteArray("GGUF"));
    EXPECT_EQ(qFromLittleEndian<quint32>(head.constData() + 4), 3u);
    EXPECT_EQ(qFromLittleEndian<quint64>(head.constData() + 8), 2u);  // tensors
    EXPECT_EQ(qFromLittleEndian<quint64>(head.constData() + 16), 2u); // kvs
    EXPECT_EQ(head.size() % 64, 0);
    EXPECT_EQ(w.dataSize(), 320 + 12); // t0 = 288 bytes, t1 at offset 320
    EXPECT_EQ(GgufWriter::tensorBytes(41, {128, 2}), 36);
    EXPECT_EQ(GgufWriter::tensorBytes(4, {32}), -1);
}
