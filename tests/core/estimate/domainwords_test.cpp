// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// One home for each domain word (issue 17): the serving words and ranges, the review statuses and the export kinds
// are defined once, and every reader (validation, settings, exports) agrees with that one definition.
#include "app/estimate/estimator.h"
#include "app/estimate/servingwords.h"
#include "app/export/exportbundle.h"
#include "app/review/statuswords.h"
#include "app/settings/settings.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace memspec;

TEST(ServingWords, ValidationAcceptsEveryWordAndNamesThemAllOnAMiss)
{
    for (const QString &r : serving::runtimes()) {
        EstimateParams p;
        p.runtime = r;
        EXPECT_TRUE(Estimator::validate(p).ok()) << r.toStdString();
        EXPECT_TRUE(Settings::validate(Settings::Key::DefaultRuntime, r).isEmpty()) << r.toStdString();
    }
    for (const QString &d : serving::devices()) {
        EstimateParams p;
        p.device = d;
        EXPECT_TRUE(Estimator::validate(p).ok()) << d.toStdString();
        EXPECT_TRUE(Settings::validate(Settings::Key::DefaultDevice, d).isEmpty()) << d.toStdString();
    }
    for (const QString &k : serving::kvTypes()) {
        EstimateParams p;
        p.kvType = k;
        EXPECT_TRUE(Estimator::validate(p).ok()) << k.toStdString();
    }
    EstimateParams bad;
    bad.runtime = QStringLiteral("vllm");
    auto r = Estimator::validate(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), QStringLiteral("unknown runtime \"vllm\" (expected candle, llama.cpp or diffusers)"));
    EXPECT_EQ(Settings::validate(Settings::Key::DefaultRuntime, QStringLiteral("vllm")),
              QStringLiteral("default runtime \"vllm\" is not candle, llama.cpp or diffusers"));
    EXPECT_EQ(Settings::validate(Settings::Key::DefaultDevice, QStringLiteral("rocm")),
              QStringLiteral("default device \"rocm\" is not cuda or cpu"));
    EXPECT_EQ(Settings::defaultValue(Settings::Key::DefaultDevice).toString(), serving::devices().constFirst());
}

TEST(ServingWords, RangesAreTheValidationsBounds)
{
    struct Case
    {
        std::optional<qint64> EstimateParams::*field;
        serving::Range range;
    };
    for (const Case &c : {Case{&EstimateParams::context, serving::kContext}, Case{&EstimateParams::batch, serving::kBatch},
                          Case{&EstimateParams::ubatch, serving::kUbatch}}) {
        EstimateParams p;
        p.*c.field = c.range.min;
        EXPECT_TRUE(Estimator::validate(p).ok());
        p.*c.field = c.range.max;
        EXPECT_TRUE(Estimator::validate(p).ok());
        p.*c.field = c.range.min - 1;
        EXPECT_FALSE(Estimator::validate(p).ok());
        p.*c.field = c.range.max + 1;
        EXPECT_FALSE(Estimator::validate(p).ok());
    }
    EstimateParams m;
    m.marginPct = double(serving::kMarginPct.max) + 1;
    auto r = Estimator::validate(m);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), QStringLiteral("margin 21 % is outside the policy range of 10 to 20 %"));
}

TEST(ServingWords, Alternatives)
{
    EXPECT_EQ(serving::alternatives({QStringLiteral("a")}), QStringLiteral("a"));
    EXPECT_EQ(serving::alternatives({QStringLiteral("a"), QStringLiteral("b")}), QStringLiteral("a or b"));
    EXPECT_EQ(serving::alternatives(serving::kvTypes()), QStringLiteral("f32, f16, bf16, q8_0 or q4_0"));
}

TEST(ReviewStatusWords, IdsRoundTripAndEachStatusHasItsOwnTitleSummaryAndColour)
{
    QStringList titles;
    QStringList summaries;
    QList<quint32> colours;
    for (ReviewStatus s : {ReviewStatus::Estimated, ReviewStatus::Overridden, ReviewStatus::Approved, ReviewStatus::Stale}) {
        EXPECT_EQ(reviewStatusFromId(reviewStatusId(s)), s);
        titles << reviewStatusTitle(s);
        summaries << reviewStatusSummary(s);
        colours << reviewStatusRgb(s);
    }
    EXPECT_FALSE(reviewStatusFromId(QStringLiteral("error")).has_value());
    EXPECT_EQ(titles, QStringList({QStringLiteral("Estimated"), QStringLiteral("Overridden"), QStringLiteral("Approved"),
                                   QStringLiteral("Stale")}));
    EXPECT_EQ(summaries.at(2), QStringLiteral("approved"));
    EXPECT_EQ(summaries.at(3), QStringLiteral("stale (inputs changed since sign-off), not re-approved"));
    EXPECT_EQ(QSet<quint32>(colours.begin(), colours.end()).size(), 4);
}

TEST(ExportKindIds, EveryKindRoundTrips)
{
    QStringList ids;
    for (ExportKind k : ExportBundle::allKinds()) {
        const QString id = ExportBundle::kindId(k);
        ids << id;
        ExportKind back = ExportKind::Docs;
        ASSERT_TRUE(ExportBundle::kindFromId(id, &back)) << id.toStdString();
        EXPECT_EQ(back, k);
    }
    EXPECT_EQ(ids, QStringList({QStringLiteral("docs"), QStringLiteral("specs"), QStringLiteral("rust"),
                                QStringLiteral("cpp"), QStringLiteral("json"), QStringLiteral("csv")}));
}
