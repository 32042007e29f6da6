// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Hub data must not inflate the cache and every later command (issue 18 item 5): a hostile hub serves weight
// headers with a huge string, a huge array, very many keys or junk __metadata__, or a listing with junk entries;
// the refresh still succeeds, the cached facts stay within FactsBudget::kMaxFactsBytes, a note says what was kept
// in part (in the facts, the estimate and `memspec status`), the estimate is the clean one, and a later `memspec
// list` keeps a small peak RSS (measured on the child itself with wait4).
#include "mockprocess.h"
#include "tests/support/clirun.h"
#include "tests/support/hubtestenv.h"
#include "tests/support/sanitizers.h"

#include "app/estimate/estimator.h"
#include "app/facts/factsnotes.h"
#include "app/hub/factsbudget.h"

#include <cstdio>

using namespace memspec;
using memspec::test::CliOptions;
using memspec::test::CliRun;
using memspec::test::HubTestEnv;
using memspec::test::runCli;

namespace {

const QString kToken = QStringLiteral("hf_mock_approved");

struct Case
{
    const char *scenario;
    const char *arg;
    const char *model;
};

// memspec under peak_rss (runCli's measurePeakRss: the peak RSS of exactly that process, wait4). The mock hub, when
// one is needed, runs in its own process.
CliOptions measured()
{
    CliOptions o;
    o.env.insert(QStringLiteral("HF_TOKEN"), kToken);
    o.env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/nonexistent-hf-cache"));
    o.unset << QStringLiteral("HF_HUB_OFFLINE");
    o.timeoutMs = 300000;
    o.measurePeakRss = true;
    return o;
}

} // namespace

class HostileHeaders : public ::testing::TestWithParam<Case>
{
};

TEST_P(HostileHeaders, FactsStayBoundedSayWhatWasKeptInPartAndKeepTheEstimate)
{
    const Case c = GetParam();
    const RegistryEntry e = HubTestEnv::entry(QLatin1String(c.model));
    HubTestEnv clean(kToken);
    const RefreshOutcome a = clean.refresh(e, 60000);
    ASSERT_TRUE(a.ok) << a.error.toStdString();
    EXPECT_TRUE(factsNotes(a.facts).isEmpty()) << factsNotes(a.facts).join(QLatin1Char('\n')).toStdString();

    const QByteArray arg(c.arg);
    HubTestEnv env(kToken, mock::MockHub::hostileRepos(QLatin1String(c.scenario), arg));
    env.hub.setHostile(QLatin1String(c.scenario), arg); // the listing scenario plays on requests
    const RefreshOutcome o = env.refresh(e, 180000);
    ASSERT_TRUE(o.ok) << o.error.toStdString();
    const QByteArray cached = env.cacheFile(e.key);
    EXPECT_GT(cached.size(), 0);
    EXPECT_LE(cached.size(), FactsBudget::kMaxFactsBytes);
    const QStringList notes = factsNotes(o.facts);
    ASSERT_FALSE(notes.isEmpty());
    EXPECT_TRUE(notes.join(QLatin1Char('\n')).contains(QLatin1String("kept in part")))
        << notes.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(cached.contains("kept in part"));

    const Estimate ea = Estimator::estimate(e, &a.facts, {});
    const Estimate eb = Estimator::estimate(e, &o.facts, {});
    EXPECT_EQ(eb.totalBytes, ea.totalBytes);
    EXPECT_EQ(eb.basis, ea.basis);
    for (const QString &n : notes) {
        EXPECT_TRUE(eb.notes.contains(n)) << n.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, HostileHeaders,
    ::testing::Values(Case{"gguf-huge-string", "24@unsloth/Phi-4-reasoning-GGUF", "microsoft/phi-4"},
                      Case{"gguf-huge-array", "24@unsloth/Phi-4-reasoning-GGUF", "microsoft/phi-4"},
                      Case{"gguf-many-keys", "300000@unsloth/Phi-4-reasoning-GGUF", "microsoft/phi-4"},
                      Case{"gguf-huge-string", "4@unsloth/Kimi-K2-Instruct-GGUF", "unsloth/Kimi-K2-Instruct-GGUF"},
                      Case{"safetensors-junk-metadata", "20@sentence-transformers/all-MiniLM-L6-v2",
                           "sentence-transformers/all-MiniLM-L6-v2"},
                      // 15,000 junk files: kept in part; above 20,000 the listing is refused outright
                      // (Hostile.ModelInfoWithJunkSiblingsIsRefused).
                      Case{"siblings-junk", "15000", "sentence-transformers/all-MiniLM-L6-v2"}),
    [](const ::testing::TestParamInfo<Case> &i) {
        return QString::fromLatin1(i.param.scenario).remove(QLatin1Char('-')).toStdString() + std::to_string(i.index);
    });

// The budget itself: facts within it are left alone; a listing of 100k junk files is cut to the files the
// registry names and kMaxListedFiles others, with a note.
TEST(FactsBudget, LeavesSmallFactsAloneAndCutsAJunkListing)
{
    ModelFacts f;
    f.key = QStringLiteral("org/model");
    f.files << FileFact{QStringLiteral("model.safetensors"), 1000, true, QStringLiteral("hub")};
    ModelFacts small = f;
    FactsBudget::fit(&small, {QStringLiteral("model.safetensors")});
    EXPECT_TRUE(factsNotes(small).isEmpty());
    EXPECT_EQ(small.files.size(), 1);
    for (int i = 0; i < 100'000; ++i) {
        f.files << FileFact{QStringLiteral("junk/%1.bin").arg(i), 1, true, QStringLiteral("hub listing junk")};
    }
    f.files << FileFact{QStringLiteral("last.safetensors"), 2000, true, QStringLiteral("hub")};
    FactsBudget::fit(&f, {QStringLiteral("model.safetensors"), QStringLiteral("last.safetensors")});
    EXPECT_LE(FactsBudget::bytes(f), FactsBudget::kMaxFactsBytes);
    EXPECT_EQ(f.files.size(), FactsBudget::kMaxListedFiles + 2);
    EXPECT_NE(f.file(QStringLiteral("last.safetensors")), nullptr);
    ASSERT_EQ(factsNotes(f).size(), 1);
    EXPECT_TRUE(factsNotes(f).first().contains(QLatin1String("100,002 listed files, 1,002 kept")))
        << factsNotes(f).first().toStdString();
}

// The CLI end to end against the standalone mock: refresh from a hostile hub, then `list` and `status` read the
// cache as every later command does. Peak RSS of `list` stays that of a clean cache (about 20 MB), not hundreds.
class HostileHeadersCli : public ::testing::TestWithParam<Case>
{
};

TEST_P(HostileHeadersCli, LaterCommandsStaySmallAndShowTheNote)
{
    const Case c = GetParam();
    test::MockProcess mockHub({QStringLiteral("--hostile"), QLatin1String(c.scenario), QStringLiteral("--hostile-arg"),
                               QLatin1String(c.arg)});
    ASSERT_FALSE(mockHub.url.isEmpty()) << "the standalone mock hub did not start";
    QTemporaryDir dir;
    const QStringList global{QStringLiteral("--endpoint"),  mockHub.url,
                             QStringLiteral("--cache-dir"), dir.path() + QStringLiteral("/cache"),
                             QStringLiteral("--project"),   dir.path() + QStringLiteral("/p.json")};
    const CliRun refresh = runCli(global + QStringList{QStringLiteral("refresh"), QLatin1String(c.model)}, measured());
    ASSERT_EQ(refresh.exitCode, 0) << refresh.err.toStdString();
    const QFileInfo facts(HubCache(dir.path() + QStringLiteral("/cache")).factsPath(QLatin1String(c.model)));
    EXPECT_LE(facts.size(), FactsBudget::kMaxFactsBytes);
    const CliRun list = runCli(global + QStringList{QStringLiteral("--offline"), QStringLiteral("list")}, measured());
    ASSERT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.contains(QByteArray(c.model))) << list.out.toStdString();
    EXPECT_GT(list.peakRssKiB, 0);
    if (test::kPeakRssIsOurs) {
        EXPECT_LT(list.peakRssKiB, 64 * 1024) << "memspec list peak RSS " << list.peakRssKiB << " KiB";
    }
    const CliRun status =
        runCli(global + QStringList{QStringLiteral("--offline"), QStringLiteral("status")}, measured());
    ASSERT_EQ(status.exitCode, 0) << status.err.toStdString();
    EXPECT_TRUE(status.out.contains("    note: ") && status.out.contains("kept in part")) << status.out.toStdString();
    std::printf("[ hostile ] %s %s: refresh peak RSS %lld KiB, facts %lld bytes, list peak RSS %lld KiB\n", c.scenario,
                c.arg, refresh.peakRssKiB, facts.size(), list.peakRssKiB);
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileHeadersCli,
                         ::testing::Values(Case{"gguf-huge-string", "24@unsloth/Phi-4-reasoning-GGUF",
                                                "microsoft/phi-4"},
                                           Case{"siblings-junk", "15000", "sentence-transformers/all-MiniLM-L6-v2"}),
                         [](const ::testing::TestParamInfo<Case> &i) {
                             return QString::fromLatin1(i.param.scenario).remove(QLatin1Char('-')).toStdString();
                         });
