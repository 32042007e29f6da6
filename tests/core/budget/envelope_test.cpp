// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The serving envelope: the curve's points and monotonicity, the fit's boundaries and the infeasible case.
#include "app/budget/envelopefit.h"
#include "app/budget/poolrule.h"
#include "app/estimate/envelope.h"
#include "app/review/workspace.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

Estimate estimateAt(const Workspace &ws, const RegistryEntry &e, qint64 tokens)
{
    EstimateParams overlay;
    overlay.context = tokens;
    return ws.estimate(e, overlay);
}

GpuCatalog catalog()
{
    auto c = GpuCatalog::bundled();
    EXPECT_TRUE(c.ok());
    return c.value();
}

BudgetTarget h100()
{
    return BudgetTarget::gpu(catalog().find(QStringLiteral("H100 80GB")).value());
}

} // namespace

TEST(EnvelopeCurve, PointsDoubleFrom512AndEndAtTheLimit)
{
    EXPECT_EQ(EnvelopeCurve::points(32768), (QList<qint64>{512, 1024, 2048, 4096, 8192, 16384, 32768}));
    EXPECT_EQ(EnvelopeCurve::points(12000), (QList<qint64>{512, 1024, 2048, 4096, 8192, 12000}));
    EXPECT_EQ(EnvelopeCurve::points(512), (QList<qint64>{512}));
    EXPECT_EQ(EnvelopeCurve::points(300), (QList<qint64>{300}));
}

TEST(EnvelopeCurve, EveryAdjustableModelGrowsWithThePromptLimit)
{
    auto ws = Workspace::openBundled(QStringLiteral("/nonexistent-cache"));
    ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
    int adjustable = 0;
    for (const RegistryEntry &e : ws->registry().entries()) {
        if (!Envelope::adjustableFor(e)) {
            continue;
        }
        ++adjustable;
        const QList<EnvelopePoint> curve =
            EnvelopeCurve::compute(e.servingInt("context"), [&](qint64 t) { return estimateAt(ws.value(), e, t); });
        ASSERT_FALSE(curve.isEmpty()) << e.key.toStdString();
        EXPECT_EQ(EnvelopeCurve::firstDecrease(curve), -1) << e.key.toStdString();
        for (qsizetype i = 1; i < curve.size(); ++i) {
            EXPECT_GE(curve.at(i).estimate.estMib, curve.at(i - 1).estimate.estMib)
                << e.key.toStdString() << " at " << curve.at(i).tokens;
        }
        // The curve's end is the figure the model has at its default envelope.
        EXPECT_EQ(curve.last().estimate.estMib, ws->estimate(e).estMib) << e.key.toStdString();
        if (curve.size() > 1) {
            EXPECT_GT(curve.last().estimate.totalBytes, curve.first().estimate.totalBytes) << e.key.toStdString();
        }
    }
    EXPECT_EQ(adjustable, 9); // 5 embedders, 3 text-to-text, LLaVA; CLIP and the 2 diffusion models are fixed
}

TEST(EnvelopeCurve, FirstDecreaseFindsAFall)
{
    QList<EnvelopePoint> curve;
    for (qint64 bytes : {100, 200, 150}) {
        Estimate e;
        e.totalBytes = bytes;
        curve << EnvelopePoint{bytes, e};
    }
    EXPECT_EQ(EnvelopeCurve::firstDecrease(curve), 2);
}

TEST(EnvelopeFit, LargestMultipleOf256FitsAndTheNextDoesNot)
{
    // A synthetic figure: 1,000 MiB + 1 MiB per 4 tokens. H100 limit 63,199.
    auto mibAt = [](qint64 t) { return 1000 + t / 4; };
    for (int workers = 1; workers <= 4; ++workers) {
        const EnvelopeFitResult r =
            EnvelopeFitter::fit(QStringLiteral("m"), 1 << 20, mibAt, h100(), workers, 0, 2048, nullptr);
        ASSERT_TRUE(r.feasible) << workers;
        EXPECT_EQ(r.promptLimit % 256, 0);
        EXPECT_EQ(r.perWorkerMib, PoolRule::maxPerWorkerMib(81559, workers));
        // N workers fit at the limit and not at limit + 256.
        EXPECT_TRUE(PoolRule::admits(qint64(workers - 1) * mibAt(r.promptLimit), mibAt(r.promptLimit), 81559))
            << workers;
        EXPECT_FALSE(
            PoolRule::admits(qint64(workers - 1) * mibAt(r.promptLimit + 256), mibAt(r.promptLimit + 256), 81559))
            << workers;
        EXPECT_EQ(r.estMib, mibAt(r.promptLimit));
        EXPECT_EQ(r.nextMib, mibAt(r.promptLimit + 256));
    }
    // One worker: (63,199 − 1,000) × 4 = 248,796 tokens → 248,576 is the largest multiple of 256 below.
    EXPECT_EQ(EnvelopeFitter::fit(QStringLiteral("m"), 1 << 20, mibAt, h100(), 1, 0, 2048, nullptr).promptLimit,
              248576);
    // A co-load takes its share first: 10,000 MiB leave 53,199 → (52,199 × 4) = 208,796 → 208,640.
    EXPECT_EQ(EnvelopeFitter::fit(QStringLiteral("m"), 1 << 20, mibAt, h100(), 1, 10000, 2048, nullptr).promptLimit,
              208640);
    // The static's limit when it fits, even when it is not a multiple of 256.
    const EnvelopeFitResult full = EnvelopeFitter::fit(QStringLiteral("m"), 8000, mibAt, h100(), 1, 0, 2048, nullptr);
    EXPECT_TRUE(full.fullLimit());
    EXPECT_EQ(full.promptLimit, 8000);
}

TEST(EnvelopeFit, InfeasibleNamesTheSmallestTargetThatHoldsIt)
{
    const GpuCatalog cat = catalog();
    // 100,000 MiB at any prompt limit: no room on an H100 (63,199). The smallest device whose limit holds it:
    // H200 as the driver reports it, 143,771 MiB → floor(115,016.8) − 2,048 = 113,016.
    const EnvelopeFitResult r = EnvelopeFitter::fit(
        QStringLiteral("m"), 32768, [](qint64) { return qint64(100000); }, h100(), 1, 0, 2048, &cat);
    EXPECT_FALSE(r.feasible);
    EXPECT_EQ(r.promptLimit, 0);
    EXPECT_EQ(r.estMib, 100000);
    EXPECT_EQ(r.smallestTarget, QStringLiteral("H200 141GB"));
    EXPECT_EQ(r.smallestTargetMib, 143771);
    // Two workers of 60,000: 120,000 MiB in all, each on one device: 2 × H100 (163,118 MiB, limit 128,446) is the
    // smallest; one H200 (limit 113,016) is too small, a B200 (183,105) is larger.
    qint64 mib = 0;
    EXPECT_EQ(EnvelopeFitter::smallestTarget(60000, 2, 0, 2048, cat, &mib), QStringLiteral("2 × H100 80GB"));
    EXPECT_EQ(mib, 163118);
    // A worker larger than any GPU: host RAM only, with the capacity the rule needs: (700,000 + 2,048) × 5 / 4.
    const QString host = EnvelopeFitter::smallestTarget(700000, 1, 0, 2048, cat, &mib);
    EXPECT_TRUE(host.startsWith(QStringLiteral("host RAM"))) << host.toStdString();
    EXPECT_EQ(mib, 877560);
}

TEST(EnvelopeFit, BundledModelsOnH100KimiIsHostRamOnly)
{
    auto ws = Workspace::openBundled(QStringLiteral("/nonexistent-cache"));
    ASSERT_TRUE(ws.ok());
    const GpuCatalog cat = catalog();
    for (int workers : {1, 2}) {
        for (const RegistryEntry &e : ws->registry().entries()) {
            if (!Envelope::adjustableFor(e)) {
                continue;
            }
            auto mibAt = [&](qint64 t) { return estimateAt(ws.value(), e, t).estMib; };
            const EnvelopeFitResult r =
                EnvelopeFitter::fit(e.key, e.servingInt("context"), mibAt, h100(), workers, 0, 2048, &cat);
            if (e.shortName == QLatin1String("kimi-k2")) {
                EXPECT_FALSE(r.feasible);
                EXPECT_TRUE(r.smallestTarget.contains(QStringLiteral("host RAM"))) << r.smallestTarget.toStdString();
                continue;
            }
            ASSERT_TRUE(r.feasible) << e.key.toStdString() << " workers " << workers;
            EXPECT_LE(workers * r.estMib, 63199) << e.key.toStdString();
            if (!r.fullLimit()) {
                EXPECT_EQ(r.promptLimit % 256, 0);
                EXPECT_GT(workers * mibAt(r.promptLimit + 256), 63199) << e.key.toStdString();
            }
        }
    }
}

TEST(EnvelopeFit, ApplyingIsAuditedAndMakesTheSignOffStale)
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("p.json")), QStringLiteral("/nonexistent-cache"));
    ASSERT_TRUE(ws.ok()) << ws.error().toStdString();
    const QString phi = QStringLiteral("microsoft/phi-4");
    auto signedOff = ws->withSignOff(phi, QStringLiteral("Ana"));
    ASSERT_TRUE(signedOff.ok());
    ASSERT_TRUE(ws.value().setProject(signedOff.value()));
    ASSERT_TRUE(ws->review(phi)->approved());
    // The fingerprint covers the prompt limit: the sign-off records it.
    EXPECT_EQ(ws->review(phi)
                  ->signOff->inputs.value(QStringLiteral("parameters"))
                  .toObject()
                  .value(QStringLiteral("context"))
                  .toInteger(),
              32768);

    EXPECT_FALSE(ws->withPromptLimit(phi, 9728, {}, QString(), QStringLiteral("Ana")).ok()); // no reason
    EXPECT_FALSE(ws->withPromptLimit(QStringLiteral("openai/clip-vit-base-patch32"), 64, {}, QStringLiteral("r"),
                                     QStringLiteral("Ana"))
                     .ok());
    auto fitted = ws->withPromptLimit(phi, 9728, {{QStringLiteral("target"), QStringLiteral("H100 80GB")}},
                                      QStringLiteral("fit to H100 80GB, one worker"), QStringLiteral("Ana"));
    ASSERT_TRUE(fitted.ok()) << fitted.error().toStdString();
    const AuditEvent &ev = fitted->audit.last();
    EXPECT_EQ(ev.action, QStringLiteral("fit_envelope"));
    EXPECT_EQ(ev.model, phi);
    EXPECT_EQ(ev.detail.value(QStringLiteral("prompt_limit")).toInteger(), 9728);
    EXPECT_EQ(ev.detail.value(QStringLiteral("prompt_limit_before")).toInteger(), 32768);
    EXPECT_EQ(ev.detail.value(QStringLiteral("reason")).toString(), QStringLiteral("fit to H100 80GB, one worker"));
    ASSERT_TRUE(ws.value().setProject(fitted.value()));
    const ModelReview r = ws->review(phi).value();
    EXPECT_EQ(r.status, ReviewStatus::Stale);
    EXPECT_TRUE(r.statusReasons.join(QLatin1Char('\n')).contains(QStringLiteral("32768 → 9728")))
        << r.statusReasons.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(r.estimate.parameters.context, 9728);
}
