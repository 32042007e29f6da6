// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/estimate/estimator.h"
#include "app/review/inputfingerprint.h"
#include "app/review/workspace.h"

#include <gtest/gtest.h>

using namespace memspec;

namespace {

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");
const QDateTime kWhen(QDate(2026, 11, 29), QTime(9, 0), Qt::UTC);

class StaleTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto ws = Workspace::openBundled();
        ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
        w = ws.value();
    }
    void apply(const Result<Project> &p)
    {
        ASSERT_TRUE(p.ok()) << p.error().toStdString();
        ASSERT_TRUE(w.setProject(p.value()).ok());
    }
    void signOff() { apply(w.withSignOff(kStella, QStringLiteral("rita"), kWhen)); }
    ModelReview review() const { return w.review(kStella).value(); }
    ModelFacts facts() const { return *w.facts().find(kStella); }
    ::testing::AssertionResult staleWith(const QString &reason) const
    {
        const ModelReview r = review();
        if (r.status != ReviewStatus::Stale) {
            return ::testing::AssertionFailure() << "status is " << reviewStatusId(r.status).toStdString();
        }
        if (!r.statusReasons.contains(reason)) {
            return ::testing::AssertionFailure()
                   << "reasons: " << r.statusReasons.join(QStringLiteral(" | ")).toStdString();
        }
        return ::testing::AssertionSuccess();
    }

    Workspace w;
};

} // namespace

TEST_F(StaleTest, FreshSignOffIsApproved)
{
    EXPECT_EQ(review().status, ReviewStatus::Estimated);
    signOff();
    const ModelReview r = review();
    EXPECT_EQ(r.status, ReviewStatus::Approved);
    EXPECT_TRUE(r.approved());
    ASSERT_TRUE(r.signOff);
    EXPECT_EQ(r.signOff->approvedMib, r.estimate.estMib);
    EXPECT_TRUE(r.signOff->fingerprint.startsWith(QStringLiteral("sha256:")));
    EXPECT_EQ(r.signOff->inputs.value(QStringLiteral("estimator_version")).toString(), Estimator::version());
    EXPECT_EQ(r.signOff->inputs.value(QStringLiteral("files")).toArray().size(), 2);
    EXPECT_TRUE(r.statusReasons.first().contains(QStringLiteral("approved by rita")));
}

TEST_F(StaleTest, FileSizeChangeMakesItStale)
{
    signOff();
    ModelFacts f = facts();
    const qint64 was = *f.file(QStringLiteral("model.safetensors"))->size;
    for (FileFact &file : f.files) {
        if (file.path == QLatin1String("model.safetensors")) {
            file.size = was + 4096;
        }
    }
    w.setFacts(f);
    EXPECT_TRUE(staleWith(
        QStringLiteral("file %1:model.safetensors changed size %2 → %3 bytes").arg(kStella).arg(was).arg(was + 4096)));
}

TEST_F(StaleTest, HeaderFileSizeFromARefreshCountsToo)
{
    signOff();
    ModelFacts f = facts();
    WeightHeaderFact h;
    h.repo = kStella;
    h.path = QStringLiteral("2_Dense_1024/model.safetensors");
    h.fileSize = 12345;
    f.headers << h;
    w.setFacts(f);
    EXPECT_TRUE(review()
                    .statusReasons.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("2_Dense_1024/model.safetensors changed size")));
}

TEST_F(StaleTest, CommitChangeMakesItStale)
{
    ModelFacts f = facts();
    f.revision = QStringLiteral("aaaa111");
    w.setFacts(f);
    signOff();
    EXPECT_EQ(review().status, ReviewStatus::Approved);
    f.revision = QStringLiteral("bbbb222");
    w.setFacts(f);
    EXPECT_TRUE(staleWith(QStringLiteral("repo commit aaaa111 → bbbb222")));
}

TEST_F(StaleTest, EstimatorVersionChangeMakesItStale)
{
    // A sign-off recorded by an older estimator: same inputs but the version, with a valid fingerprint of them.
    signOff();
    Project p = w.project();
    ModelRecord rec = p.record(kStella);
    rec.signOff->inputs.insert(QStringLiteral("estimator_version"), QStringLiteral("0.0.9"));
    rec.signOff->fingerprint = InputFingerprint::hash(rec.signOff->inputs);
    p.models.insert(kStella, rec);
    ASSERT_TRUE(w.setProject(p).ok());
    EXPECT_TRUE(staleWith(QStringLiteral("estimator 0.0.9 → %1").arg(Estimator::version())));
    EXPECT_EQ(review().statusReasons.size(), 1); // nothing else changed
}

TEST_F(StaleTest, RuntimeChangeMakesItStale)
{
    signOff();
    EstimateParams p;
    p.runtime = QStringLiteral("llama.cpp");
    apply(w.withParameters(kStella, p, QStringLiteral("ann"), kWhen));
    EXPECT_TRUE(staleWith(QStringLiteral("runtime candle → llama.cpp")));
}

struct ParamChange
{
    const char *name;
    void (*set)(EstimateParams &);
    const char *reason;
};

TEST_F(StaleTest, EachParameterChangeMakesItStaleWithItsReason)
{
    const ParamChange changes[] = {
        {"context", [](EstimateParams &p) { p.context = 32768; }, "context changed 8192 → 32768"},
        {"batch", [](EstimateParams &p) { p.batch = 4; }, "batch changed 1 → 4"},
        {"ubatch", [](EstimateParams &p) { p.ubatch = 512; }, "ubatch changed 8192 → 512"},
        {"device", [](EstimateParams &p) { p.device = QStringLiteral("cpu"); }, "device cuda → cpu"},
        {"kv_type", [](EstimateParams &p) { p.kvType = QStringLiteral("q8_0"); }, "KV type changed f16 → q8_0"},
        {"compute_dtype", [](EstimateParams &p) { p.computeDtype = QStringLiteral("F32"); },
         "compute dtype changed (default) → F32"},
        {"flash_attention", [](EstimateParams &p) { p.flashAttention = true; }, "flash attention changed off → on"},
        {"width", [](EstimateParams &p) { p.width = 512; }, "width changed 0 → 512"},
        {"height", [](EstimateParams &p) { p.height = 768; }, "height changed 0 → 768"},
        {"margin_pct", [](EstimateParams &p) { p.marginPct = 15; }, "margin % changed 10 → 15"},
        {"residency", [](EstimateParams &p) { p.residency = QStringLiteral("phased"); },
         "residency changed (default) → phased"},
        {"offload", [](EstimateParams &p) { p.offload = QStringLiteral("model"); }, "offload changed none → model"},
    };
    for (const ParamChange &c : changes) {
        SCOPED_TRACE(c.name);
        apply(w.withParameters(kStella, EstimateParams{}, QStringLiteral("ann"), kWhen));
        signOff();
        ASSERT_EQ(review().status, ReviewStatus::Approved);
        EstimateParams p;
        c.set(p);
        apply(w.withParameters(kStella, p, QStringLiteral("ann"), kWhen));
        EXPECT_TRUE(staleWith(QString::fromUtf8(c.reason)));
        // Setting it back restores the approval: the fingerprint is of the inputs, not of the history.
        apply(w.withParameters(kStella, EstimateParams{}, QStringLiteral("ann"), kWhen));
        EXPECT_EQ(review().status, ReviewStatus::Approved);
    }
}

TEST_F(StaleTest, OverrideAfterSignOffMakesItStale)
{
    signOff();
    const qint64 est = review().estimate.estMib;
    apply(w.withOverride(kStella, est + 500, QStringLiteral("measured peak"), QStringLiteral("ann"), kWhen));
    EXPECT_TRUE(staleWith(QStringLiteral("value changed %1 → %2 MiB").arg(est).arg(est + 500)));
    signOff();
    EXPECT_EQ(review().status, ReviewStatus::Approved);
    EXPECT_EQ(review().effectiveMib(), est + 500);
    EXPECT_EQ(review().signOff->approvedMib, est + 500);
}

TEST_F(StaleTest, WeightFileListChangeMakesItStale)
{
    signOff();
    RegistryEntry e = review().entry;
    e.components[1].files = {QStringLiteral("2_Dense_4096/model.safetensors")};
    apply(w.withRegistryEntry(e, QStringLiteral("ann"), kWhen));
    const QString reasons = review().statusReasons.join(QLatin1Char('\n'));
    EXPECT_EQ(review().status, ReviewStatus::Stale);
    EXPECT_TRUE(reasons.contains(QStringLiteral("2_Dense_1024/model.safetensors is no longer loaded")))
        << reasons.toStdString();
    EXPECT_TRUE(reasons.contains(QStringLiteral("2_Dense_4096/model.safetensors was added"))) << reasons.toStdString();
}

TEST_F(StaleTest, HandEditedInputsAreFlagged)
{
    signOff();
    Project p = w.project();
    ModelRecord rec = p.record(kStella);
    rec.signOff->fingerprint = QStringLiteral("sha256:0000"); // no longer the hash of the recorded inputs
    p.models.insert(kStella, rec);
    ASSERT_TRUE(w.setProject(p).ok());
    EXPECT_EQ(review().status, ReviewStatus::Stale);
    EXPECT_TRUE(review().statusReasons.first().contains(QStringLiteral("do not match")));
}
