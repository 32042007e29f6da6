// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Each area logs under its own category; what used to be dropped in silence (a refresh cache file that cannot be
// read, a text file that cannot be cached, a GPU catalog that does not load) is logged.
#include "app/budget/budgetlog.h"
#include "app/budget/gpucatalog.h"
#include "app/export/exportlog.h"
#include "app/facts/factslog.h"
#include "app/facts/factssnapshot.h"
#include "app/facts/hubcache.h"
#include "app/hub/hublog.h"
#include "app/registry/registry.h"
#include "app/review/reviewlog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

struct Logged
{
    QString category;
    QtMsgType type;
    QString text;
};

QList<Logged> g_logged;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    g_logged << Logged{QString::fromUtf8(context.category ? context.category : ""), type, text};
}

// Collects what is logged while it lives.
class LogCapture
{
public:
    LogCapture() : m_previous(qInstallMessageHandler(capture)) { g_logged.clear(); }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    QList<Logged> in(const char *category) const
    {
        QList<Logged> out;
        for (const Logged &l : std::as_const(g_logged)) {
            if (l.category == QLatin1String(category)) {
                out << l;
            }
        }
        return out;
    }

private:
    QtMessageHandler m_previous;
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

TEST(Logging, EachAreaHasItsCategory)
{
    EXPECT_STREQ(lcFacts().categoryName(), "memspec.facts");
    EXPECT_STREQ(lcBudget().categoryName(), "memspec.budget");
    EXPECT_STREQ(lcReview().categoryName(), "memspec.review");
    EXPECT_STREQ(lcHub().categoryName(), "memspec.hub");
    EXPECT_STREQ(lcExport().categoryName(), "memspec.export");
}

TEST(Logging, SkippedRefreshCacheFileIsLoggedAndAbsentOnesAreNot)
{
    const Registry registry = Registry::bundled();
    ASSERT_GE(registry.entries().size(), 2);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const HubCache cache(dir.path());
    const QString broken = cache.factsPath(registry.entries().at(0).key);
    ASSERT_TRUE(writeFile(broken, "{\"facts\": "));

    auto snapshot = FactsSnapshot::load(registry);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().toStdString();
    LogCapture log;
    EXPECT_EQ(cache.overlay(registry, &snapshot.value()), 0);
    const QList<Logged> facts = log.in("memspec.facts");
    ASSERT_EQ(facts.size(), 1) << "one broken file, every other model absent";
    EXPECT_EQ(facts.at(0).type, QtWarningMsg);
    EXPECT_TRUE(facts.at(0).text.contains(QLatin1String("skipped refresh cache file"))) << facts.at(0).text.toStdString();
    EXPECT_TRUE(facts.at(0).text.contains(broken)) << facts.at(0).text.toStdString();
}

TEST(Logging, TextFileThatCannotBeCachedIsLogged)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const HubCache cache(dir.path());
    const QString commit(40, QLatin1Char('a'));
    LogCapture log;
    cache.storeTextFile(QStringLiteral("org/model"), commit, QStringLiteral("../escape.md"), "x");
    // a folder where the file would go: the write fails
    ASSERT_TRUE(QDir().mkpath(dir.filePath(QStringLiteral("repos/org--model/") + commit + QStringLiteral("/README.md"))));
    cache.storeTextFile(QStringLiteral("org/model"), commit, QStringLiteral("README.md"), "card");
    const QList<Logged> facts = log.in("memspec.facts");
    ASSERT_EQ(facts.size(), 2);
    EXPECT_TRUE(facts.at(0).text.contains(QLatin1String("../escape.md"))) << facts.at(0).text.toStdString();
    EXPECT_TRUE(facts.at(1).text.contains(QLatin1String("README.md"))) << facts.at(1).text.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("escape.md"))));
}

TEST(Logging, CatalogFailureIsLoggedNamingTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString broken = dir.filePath(QStringLiteral("gpus.json"));
    ASSERT_TRUE(writeFile(broken, "[{\"label\": "));
    LogCapture log;
    EXPECT_FALSE(GpuCatalog::fromFile(broken).ok());
    EXPECT_FALSE(GpuCatalog::fromFile(dir.filePath(QStringLiteral("absent.json"))).ok());
    EXPECT_TRUE(GpuCatalog::bundled().ok());
    const QList<Logged> budget = log.in("memspec.budget");
    ASSERT_EQ(budget.size(), 2) << "the two failures, not the bundled catalog";
    EXPECT_EQ(budget.at(0).type, QtWarningMsg);
    EXPECT_TRUE(budget.at(0).text.contains(broken)) << budget.at(0).text.toStdString();
    EXPECT_TRUE(budget.at(1).text.contains(QLatin1String("absent.json"))) << budget.at(1).text.toStdString();
}
