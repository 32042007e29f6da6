// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/modeltester.h"

#include "app/review/workspace.h"

#include "ui/models/auditmodel.h"
#include "ui/models/breakdownmodel.h"
#include "ui/models/evidencemodel.h"
#include "ui/models/itemroles.h"
#include "ui/models/modellistmodel.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace memspec;
using namespace memspec::ui;

TEST(ModelListModel, GroupsByCapabilityAndUpdatesInPlace)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    ModelListModel model;
    auto tester = test::testModel(&model);
    model.setReviews(ws->reviews());
    ASSERT_EQ(model.rowCount(), 5);
    EXPECT_EQ(model.index(0, 0).data(IsGroupRole).toBool(), true);
    EXPECT_TRUE(model.index(0, 0).data().toString().startsWith(capabilityTitle(Capability::TextEmbedding)));
    EXPECT_EQ(model.modelCount(), 12);

    const QString key = QStringLiteral("openai/clip-vit-base-patch32");
    const QModelIndex row = model.indexOf(key);
    ASSERT_TRUE(row.isValid());
    EXPECT_EQ(row.parent().data(CapabilityRole).toString(), QStringLiteral("image_embedding"));
    EXPECT_FALSE(model.flags(row.parent()) & Qt::ItemIsSelectable);

    ModelReview r = *model.review(key);
    r.override = Override{4242, QStringLiteral("measured"), QStringLiteral("t"), {}};
    r.status = ReviewStatus::Overridden;
    model.updateReview(r);
    EXPECT_EQ(model.indexOf(key, ModelListModel::EstimateColumn).data(SortRole).toLongLong(), 4242);
    EXPECT_EQ(model.indexOf(key, ModelListModel::StatusColumn).data(StatusRole).toString(),
              QStringLiteral("overridden"));

    model.setProgress(key, 40, QStringLiteral("headers 2/5"));
    EXPECT_EQ(model.indexOf(key, ModelListModel::StatusColumn).data(ProgressRole).toInt(), 40);
    EXPECT_EQ(model.indexOf(key, ModelListModel::StatusColumn).data().toString(), QStringLiteral("headers 2/5"));
    model.setError(key, QStringLiteral("config.json: HTTP 500"));
    EXPECT_TRUE(model.indexOf(key).data(Qt::ToolTipRole).toString().contains(QStringLiteral("HTTP 500")));
}

TEST(BreakdownModel, FiveLinesAndATotal)
{
    auto ws = Workspace::openBundled();
    BreakdownModel model;
    auto tester = test::testModel(&model);
    EXPECT_EQ(model.rowCount(), 0);
    const Estimate e = ws->estimate(*ws->registry().find(QStringLiteral("bert-minilm")));
    model.setEstimate(e);
    ASSERT_EQ(model.rowCount(), 6);
    qint64 sum = 0;
    for (int r = 0; r < 5; ++r) {
        EXPECT_EQ(model.index(r, 0).data(LineIdRole).toString(), lineIds().at(r));
        sum += model.index(r, 0).data(BytesRole).toLongLong();
    }
    EXPECT_EQ(model.index(5, 0).data(BytesRole).toLongLong(), e.totalBytes);
    EXPECT_EQ(sum, e.totalBytes);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(EvidenceModel, ReadsFiguresInThePrintedUnit)
{
    EXPECT_EQ(EvidenceModel::figureIn(QStringLiteral("needs ~24 GB VRAM")), qint64(24e9));
    EXPECT_EQ(EvidenceModel::figureIn(QStringLiteral("16-24 GB of GPU memory")), qint64(24e9));
    EXPECT_EQ(EvidenceModel::figureIn(QStringLiteral("fits in 8 GiB")), qint64(8) * 1024 * 1024 * 1024);
    EXPECT_EQ(EvidenceModel::figureIn(QStringLiteral("137 million parameters")), -1);

    EvidenceModel model;
    auto tester = test::testModel(&model);
    QJsonArray statements{QJsonObject{{QStringLiteral("quote"), QStringLiteral("about 3.2 GB of VRAM")},
                                      {QStringLiteral("url"), QStringLiteral("https://example.org/card")}},
                          QJsonObject{{QStringLiteral("url"), QStringLiteral("no quote: skipped")}},
                          QJsonObject{{QStringLiteral("summary"), QStringLiteral("Docs: the 1.8-bit quant is 245GB")},
                                      {QStringLiteral("url"), QStringLiteral("https://example.org/docs")}}};
    model.setStatements(statements);
    ASSERT_EQ(model.rowCount(), 2); // the snapshot's summaries in our own words count as evidence too
    EXPECT_EQ(model.index(1, EvidenceModel::FigureColumn).data(BytesRole).toLongLong(), qint64(245e9));
    EXPECT_EQ(model.index(0, EvidenceModel::FigureColumn).data(BytesRole).toLongLong(), qint64(3.2e9));
    model.setComputedBytes(1000 * 1024 * 1024);
    EXPECT_TRUE(model.index(0, EvidenceModel::FigureColumn).data().toString().contains(QStringLiteral("computed")));
}

TEST(AuditModel, NewestFirstAndFilteredByModel)
{
    AuditModel model;
    auto tester = test::testModel(&model);
    QList<AuditEvent> events;
    for (int i = 0; i < 4; ++i) {
        AuditEvent e;
        e.seq = i + 1;
        e.when = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
        e.who = QStringLiteral("ada");
        e.action = QStringLiteral("set_override");
        e.model = i % 2 ? QStringLiteral("a/b") : QStringLiteral("c/d");
        e.detail = QJsonObject{{QStringLiteral("reason"), QStringLiteral("r%1").arg(i)}};
        events << e;
    }
    model.setEntries(events);
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_TRUE(model.index(0, AuditModel::DetailColumn).data().toString().contains(QStringLiteral("r3")));
    model.setEntries(events, QStringLiteral("a/b"));
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("set override"));
}
