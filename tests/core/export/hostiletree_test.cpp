// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Generated hostile Rust trees (issue 18, items 8 and 10–14): each test builds the odd tree it needs in a temporary
// folder and runs the real patcher and check on it.
#include "testreviews.h"

#include "app/export/rustcheck.h"
#include "app/export/rustpatcher.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace memspec;
using namespace memspec::testdata;

namespace {

QByteArray staticFor(const QByteArray &name, const QByteArray &keyLiteral, const QByteArray &extraField = {})
{
    return "pub static " + name +
           ": CandleModelInfo = CandleModelInfo {\n    name: \"x\",\n    registry_key: " + keyLiteral + ",\n" +
           extraField + "};\n";
}

class HostileTreeTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tree.isValid());
        ASSERT_TRUE(m_outside.isValid());
    }
    QString src(const QString &rel) const { return m_tree.filePath(QStringLiteral("src/") + rel); }
    // Plans in a worker thread, so a plan that blocks (on a FIFO) fails the test instead of hanging it.
    Result<RustPatchPlan> planWithin(const QList<ModelReview> &reviews, const QString &fifoToRelease = {})
    {
        const QString tree = m_tree.path();
        QFuture<Result<RustPatchPlan>> f =
            QtConcurrent::run([tree, reviews]() { return RustPatcher::plan(tree, reviews, false); });
        for (int i = 0; i < 100 && !f.isFinished(); ++i) {
            QThread::msleep(50);
        }
        if (!f.isFinished()) {
            ADD_FAILURE() << "RustPatcher::plan blocked for 5 s";
            if (!fifoToRelease.isEmpty()) {
                const int w =
                    ::open(QFile::encodeName(fifoToRelease).constData(), O_WRONLY | O_NONBLOCK); // EOF for the reader
                if (w >= 0) {
                    ::close(w);
                }
            }
        }
        return f.result();
    }

    QTemporaryDir m_tree;
    QTemporaryDir m_outside;
};

} // namespace

// Item 10: a file symlink whose target is outside the tree is reported, never read or written through; a symlink
// inside the tree is patched once, in its target, and stays a symlink.
TEST_F(HostileTreeTest, SymlinkLeavingTheTreeIsNeverWrittenThrough)
{
    const QString victim = m_outside.filePath(QStringLiteral("victim.rs"));
    const QByteArray victimBytes = staticFor("VICTIM", "\"org/outside\"", "    est_memory_allocation_mb: 1,\n");
    ASSERT_TRUE(writeFile(victim, victimBytes));
    ASSERT_TRUE(writeFile(src(QStringLiteral("real.rs")), staticFor("INSIDE", "\"org/inside\"")));
    ASSERT_TRUE(QFile::link(victim, src(QStringLiteral("evil.rs"))));
    ASSERT_TRUE(QFile::link(src(QStringLiteral("real.rs")), src(QStringLiteral("alias.rs"))));

    const QList<ModelReview> rv{reviewFor("org/outside", 900, true), reviewFor("org/inside", 800, true)};
    auto plan = RustPatcher::plan(m_tree.path(), rv, false);
    ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
    const QString report = plan->reportLines().join(QLatin1Char('\n'));
    EXPECT_TRUE(report.contains(QStringLiteral("src/evil.rs: a symbolic link to ") + victim +
                                QStringLiteral(", outside the source tree")))
        << report.toStdString();
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    EXPECT_EQ(readFile(victim), victimBytes);
    EXPECT_TRUE(readFile(src(QStringLiteral("real.rs"))).contains("est_memory_allocation_mb: 800, //"));
    EXPECT_EQ(readFile(src(QStringLiteral("real.rs"))).count("est_memory_allocation_mb"), 1);
    EXPECT_TRUE(QFileInfo(src(QStringLiteral("alias.rs"))).isSymLink());

    auto check = RustCheck::run(m_tree.path(), rv, false);
    ASSERT_TRUE(check.ok());
    EXPECT_FALSE(check->ok()); // org/outside has no static the check may read
    EXPECT_TRUE(
        check->differences.join(QLatin1Char('\n')).contains(QStringLiteral("model without a static: org/outside")));
}

// Item 11: the shorthand field `est_memory_allocation_mb,` is written out as `est_memory_allocation_mb: N,`.
TEST_F(HostileTreeTest, ShorthandFieldIsWrittenOutInFull)
{
    ASSERT_TRUE(writeFile(
        src(QStringLiteral("short.rs")),
        "const est_memory_allocation_mb: usize = 5;\n" +
            staticFor("SHORT", "\"org/short\"", "    est_memory_allocation_mb,\n    max_input_tokens: 512,\n")));
    const QList<ModelReview> rv{reviewFor("org/short", 700, true)};
    auto plan = RustPatcher::plan(m_tree.path(), rv, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    const QByteArray after = readFile(src(QStringLiteral("short.rs")));
    EXPECT_TRUE(after.contains("\n    est_memory_allocation_mb: 700, // MiB per worker;")) << after.toStdString();
    EXPECT_FALSE(after.contains("\n    700,"));
    auto check = RustCheck::run(m_tree.path(), rv, false);
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->ok()) << check->differences.join(QLatin1Char('\n')).toStdString();
}

// Item 12: a newline in a file name must not put lines of its own into the dry-run diff or the report.
TEST_F(HostileTreeTest, ControlCharactersInFileNamesCannotInjectDiffLines)
{
    const QString name = QStringLiteral("evil\n+ injected by the file name\n.rs");
    ASSERT_TRUE(writeFile(src(name), staticFor("EVIL", "\"org/evil\"")));
    ASSERT_TRUE(writeFile(src(QStringLiteral("ok.rs")), staticFor("OK", "\"org/ok\"")));
    auto plan =
        RustPatcher::plan(m_tree.path(), {reviewFor("org/evil", 600, true), reviewFor("org/ok", 500, true)}, false);
    ASSERT_TRUE(plan.ok());
    const QByteArray diff = plan->unifiedDiff();
    EXPECT_TRUE(diff.contains("+++ b/src/ok.rs\n"));
    for (const QByteArray &line : diff.split('\n')) {
        EXPECT_FALSE(line.contains("injected")) << line.toStdString();
    }
    for (const QString &line : plan->reportLines()) {
        EXPECT_FALSE(line.contains(QLatin1Char('\n'))) << line.toStdString();
    }
    EXPECT_TRUE(plan->reportLines()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("src/evil\\n+ injected by the file name\\n.rs")))
        << plan->reportLines().join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    EXPECT_FALSE(readFile(src(name)).contains("est_memory_allocation_mb"));
}

// Item 13: registry_key literals are decoded as Rust decodes them; a static whose key cannot be read makes the
// check fail instead of being skipped in silence.
TEST_F(HostileTreeTest, EscapedRegistryKeysMatchAndUnreadableOnesFailTheCheck)
{
    ASSERT_TRUE(writeFile(src(QStringLiteral("escapes.rs")),
                          staticFor("UNICODE", "\"org\\u{2f}unicode\"") + staticFor("HEX", "\"\\x6frg/hex\"") +
                              staticFor("CONT", "\"org/\\\n        continued\"") + staticFor("RAW", "r#\"org/raw\"#") +
                              staticFor("CRLF", "\"org/crlf\"").replace("\n", "\r\n")));
    const QList<ModelReview> rv{reviewFor("org/unicode", 100, true), reviewFor("org/hex", 200, true),
                                reviewFor("org/continued", 300, true), reviewFor("org/raw", 400, true),
                                reviewFor("org/crlf", 500, true)};
    auto plan = RustPatcher::plan(m_tree.path(), rv, false);
    ASSERT_TRUE(plan.ok());
    EXPECT_TRUE(plan->modelsWithoutStatic.isEmpty()) << plan->modelsWithoutStatic.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(plan->matches.size(), 5);
    ASSERT_TRUE(RustPatcher::apply(plan.value()).ok());
    auto check = RustCheck::run(m_tree.path(), rv, false);
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->ok()) << check->differences.join(QLatin1Char('\n')).toStdString();

    // A key the scanner cannot read (a constant, an invalid escape): that model has no static, and check fails.
    ASSERT_TRUE(writeFile(src(QStringLiteral("unreadable.rs")),
                          staticFor("CONSTKEY", "KEY") + staticFor("BADESC", "\"org/\\q-bad\"")));
    const QList<ModelReview> more = rv + QList<ModelReview>{reviewFor("org/const", 100, true)};
    auto failing = RustCheck::run(m_tree.path(), more, false);
    ASSERT_TRUE(failing.ok());
    EXPECT_FALSE(failing->ok());
    EXPECT_TRUE(
        failing->differences.join(QLatin1Char('\n')).contains(QStringLiteral("model without a static: org/const")))
        << failing->differences.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(failing->warnings.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("CONSTKEY (its registry_key is not a string literal")));
}

// Item 14: apply keeps every file's permission bits (0444 stays 0444, 0640 stays 0640).
TEST_F(HostileTreeTest, ApplyKeepsTheFileMode)
{
    ASSERT_TRUE(writeFile(src(QStringLiteral("ro.rs")), staticFor("RO", "\"org/ro\"")));
    ASSERT_TRUE(writeFile(src(QStringLiteral("group.rs")), staticFor("GROUP", "\"org/group\"")));
    ASSERT_EQ(::chmod(QFile::encodeName(src(QStringLiteral("ro.rs"))).constData(), 0444), 0);
    ASSERT_EQ(::chmod(QFile::encodeName(src(QStringLiteral("group.rs"))).constData(), 0640), 0);
    auto plan =
        RustPatcher::plan(m_tree.path(), {reviewFor("org/ro", 100, true), reviewFor("org/group", 200, true)}, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->edits.size(), 2);
    auto applied = RustPatcher::apply(plan.value());
    ASSERT_TRUE(applied.ok()) << applied.error().toStdString();
    struct stat st = {};
    ASSERT_EQ(::stat(QFile::encodeName(src(QStringLiteral("ro.rs"))).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0444u);
    ASSERT_EQ(::stat(QFile::encodeName(src(QStringLiteral("group.rs"))).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_TRUE(readFile(src(QStringLiteral("ro.rs"))).contains("est_memory_allocation_mb: 100,"));
}

// Item 8 for .rs files: a FIFO and a symlink to /dev/zero neither block nor exhaust memory; an oversized file is
// refused with a message that names it.
TEST_F(HostileTreeTest, SpecialAndHugeFilesAreRefusedWithoutBlocking)
{
    ASSERT_TRUE(writeFile(src(QStringLiteral("ok.rs")), staticFor("OK", "\"org/ok\"")));
    const QString fifo = src(QStringLiteral("pipe.rs"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), src(QStringLiteral("zero.rs"))));
    QFile huge(src(QStringLiteral("huge.rs")));
    ASSERT_TRUE(huge.open(QIODevice::WriteOnly));
    ASSERT_TRUE(huge.resize(33LL * 1024 * 1024)); // sparse: takes no disk space
    huge.close();

    auto plan = planWithin({reviewFor("org/ok", 500, true)}, fifo);
    ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
    EXPECT_EQ(plan->matches.size(), 1);
    const QString report = plan->reportLines().join(QLatin1Char('\n'));
    EXPECT_TRUE(report.contains(QStringLiteral("src/pipe.rs: not a regular file"))) << report.toStdString();
    EXPECT_TRUE(report.contains(QStringLiteral("src/zero.rs: a symbolic link to /dev/zero"))) << report.toStdString();
    EXPECT_TRUE(report.contains(QStringLiteral("src/huge.rs: 34603008 bytes, more than the 33554432 bytes allowed")))
        << report.toStdString();
}

// Issue 17: apply refuses a file that changed since the plan was made, and writes nothing at all.
TEST_F(HostileTreeTest, ApplyRefusesAFileChangedSinceThePlan)
{
    ASSERT_TRUE(writeFile(src(QStringLiteral("a.rs")), staticFor("A", "\"org/a\"")));
    ASSERT_TRUE(writeFile(src(QStringLiteral("b.rs")), staticFor("B", "\"org/b\"")));
    auto plan = RustPatcher::plan(m_tree.path(), {reviewFor("org/a", 100, true), reviewFor("org/b", 200, true)}, false);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->edits.size(), 2);
    const QByteArray aBefore = readFile(src(QStringLiteral("a.rs")));
    const QByteArray edited = readFile(src(QStringLiteral("b.rs"))) + "// edited by hand after the preview\n";
    ASSERT_TRUE(writeFile(src(QStringLiteral("b.rs")), edited));
    auto applied = RustPatcher::apply(plan.value());
    ASSERT_FALSE(applied.ok());
    EXPECT_TRUE(applied.error().contains(QStringLiteral("src/b.rs: changed since the diff was made")))
        << applied.error().toStdString();
    EXPECT_EQ(readFile(src(QStringLiteral("b.rs"))), edited);
    EXPECT_EQ(readFile(src(QStringLiteral("a.rs"))), aBefore);
    EXPECT_EQ(QDir(m_tree.filePath(QStringLiteral("src"))).entryList(QDir::Files | QDir::Hidden).size(),
              2); // no temporaries left
}
