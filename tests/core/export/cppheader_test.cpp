// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The generated C++ header compiles with g++ -std=c++20 and its constexpr lookup works, at compile and at run time.
#include "testreviews.h"

#include "app/export/cppheaderwriter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::testdata;

TEST(CppHeader, CompilesAndLooksUpByKeyAndAlias)
{
    const QString gxx = QStandardPaths::findExecutable(QStringLiteral("g++"));
    if (gxx.isEmpty()) {
        GTEST_SKIP() << "g++ is not installed";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QList<ModelReview> list = reviews();
    list[2].entry.name = QStringLiteral("Quote \" backslash \\ tab\t é"); // escaping must survive the compiler
    ASSERT_TRUE(writeFile(dir.filePath(QStringLiteral("memspec_models.h")), CppHeaderWriter::render(list)));
    ASSERT_TRUE(writeFile(dir.filePath(QStringLiteral("main.cpp")), R"(#include "memspec_models.h"
#include <cstdio>
using namespace memspec_models;
static_assert(kModels.size() == 4);
static_assert(estMemoryAllocationMb("dunzhang/stella_en_1.5B_v5") == 3400);
static_assert(findModel("UNSLOTH/PHI-4-REASONING") == &kModels[1]);
static_assert(findModel("nobody/none") == nullptr);
static_assert(findModel("stabilityai/stable-diffusion-3.5-large-turbo")->status == Status::Stale);
int main(int argc, char **)
{
    const ModelSpec *m = findModel(argc > 5 ? "x" : "microsoft/phi-4");
    if (!m || m->est_memory_allocation_mb != 28000 || m->status != Status::Overridden) return 1;
    if (kModels[2].name != std::string_view("Quote \" backslash \\ tab\t \xc3\xa9")) return 2;
    std::printf("%s %llu\n", m->capability.data(), static_cast<unsigned long long>(m->est_memory_allocation_mb));
    return 0;
}
)"));
    QProcess cc;
    cc.start(gxx, {QStringLiteral("-std=c++20"), QStringLiteral("-Wall"), QStringLiteral("-Wextra"),
                   QStringLiteral("-Werror"), QStringLiteral("-o"), dir.filePath(QStringLiteral("lookup")),
                   dir.filePath(QStringLiteral("main.cpp"))});
    ASSERT_TRUE(cc.waitForFinished(120000));
    ASSERT_EQ(cc.exitCode(), 0) << cc.readAllStandardError().toStdString();
    QProcess run;
    run.start(dir.filePath(QStringLiteral("lookup")), {});
    ASSERT_TRUE(run.waitForFinished(30000));
    EXPECT_EQ(run.exitCode(), 0);
    EXPECT_EQ(run.readAllStandardOutput(), "text_to_text 28000\n");
}
