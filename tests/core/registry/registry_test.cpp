// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/registry/registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace memspec;

namespace {

QJsonObject bundledJson()
{
    return QJsonDocument::fromJson(Registry::bundled().toJson()).object();
}

QByteArray withFirstModel(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = bundledJson();
    QJsonArray models = root.value(QStringLiteral("models")).toArray();
    QJsonObject first = models.at(0).toObject();
    edit(first);
    models.replace(0, first);
    root.insert(QStringLiteral("models"), models);
    return QJsonDocument(root).toJson();
}

} // namespace

TEST(Registry, BundledHasTwelveModels)
{
    const Registry r = Registry::bundled();
    ASSERT_EQ(r.size(), 12);
    EXPECT_NE(r.find(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2")), nullptr);
    EXPECT_NE(r.find(QStringLiteral("unsloth/phi-4-reasoning")), nullptr) << "alias used by the service's code";
    EXPECT_EQ(r.find(QStringLiteral("stella"))->key, QStringLiteral("dunzhang/stella_en_1.5B_v5"));
    EXPECT_EQ(r.find(QStringLiteral("nope/nothing")), nullptr);
    const RegistryEntry *flux = r.find(QStringLiteral("black-forest-labs/FLUX.1-schnell"));
    ASSERT_NE(flux, nullptr);
    EXPECT_EQ(flux->components.size(), 4);
    EXPECT_EQ(flux->docPath(), QStringLiteral("text_to_image/FLUX-SCHNELL.md"));
}

TEST(Registry, RoundTripsThroughJson)
{
    const Registry r = Registry::bundled();
    auto again = Registry::fromJson(r.toJson(), QStringLiteral("roundtrip"));
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    EXPECT_EQ(again->toJson(), r.toJson());
}

TEST(Registry, MissingFieldNamesEntryAndField)
{
    auto r = Registry::fromJson(withFirstModel([](QJsonObject &o) { o.remove(QStringLiteral("name")); }), QStringLiteral("reg.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("reg.json"))) << r.error().toStdString();
    EXPECT_TRUE(r.error().contains(QStringLiteral("dunzhang/stella_en_1.5B_v5"))) << r.error().toStdString();
    EXPECT_TRUE(r.error().contains(QStringLiteral("\"name\" is missing"))) << r.error().toStdString();
}

TEST(Registry, UnknownCapabilityIsRejected)
{
    auto r = Registry::fromJson(withFirstModel([](QJsonObject &o) { o.insert(QStringLiteral("capability"), QStringLiteral("telepathy")); }),
                                QStringLiteral("reg.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("\"capability\""))) << r.error().toStdString();
    EXPECT_TRUE(r.error().contains(QStringLiteral("telepathy"))) << r.error().toStdString();
}

TEST(Registry, DuplicateKeyIsRejected)
{
    QJsonObject root = bundledJson();
    QJsonArray models = root.value(QStringLiteral("models")).toArray();
    QJsonObject copy = models.at(1).toObject();
    copy.insert(QStringLiteral("short"), QStringLiteral("another"));
    copy.insert(QStringLiteral("aliases"), QJsonArray());
    models.append(copy);
    root.insert(QStringLiteral("models"), models);
    auto r = Registry::fromJson(QJsonDocument(root).toJson(), QStringLiteral("reg.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("duplicate"))) << r.error().toStdString();
    EXPECT_TRUE(r.error().contains(QStringLiteral("entry 12"))) << r.error().toStdString();
}

TEST(Registry, BrokenJsonNamesOffset)
{
    auto r = Registry::fromJson(QByteArrayLiteral("{\"schema\": 1, \"models\": [ {"), QStringLiteral("broken.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().startsWith(QStringLiteral("broken.json: broken JSON at byte"))) << r.error().toStdString();
}

TEST(Registry, BadComponentFormatIsRejected)
{
    auto r = Registry::fromJson(withFirstModel([](QJsonObject &o) {
                                    QJsonArray comps = o.value(QStringLiteral("components")).toArray();
                                    QJsonObject c = comps.at(0).toObject();
                                    c.insert(QStringLiteral("format"), QStringLiteral("pickle"));
                                    comps.replace(0, c);
                                    o.insert(QStringLiteral("components"), comps);
                                }),
                                QStringLiteral("reg.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("components[0].format"))) << r.error().toStdString();
}

TEST(Registry, WrongSchemaIsRejected)
{
    auto r = Registry::fromJson(QByteArrayLiteral("{\"schema\": 99, \"models\": []}"), QStringLiteral("x.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().contains(QStringLiteral("schema")));
}
