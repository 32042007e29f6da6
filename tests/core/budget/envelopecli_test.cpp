// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// `memspec fit` and `memspec curve` as real processes.
#include "tests/support/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

QJsonObject runJson(const QStringList &args, int wantExit = 0)
{
    static QTemporaryDir dir;
    const memspec::test::CliRun r = memspec::test::runCli(
        args, {.global = {QStringLiteral("--offline"), QStringLiteral("--project"), dir.filePath(QStringLiteral("p.json"))}});
    EXPECT_EQ(r.exitCode, wantExit) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

// The "done when": one worker on an H100 80GB gives every model but Kimi K2 a prompt limit whose figure is
// under the pool limit; Kimi K2 is host-RAM-only.
TEST(EnvelopeCli, FitOneWorkerOnH100)
{
    const QJsonObject o = runJson({QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"), QStringLiteral("--workers"),
                                   QStringLiteral("1"), QStringLiteral("--json")});
    EXPECT_EQ(o.value(QStringLiteral("capacity_mib")).toInteger(), 81559);
    EXPECT_EQ(o.value(QStringLiteral("limit_mib")).toInteger(), 63199);
    const QJsonArray models = o.value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 12);
    for (const QJsonValue &v : models) {
        const QJsonObject m = v.toObject();
        const QString key = m.value(QStringLiteral("model")).toString();
        if (key == QLatin1String("unsloth/Kimi-K2-Instruct-GGUF")) {
            EXPECT_FALSE(m.value(QStringLiteral("feasible")).toBool());
            EXPECT_TRUE(m.value(QStringLiteral("prompt_limit")).isNull());
            EXPECT_TRUE(m.value(QStringLiteral("smallest_target")).toString().startsWith(QStringLiteral("host RAM")));
            continue;
        }
        EXPECT_TRUE(m.value(QStringLiteral("feasible")).toBool()) << key.toStdString();
        EXPECT_GT(m.value(QStringLiteral("prompt_limit")).toInteger(), 0) << key.toStdString();
        EXPECT_LE(m.value(QStringLiteral("est_memory_allocation_mb")).toInteger(), 63199) << key.toStdString();
    }
}

TEST(EnvelopeCli, CurveIsMonotoneAndEndsAtTheLimit)
{
    const QJsonObject o = runJson({QStringLiteral("curve"), QStringLiteral("nvembed"), QStringLiteral("--json")});
    EXPECT_TRUE(o.value(QStringLiteral("monotone")).toBool());
    EXPECT_EQ(o.value(QStringLiteral("max_input_tokens")).toInteger(), 32768);
    const QJsonArray points = o.value(QStringLiteral("points")).toArray();
    ASSERT_EQ(points.size(), 7);   // 512 … 16384, 32768
    EXPECT_EQ(points.first().toObject().value(QStringLiteral("prompt_limit")).toInteger(), 512);
    EXPECT_EQ(points.last().toObject().value(QStringLiteral("prompt_limit")).toInteger(), 32768);
    for (qsizetype i = 1; i < points.size(); ++i) {
        EXPECT_GE(points.at(i).toObject().value(QStringLiteral("est_memory_allocation_mb")).toInteger(),
                  points.at(i - 1).toObject().value(QStringLiteral("est_memory_allocation_mb")).toInteger());
    }
    // A model whose prompt is fixed by the model has no curve, and says why.
    runJson({QStringLiteral("curve"), QStringLiteral("clip")}, 1);
}

TEST(EnvelopeCli, RejectsBadArguments)
{
    runJson({QStringLiteral("fit")}, 2);   // neither --gpu nor --capacity-mib
    runJson({QStringLiteral("fit"), QStringLiteral("--capacity-mib"), QStringLiteral("80000"), QStringLiteral("--workers"), QStringLiteral("9")}, 2);
    runJson({QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 80GB"), QStringLiteral("--apply")}, 2);   // no reason
    runJson({QStringLiteral("fit"), QStringLiteral("--gpu"), QStringLiteral("H100 90GB")}, 1);
}
