// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/registryedit.h"
#include "app/review/workspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");
const QDateTime kWhen(QDate(2026, 11, 29), QTime(9, 0), Qt::UTC);

Workspace bundled()
{
    auto ws = Workspace::openBundled();
    EXPECT_TRUE(ws.ok());
    return ws.value();
}

QJsonArray listing()
{
    QJsonArray a;
    for (const char *p : {"README.md", "config.json", "model-Q4_K_M-00001-of-00002.gguf",
                          "model-Q4_K_M-00002-of-00002.gguf", "model-Q8_0.gguf", "model.safetensors"}) {
        a.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("file")},
                             {QStringLiteral("path"), QLatin1String(p)},
                             {QStringLiteral("size"), 1000}});
    }
    return a;
}

} // namespace

TEST(ReviewOps, OperationsLeaveTheWorkspaceUnchanged)
{
    Workspace w = bundled();
    const QByteArray before = w.project().toJson();
    auto p = w.withOverride(kStella, 5000, QStringLiteral("why"), QStringLiteral("ann"), kWhen);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(w.project().toJson(), before);
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Estimated);
    ASSERT_TRUE(w.setProject(p.value()).ok());
    EXPECT_EQ(w.review(kStella)->status, ReviewStatus::Overridden);
    EXPECT_EQ(w.review(kStella)->effectiveMib(), 5000);
    EXPECT_TRUE(w.review(kStella)->statusReasons.first().contains(QStringLiteral("why")));
    ASSERT_EQ(w.project().audit.size(), 1);
    EXPECT_EQ(w.project().audit.first().action, QStringLiteral("set_override"));
    EXPECT_EQ(w.project().audit.first().who, QStringLiteral("ann"));
}

TEST(ReviewOps, InvalidEditsNameTheField)
{
    Workspace w = bundled();
    auto noReason = w.withOverride(kStella, 5000, QStringLiteral("  "), QStringLiteral("ann"), kWhen);
    ASSERT_FALSE(noReason.ok());
    EXPECT_TRUE(noReason.error().contains(QStringLiteral("\"reason\""))) << noReason.error().toStdString();
    auto zero = w.withOverride(kStella, 0, QStringLiteral("r"), QStringLiteral("ann"), kWhen);
    ASSERT_FALSE(zero.ok());
    EXPECT_TRUE(zero.error().contains(QStringLiteral("\"mib\"")));
    auto noReviewer = w.withSignOff(kStella, QString(), kWhen);
    ASSERT_FALSE(noReviewer.ok());
    EXPECT_TRUE(noReviewer.error().contains(QStringLiteral("\"reviewer\"")));
    EstimateParams bad;
    bad.kvType = QStringLiteral("f8");
    auto badParam = w.withParameters(kStella, bad, QStringLiteral("ann"), kWhen);
    ASSERT_FALSE(badParam.ok());
    EXPECT_TRUE(badParam.error().contains(QStringLiteral("f8")));
    EXPECT_FALSE(w.withParameters(QStringLiteral("nobody/none"), {}, QStringLiteral("ann"), kWhen).ok());
    EXPECT_FALSE(w.withoutOverride(kStella, QStringLiteral("ann"), kWhen).ok());
    EXPECT_FALSE(w.withoutSignOff(kStella, QStringLiteral("why"), QStringLiteral("ann"), kWhen).ok());
}

TEST(ReviewOps, AddRepoFromListingByQuant)
{
    NewEntryChoice c;
    c.repo = QStringLiteral("someone/Tiny-GGUF");
    c.quant = QStringLiteral("Q4_K_M");
    c.context = 4096;
    auto e = RegistryEdit::entryFromListing(c, listing());
    ASSERT_TRUE(e.ok()) << e.error().toStdString();
    EXPECT_EQ(e->components.first().files.size(), 2);
    EXPECT_EQ(e->components.first().format, QStringLiteral("gguf"));
    EXPECT_EQ(e->runtime, QStringLiteral("llama.cpp"));
    EXPECT_EQ(e->servingInt("context"), 4096);

    Workspace w = bundled();
    auto p = w.withRegistryEntry(e.value(), QStringLiteral("ann"), kWhen);
    ASSERT_TRUE(p.ok()) << p.error().toStdString();
    ASSERT_TRUE(w.setProject(p.value()).ok());
    EXPECT_EQ(w.registry().size(), 13);
    auto r = w.review(QStringLiteral("someone/Tiny-GGUF"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, ReviewStatus::Estimated);
    EXPECT_EQ(w.reviews().size(), 13);
}

TEST(ReviewOps, ListingChoicesAreValidated)
{
    NewEntryChoice c;
    c.repo = QStringLiteral("../etc");
    EXPECT_TRUE(RegistryEdit::entryFromListing(c, listing()).error().contains(QStringLiteral("\"repo\"")));
    c.repo = QStringLiteral("someone/x");
    c.quant = QStringLiteral("Q2_K");
    EXPECT_TRUE(RegistryEdit::entryFromListing(c, listing()).error().contains(QStringLiteral("\"quant\"")));
    c.quant.clear();
    c.files = {QStringLiteral("missing.safetensors")};
    EXPECT_TRUE(RegistryEdit::entryFromListing(c, listing()).error().contains(QStringLiteral("\"files\"")));
    c.files = {QStringLiteral("model.safetensors"), QStringLiteral("model-Q8_0.gguf")};
    EXPECT_TRUE(RegistryEdit::entryFromListing(c, listing()).error().contains(QStringLiteral("both")));
    c.files.clear();
    auto st = RegistryEdit::entryFromListing(c, listing());
    ASSERT_TRUE(st.ok()) << st.error().toStdString();
    EXPECT_EQ(st->components.first().files, QStringList{QStringLiteral("model.safetensors")});
}

TEST(ReviewOps, RegistryEditsAreValidatedAgainstTheWholeRegistry)
{
    Workspace w = bundled();
    RegistryEntry e = *w.registry().find(kStella);
    e.components[0].format = QStringLiteral("pickle");
    auto bad = w.withRegistryEntry(e, QStringLiteral("ann"), kWhen);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().contains(QStringLiteral("components[0].format"))) << bad.error().toStdString();

    RegistryEntry clash = *w.registry().find(kStella);
    clash.key = QStringLiteral("other/model");
    clash.aliases = {}; // short name "stella" still clashes
    auto dup = w.withRegistryEntry(clash, QStringLiteral("ann"), kWhen);
    ASSERT_FALSE(dup.ok());
    EXPECT_TRUE(dup.error().contains(QStringLiteral("duplicate"))) << dup.error().toStdString();

    // Edit in place, then remove and re-add.
    RegistryEntry edited = *w.registry().find(kStella);
    edited.serving.insert(QStringLiteral("context"), 16384);
    ASSERT_TRUE(w.setProject(w.withRegistryEntry(edited, QStringLiteral("ann"), kWhen).value()).ok());
    EXPECT_EQ(w.registry().size(), 12);
    EXPECT_EQ(w.estimate(*w.registry().find(kStella)).parameters.context, 16384);
    ASSERT_TRUE(w.setProject(w.withoutRegistryEntry(kStella, QStringLiteral("ann"), kWhen).value()).ok());
    EXPECT_EQ(w.registry().size(), 11);
    EXPECT_FALSE(w.review(kStella).ok());
    EXPECT_TRUE(w.project().remove.contains(kStella));
    ASSERT_TRUE(w.setProject(w.withRegistryEntry(edited, QStringLiteral("ann"), kWhen).value()).ok());
    EXPECT_EQ(w.registry().size(), 12);
    EXPECT_FALSE(w.project().remove.contains(kStella));
    EXPECT_EQ(w.project().audit.size(), 3);
}

TEST(ReviewOps, OpenSaveAndReopenAProject)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/p.json"));
    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
    Workspace w = ws.value();
    EXPECT_EQ(w.projectPath(), path);
    EstimateParams p;
    p.context = 2048;
    ASSERT_TRUE(w.setProject(w.withParameters(kStella, p, QStringLiteral("ann"), kWhen).value()).ok());
    ASSERT_TRUE(w.save().ok());
    auto again = Workspace::open(path);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->parameters(kStella).context, 2048);
    EXPECT_EQ(again->estimate(*again->registry().find(kStella)).parameters.context, 2048);
    // Overlay: explicit parameters win over the project's, unset ones keep the project's.
    EstimateParams overlay;
    overlay.batch = 3;
    const Estimate est = again->estimate(*again->registry().find(kStella), overlay);
    EXPECT_EQ(est.parameters.context, 2048);
    EXPECT_EQ(est.parameters.batch, 3);
    EXPECT_FALSE(Workspace::openBundled()->save().ok()); // no file: says so
}

TEST(ReviewOps, CustomRegistryReplacesTheBundledOne)
{
    Workspace w = bundled();
    ASSERT_TRUE(
        w.setProject(w.withOverride(kStella, 5000, QStringLiteral("r"), QStringLiteral("ann"), kWhen).value()).ok());
    ASSERT_TRUE(
        w.setProject(
             w.withOverride(QStringLiteral("jina"), 900, QStringLiteral("r"), QStringLiteral("ann"), kWhen).value())
            .ok());
    const Registry custom = Registry{}.withEntry(*w.registry().find(kStella));
    auto p = w.withCustomRegistry(custom, QStringLiteral("ann"), kWhen);
    ASSERT_TRUE(p.ok()) << p.error().toStdString();
    ASSERT_TRUE(w.setProject(p.value()).ok());
    EXPECT_EQ(w.registry().size(), 1);
    EXPECT_EQ(w.reviews().size(), 1);
    EXPECT_EQ(w.review(kStella)->effectiveMib(), 5000);
    EXPECT_EQ(w.project().models.size(), 1);
    auto back = Project::fromJson(w.project().toJson(), QStringLiteral("p.json"));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->registryBase, QStringLiteral("none"));
    EXPECT_EQ(back->registry(Registry::bundled()).size(), 1);
    EXPECT_FALSE(w.withCustomRegistry(Registry{}, QStringLiteral("ann"), kWhen).ok());
}
