// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/export/rustlexer.h"
#include "app/export/rustscanner.h"

#include <QFile>

#include <gtest/gtest.h>

using memspec::RustScanner;
using memspec::RustStatic;

namespace {

QList<RustStatic> scan(const char *src)
{
    auto r = RustScanner::scan(QByteArray(src), QStringLiteral("test.rs"));
    EXPECT_TRUE(r.ok()) << r.error().toStdString();
    return r.ok() ? r.value() : QList<RustStatic>{};
}

} // namespace

TEST(RustScanner, FindsStaticAndFields)
{
    const QByteArray src = "pub static A: CandleModelInfo = CandleModelInfo {\n    registry_key: \"org/a\",\n"
                           "    est_memory_allocation_mb: 7_200usize, // 7.2GB\n};\n";
    const auto statics = scan(src.constData());
    ASSERT_EQ(statics.size(), 1);
    EXPECT_EQ(statics[0].name, "A");
    EXPECT_EQ(statics[0].line, 1);
    EXPECT_EQ(statics[0].registryKey.value_or(QString()), QStringLiteral("org/a"));
    const auto *f = statics[0].field("est_memory_allocation_mb");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(src.mid(f->valueStart, f->valueEnd - f->valueStart), "7_200usize");
    EXPECT_EQ(RustScanner::integerValue("7_200usize").value_or(-1), 7200);
    EXPECT_GT(f->commaEnd, f->valueEnd);
}

TEST(RustScanner, IgnoresStringsCommentsAndOtherTypes)
{
    const auto statics =
        scan("// static X: CandleModelInfo = CandleModelInfo { registry_key: \"a/b\" };\n"
             "/* outer /* static Y: CandleModelInfo = CandleModelInfo { } */ still comment } */\n"
             "const S: &str = \"static Z: CandleModelInfo = CandleModelInfo { registry_key: \\\"a/b\\\" }\";\n"
             "const R: &str = r##\"static W: CandleModelInfo = CandleModelInfo { \"# }\"##;\n"
             "static T: Tokenizer = Tokenizer { registry_key: \"a/b\", est_memory_allocation_mb: 0 };\n"
             "static L: LazyLock<CandleModelInfo> = LazyLock::new(|| todo!());\n"
             "fn f<'a>(x: &'a str) -> char { let _c = '{'; let _d = '\\''; 'x' }\n");
    EXPECT_TRUE(statics.isEmpty());
}

TEST(RustScanner, NestedExpressionsAndPathsAndShorthand)
{
    const QByteArray src =
        "mod m { static B: crate::domain::CandleModelInfo = domain::CandleModelInfo {\n"
        "  image_mean: Some([0.1, 0.2, 0.3]), patch: foo::<A, B>(1, 2), registry_key: r#\"org/b\"#,\n"
        "  name, est_memory_allocation_mb: 0 }; }\n";
    const auto statics = scan(src.constData());
    ASSERT_EQ(statics.size(), 1);
    ASSERT_EQ(statics[0].fields.size(), 5);
    EXPECT_EQ(statics[0].fields[1].name, "patch");
    EXPECT_EQ(src.mid(statics[0].fields[1].valueStart, statics[0].fields[1].valueEnd - statics[0].fields[1].valueStart),
              "foo::<A, B>(1, 2)");
    EXPECT_EQ(statics[0].registryKey.value_or(QString()), QStringLiteral("org/b"));
    EXPECT_EQ(statics[0].fields[3].name, "name");
    EXPECT_EQ(statics[0].fields[4].commaEnd, -1);
}

TEST(RustScanner, NonLiteralRegistryKeyIsNotMatched)
{
    const auto statics =
        scan("static C: CandleModelInfo = CandleModelInfo { registry_key: KEY, est_memory_allocation_mb: 1 };");
    ASSERT_EQ(statics.size(), 1);
    EXPECT_FALSE(statics[0].registryKey.has_value());
    EXPECT_FALSE(RustScanner::integerValue("1 + 2").has_value());
    EXPECT_FALSE(RustScanner::integerValue("MIB").has_value());
}

TEST(RustScanner, ErrorsNameFileAndLine)
{
    auto r = RustScanner::scan("fn a() {}\nconst S: &str = \"never closed;\n", QStringLiteral("src/x.rs"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().startsWith(QStringLiteral("src/x.rs:2:"))) << r.error().toStdString();
    auto open = RustScanner::scan("static D: CandleModelInfo = CandleModelInfo { registry_key: \"a/b\",\n",
                                  QStringLiteral("y.rs"));
    ASSERT_FALSE(open.ok());
    EXPECT_TRUE(open.error().contains(QStringLiteral("y.rs:1: static D"))) << open.error().toStdString();
    auto comment = RustScanner::scan("/* /* */", QStringLiteral("z.rs"));
    EXPECT_FALSE(comment.ok());
}

// Hostile input: every prefix of a real fixture file (truncated mid-string, mid-comment, mid-initializer) and random
// bytes either scan or fail with a message; nothing crashes or hangs.
TEST(RustScanner, TruncatedAndRandomInputNeverCrashes)
{
    QFile f(
        QStringLiteral(TEST_DATA_DIR "/rust-service/packages/candle/src/capability/image_embedding/clip_vision.rs"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray src = f.readAll();
    int failures = 0;
    for (qsizetype n = 0; n <= src.size(); n += 7) {
        auto r = RustScanner::scan(src.left(n), QStringLiteral("clip_vision.rs"));
        if (!r.ok()) {
            ++failures;
            EXPECT_TRUE(r.error().startsWith(QStringLiteral("clip_vision.rs:"))) << r.error().toStdString();
        }
    }
    EXPECT_GT(failures, 0);
    quint32 seed = 12345;
    for (int round = 0; round < 200; ++round) {
        QByteArray junk;
        for (int i = 0; i < 400; ++i) {
            seed = seed * 1664525u + 1013904223u;
            static const char alphabet[] = "static CandleModelInfo={}:,;\"'#r/b*\\\n x0_";
            junk += alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        auto r = RustScanner::scan(junk, QStringLiteral("junk.rs"));
        EXPECT_TRUE(r.ok() || !r.error().isEmpty());
    }
}

TEST(RustLexer, StringValuesFollowTheRustReference)
{
    using memspec::rustlex::stringValue;
    auto value = [](const char *lit) { return stringValue(QByteArray(lit)); };
    EXPECT_EQ(value(R"("a\nb\rc\td\\e\0f\'g\"h")").value_or(QString()),
              QStringLiteral("a\nb\rc\td\\e") + QChar(u'\0') + QStringLiteral("f'g\"h"));
    EXPECT_EQ(value(R"("\x41\x7f")").value_or(QString()), QStringLiteral("A\x7f"));
    EXPECT_EQ(value(R"("org\u{2f}name\u{1F600}\u{0_0_4_1}")").value_or(QString()),
              QStringLiteral("org/name") + QString::fromUtf8("\xF0\x9F\x98\x80") + QStringLiteral("A"));
    EXPECT_EQ(value("\"a\\\n   \t b\"").value_or(QString()), QStringLiteral("ab"));
    EXPECT_EQ(value("\"a\\\r\n   b\"").value_or(QString()), QStringLiteral("ab"));
    EXPECT_EQ(value("\"line\r\nnext\"").value_or(QString()), QStringLiteral("line\nnext"));
    EXPECT_EQ(value("r##\"raw \\u{2f} \"# still\"##").value_or(QString()), QStringLiteral("raw \\u{2f} \"# still"));
    EXPECT_EQ(value("\"caf\xC3\xA9\"").value_or(QString()), QString::fromUtf8("caf\xC3\xA9"));
    for (const char *bad :
         {R"("\x80")", R"("\q")", R"("\u{}")", R"("\u{_1}")", R"("\u{D800}")", R"("\u{110000}")", R"("\u{1234567}")",
          R"("\u2f")", "\"lone\rcr\"", R"(b"bytes")", R"(c"cstr")", R"(br"raw bytes")"}) {
        EXPECT_FALSE(value(bad).has_value()) << bad;
    }
}
