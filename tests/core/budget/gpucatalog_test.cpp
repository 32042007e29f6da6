// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/budget/budgettarget.h"
#include "app/budget/gpucatalog.h"

#include <gtest/gtest.h>

using namespace memspec;

TEST(GpuCatalog, BundledHasTheHardwareList)
{
    auto cat = GpuCatalog::bundled();
    ASSERT_TRUE(cat.ok()) << cat.error().toStdString();
    // 190 GPUs with a memory size in the reference list; multi-option SKUs expand into one entry per option.
    EXPECT_GT(cat->gpus().size(), 190);
    EXPECT_TRUE(cat->source().contains(QStringLiteral("huggingface")));
    auto h100 = cat->find(QStringLiteral("H100 80GB"));
    ASSERT_TRUE(h100.ok());
    EXPECT_EQ(h100->memoryGb, 80);
    EXPECT_EQ(h100->bytes(), qint64(80000000000));
    EXPECT_EQ(h100->mib(), 76293);   // 80e9 / 1,048,576 = 76,293.945…, rounded down
    EXPECT_NEAR(h100->gib(), 74.506, 0.001);
}

TEST(GpuCatalog, FindIgnoresCaseSpacesAndPunctuation)
{
    auto cat = GpuCatalog::bundled();
    ASSERT_TRUE(cat.ok());
    EXPECT_EQ(cat->find(QStringLiteral("h100-80gb"))->label(), QStringLiteral("H100 80GB"));
    EXPECT_EQ(cat->find(QStringLiteral("RTX 4090"))->memoryGb, 24);    // one option: the bare name is enough
    EXPECT_EQ(cat->find(QStringLiteral("a100 40 GB"))->memoryGb, 40);
    // A name that already carries its size is not doubled.
    EXPECT_EQ(cat->find(QStringLiteral("Jetson AGX Orin 64GB"))->label(), QStringLiteral("Jetson AGX Orin 64GB"));
}

TEST(GpuCatalog, UnknownNameListsCloseMatches)
{
    auto cat = GpuCatalog::bundled();
    ASSERT_TRUE(cat.ok());
    auto miss = cat->find(QStringLiteral("H100 90GB"));
    ASSERT_FALSE(miss.ok());
    EXPECT_TRUE(miss.error().contains(QStringLiteral("H100 80GB"))) << miss.error().toStdString();
    auto ambiguous = cat->find(QStringLiteral("A100"));
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_TRUE(ambiguous.error().contains(QStringLiteral("A100 80GB")));
    EXPECT_TRUE(ambiguous.error().contains(QStringLiteral("A100 40GB")));
    EXPECT_TRUE(cat->closeMatches(QStringLiteral("zzzzzzzzzzzzzzzzzzzz")).isEmpty());
}

TEST(GpuCatalog, RejectsBadJson)
{
    EXPECT_FALSE(GpuCatalog::fromJson("{", QStringLiteral("t.json")).ok());
    EXPECT_FALSE(GpuCatalog::fromJson(R"({"unit":"GiB","gpus":[]})", QStringLiteral("t.json")).ok());
    auto bad = GpuCatalog::fromJson(R"({"unit":"GB","gpus":[{"name":"X","memory_gb":[-4]}]})", QStringLiteral("t.json"));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().contains(QStringLiteral("t.json")));
}

TEST(BudgetTarget, MeminfoMemTotalIsKibibytes)
{
    // 16,318,128 kB (KiB) / 1024 = 15,935.67… → 15,935 MiB.
    auto mib = BudgetTarget::memTotalMibFromMeminfo("MemFree: 1 kB\nMemTotal:       16318128 kB\n");
    ASSERT_TRUE(mib.ok());
    EXPECT_EQ(mib.value(), 15935);
    EXPECT_FALSE(BudgetTarget::memTotalMibFromMeminfo("MemTotal: lots\n").ok());
    EXPECT_FALSE(BudgetTarget::memTotalMibFromMeminfo("").ok());
    auto host = BudgetTarget::hostRam();
    ASSERT_TRUE(host.ok()) << host.error().toStdString();
    EXPECT_GT(host->capacityMib(), 0);
}

TEST(BudgetTarget, DescribeStatesUnits)
{
    const BudgetTarget t = BudgetTarget::gpu(GpuModel{QStringLiteral("NVIDIA"), QStringLiteral("H100"), QStringLiteral("gpu"), 80}, 2);
    EXPECT_EQ(t.capacityMib(), 152586);
    EXPECT_EQ(t.describe(), QStringLiteral("2 × H100 80GB (80 GB nominal = 76,293 MiB = 74.5 GiB each)"));
}
