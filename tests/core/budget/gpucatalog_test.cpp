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
    EXPECT_EQ(h100->memoryGb, 80); // the label
    EXPECT_EQ(h100->nominalBytes(), qint64(80000000000));
    EXPECT_EQ(h100->nominalMib(), 76293); // 80e9 / 1,048,576 = 76,293.945…, rounded down
    // The capacity is what the driver reports, with its source.
    EXPECT_TRUE(h100->reported());
    EXPECT_EQ(h100->mib(), 81559);
    EXPECT_TRUE(h100->reportedSource.contains(QStringLiteral("nvidia-smi")));
    EXPECT_NEAR(h100->gib(), 79.647, 0.001);
    EXPECT_EQ(cat->find(QStringLiteral("A100 80GB"))->mib(), 81920);
    EXPECT_EQ(cat->find(QStringLiteral("RTX 4090"))->mib(), 24564);
    // No reported figure: the nominal size read as printed, a lower bound.
    auto rtx4080 = cat->find(QStringLiteral("RTX 4080"));
    ASSERT_TRUE(rtx4080.ok());
    EXPECT_FALSE(rtx4080->reported());
    EXPECT_EQ(rtx4080->mib(), 15258); // 16e9 / 1,048,576 = 15,258.78…
}

TEST(GpuCatalog, RejectsAReportedFigureWithoutSourceOrFarFromTheLabel)
{
    auto ok = GpuCatalog::fromJson(
        R"({"unit":"GB","gpus":[{"name":"X","memory_gb":[80],"reported":[{"memory_gb":80,"mib":81559,"source":"nvidia-smi"}]}]})",
        QStringLiteral("t.json"));
    ASSERT_TRUE(ok.ok()) << ok.error().toStdString();
    EXPECT_EQ(ok->gpus().at(0).mib(), 81559);
    auto noSource = GpuCatalog::fromJson(
        R"({"unit":"GB","gpus":[{"name":"X","memory_gb":[80],"reported":[{"memory_gb":80,"mib":81559}]}]})",
        QStringLiteral("t.json"));
    ASSERT_FALSE(noSource.ok());
    EXPECT_TRUE(noSource.error().contains(QStringLiteral("X 80GB")) &&
                noSource.error().contains(QStringLiteral("t.json")))
        << noSource.error().toStdString();
    // 8,155 MiB for an "80 GB" device is a typo (a digit lost), not a driver figure.
    EXPECT_FALSE(
        GpuCatalog::fromJson(
            R"({"unit":"GB","gpus":[{"name":"X","memory_gb":[80],"reported":[{"memory_gb":80,"mib":8155,"source":"s"}]}]})",
            QStringLiteral("t.json"))
            .ok());
}

TEST(GpuCatalog, FindIgnoresCaseSpacesAndPunctuation)
{
    auto cat = GpuCatalog::bundled();
    ASSERT_TRUE(cat.ok());
    EXPECT_EQ(cat->find(QStringLiteral("h100-80gb"))->label(), QStringLiteral("H100 80GB"));
    EXPECT_EQ(cat->find(QStringLiteral("RTX 4090"))->memoryGb, 24); // one option: the bare name is enough
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
    auto bad =
        GpuCatalog::fromJson(R"({"unit":"GB","gpus":[{"name":"X","memory_gb":[-4]}]})", QStringLiteral("t.json"));
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
    const BudgetTarget t =
        BudgetTarget::gpu(GpuModel{QStringLiteral("NVIDIA"), QStringLiteral("H100"), QStringLiteral("gpu"), 80}, 2);
    EXPECT_EQ(t.capacityMib(), 152586);
    EXPECT_EQ(t.describe(), QStringLiteral("2 × H100 80GB (80 GB nominal = 76,293 MiB = 74.5 GiB each)"));
    auto cat = GpuCatalog::bundled();
    ASSERT_TRUE(cat.ok());
    const BudgetTarget reported = BudgetTarget::gpu(cat->find(QStringLiteral("H100 80GB")).value());
    EXPECT_EQ(reported.describe(), QStringLiteral("H100 80GB (81,559 MiB as the driver reports = 79.6 GiB)"));
    EXPECT_TRUE(
        reported.toJson().value(QStringLiteral("capacity_source")).toString().contains(QStringLiteral("nvidia-smi")));
}
