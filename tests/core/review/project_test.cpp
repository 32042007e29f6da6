// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/project.h"
#include "app/review/projectfile.h"
#include "app/review/workspace.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

const QString kStella = QStringLiteral("dunzhang/stella_en_1.5B_v5");
const QString kBert = QStringLiteral("sentence-transformers/all-MiniLM-L6-v2");
const QDateTime kWhen(QDate(2026, 11, 29), QTime(10, 30, 0), Qt::UTC);

// A project exercising every part of the schema, built through the real operations.
Project fullProject()
{
    auto ws = Workspace::openBundled();
    EXPECT_TRUE(ws.ok());
    Workspace w = ws.value();
    EstimateParams params;
    params.context = 32768;
    params.flashAttention = true;
    params.marginPct = 12.5;
    EXPECT_TRUE(w.setProject(w.withParameters(kStella, params, QStringLiteral("ann"), kWhen).value()).ok());
    EXPECT_TRUE(w.setProject(w.withOverride(kBert, 400, QStringLiteral("measured 350 MiB on an A10"),
                                            QStringLiteral("bob"), kWhen)
                                 .value())
                    .ok());
    EXPECT_TRUE(w.setProject(w.withSignOff(kBert, QStringLiteral("carol"), kWhen).value()).ok());
    RegistryEntry extra = *w.registry().find(kBert);
    extra.key = QStringLiteral("someone/mini-copy");
    extra.shortName = QStringLiteral("minicopy");
    extra.aliases.clear();
    EXPECT_TRUE(w.setProject(w.withRegistryEntry(extra, QStringLiteral("dan"), kWhen).value()).ok());
    EXPECT_TRUE(w.setProject(w.withoutRegistryEntry(QStringLiteral("openai/clip-vit-base-patch32"),
                                                    QStringLiteral("dan"), kWhen)
                                 .value())
                    .ok());
    return w.project();
}

QByteArray writeAndReadBack(const QByteArray &bytes, const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

} // namespace

TEST(Project, RoundTripKeepsEveryField)
{
    const Project p = fullProject();
    const QByteArray json = p.toJson();
    auto back = Project::fromJson(json, QStringLiteral("p.json"));
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back->toJson(), json); // byte-identical: stable key order
    EXPECT_EQ(back->audit.size(), 5);
    EXPECT_EQ(back->audit.at(0).action, QStringLiteral("set_parameters"));
    EXPECT_EQ(back->record(kStella).parameters.context, 32768);
    EXPECT_EQ(back->record(kStella).parameters.marginPct, 12.5);
    ASSERT_TRUE(back->record(kBert).override.has_value());
    EXPECT_EQ(back->record(kBert).override->mib, 400);
    EXPECT_EQ(back->record(kBert).override->when, kWhen);
    ASSERT_TRUE(back->record(kBert).signOff.has_value());
    EXPECT_EQ(back->record(kBert).signOff->approvedMib, 400);
    EXPECT_EQ(back->upsert.size(), 1);
    EXPECT_EQ(back->remove, QStringList{QStringLiteral("openai/clip-vit-base-patch32")});
    // The registry the project describes: 12 bundled - 1 removed + 1 added.
    EXPECT_EQ(back->registry(Registry::bundled()).size(), 12);
    EXPECT_TRUE(back->registry(Registry::bundled()).find(QStringLiteral("minicopy")));
}

TEST(Project, SerialisationIsStableAcrossInsertionOrder)
{
    Project a;
    Project b;
    ModelRecord r;
    r.parameters.batch = 2;
    a.models.insert(kStella, r);
    a.models.insert(kBert, r);
    b.models.insert(kBert, r);
    b.models.insert(kStella, r);
    EXPECT_EQ(a.toJson(), b.toJson());
    EXPECT_LT(a.toJson().indexOf("\"audit\""), a.toJson().indexOf("\"format\"")); // keys sorted
}

TEST(Project, MigratesFromSchemaOne)
{
    const QByteArray v1 = R"({
      "schema_version": 1,
      "parameters": {"dunzhang/stella_en_1.5B_v5": {"context": 16384}},
      "overrides": {"sentence-transformers/all-MiniLM-L6-v2": {"mib": 300, "reason": "measured", "who": "bob", "when": "2026-01-02T03:04:05Z"}},
      "approvals": {"sentence-transformers/all-MiniLM-L6-v2": {"reviewer": "carol", "when": "2026-01-03T00:00:00Z", "mib": 300,
                    "fingerprint": "sha256:00", "inputs": {"value_mib": 300}}}
    })";
    auto p = Project::fromJson(v1, QStringLiteral("old.json"));
    ASSERT_TRUE(p.ok()) << p.error().toStdString();
    EXPECT_EQ(p->registryBase, QStringLiteral("bundled"));
    EXPECT_EQ(p->record(kStella).parameters.context, 16384);
    ASSERT_TRUE(p->record(kBert).override);
    EXPECT_EQ(p->record(kBert).override->reason, QStringLiteral("measured"));
    ASSERT_TRUE(p->record(kBert).signOff);
    EXPECT_EQ(p->record(kBert).signOff->approvedMib, 300);
    EXPECT_EQ(p->record(kBert).signOff->reviewer, QStringLiteral("carol"));
    ASSERT_EQ(p->audit.size(), 1);
    EXPECT_EQ(p->audit.at(0).action, QStringLiteral("migrate"));
    EXPECT_EQ(p->audit.at(0).detail.value(QStringLiteral("from")).toInt(), 1);
    // Saved in the current schema.
    EXPECT_EQ(QJsonDocument::fromJson(p->toJson()).object().value(QStringLiteral("schema_version")).toInt(),
              Project::kSchemaVersion);
    // A migrated v1 approval whose inputs no longer match is shown stale, not approved.
    auto ws = Workspace::openBundled();
    Workspace w = ws.value();
    ASSERT_TRUE(w.setProject(p.value()).ok());
    EXPECT_EQ(w.review(kBert)->status, ReviewStatus::Stale);
}

struct BadFile
{
    const char *name;
    QByteArray bytes;
    const char *mustMention;
};

TEST(Project, BadFilesGiveAClearErrorAndOverwriteNothing)
{
    const QByteArray good = fullProject().toJson();
    const BadFile cases[] = {
        {"truncated", good.left(good.size() / 2), "truncated"},
        {"empty", QByteArray(), "broken JSON"},
        {"array", "[1,2]", "JSON object"},
        {"unknown version", R"({"format":"memspec-project","schema_version":99,"models":{}})", "schema_version 99"},
        {"version zero", R"({"format":"memspec-project","schema_version":0})", "unknown schema_version 0"},
        {"version text", R"({"format":"memspec-project","schema_version":"2"})", "schema_version"},
        {"wrong format", R"({"format":"other","schema_version":2})", "\"format\""},
        {"models not object", R"({"format":"memspec-project","schema_version":2,"models":[]})", "\"models\""},
        {"context string",
         R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"parameters":{"context":"big"}}}})",
         "models.a/b.parameters"},
        {"override mib text",
         R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"override":{"mib":"x","reason":"r","who":"w","when":"2026-01-01T00:00:00Z"}}}})",
         "models.a/b.override.mib"},
        {"override no reason",
         R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"override":{"mib":5,"who":"w","when":"2026-01-01T00:00:00Z"}}}})",
         "models.a/b.override.reason"},
        {"bad time",
         R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"override":{"mib":5,"reason":"r","who":"w","when":"yesterday"}}}})",
         "ISO 8601"},
        {"sign-off inputs missing",
         R"({"format":"memspec-project","schema_version":2,"models":{"a/b":{"sign_off":{"reviewer":"r","when":"2026-01-01T00:00:00Z","approved_mib":1,"fingerprint":"x"}}}})",
         "sign_off.inputs"},
        {"audit rewritten",
         R"({"format":"memspec-project","schema_version":2,"audit":[{"seq":2,"when":"2026-01-01T00:00:00Z","action":"x"}]})",
         "append-only"},
        {"registry base", R"({"format":"memspec-project","schema_version":2,"registry":{"base":"cloud"}})",
         "registry.base"},
        {"registry entry",
         R"({"format":"memspec-project","schema_version":2,"registry":{"base":"bundled","upsert":[{"key":"a/b"}]}})",
         "registry.upsert: entry 0 (a/b): field \"short\""},
    };
    QTemporaryDir dir;
    for (const BadFile &c : cases) {
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        const QByteArray onDisk = writeAndReadBack(c.bytes, path);
        auto direct = Project::fromJson(c.bytes, QStringLiteral("bad.json"));
        ASSERT_FALSE(direct.ok()) << c.name;
        EXPECT_TRUE(direct.error().contains(QLatin1String(c.mustMention)))
            << c.name << ": " << direct.error().toStdString();
        EXPECT_TRUE(direct.error().startsWith(QStringLiteral("bad.json"))) << c.name;
        // Opening the workspace on it fails and the file keeps its bytes.
        auto ws = Workspace::open(path);
        EXPECT_FALSE(ws.ok()) << c.name;
        ProjectFile file(path, dir.filePath(QStringLiteral("recovery")));
        EXPECT_FALSE(file.load().ok()) << c.name;
        // A save through a file that never loaded successfully refuses: the file exists and was never read.
        EXPECT_FALSE(file.save(Project{}).ok()) << c.name;
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_EQ(f.readAll(), onDisk) << c.name;
    }
}
