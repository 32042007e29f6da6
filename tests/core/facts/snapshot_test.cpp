// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"

#include <gtest/gtest.h>

using namespace memspec;

TEST(FactsSnapshot, EveryBundledModelHasFacts)
{
    const Registry reg = Registry::bundled();
    auto snap = FactsSnapshot::load(reg);
    ASSERT_TRUE(snap.ok()) << snap.error().toStdString();
    for (const RegistryEntry &e : reg.entries()) {
        EXPECT_NE(snap->find(e.key), nullptr) << e.key.toStdString();
    }
}

TEST(FactsSnapshot, KeepsExactSizesAndSources)
{
    auto snap = FactsSnapshot::load(Registry::bundled());
    ASSERT_TRUE(snap.ok());
    const ModelFacts *f = snap->find(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"));
    ASSERT_NE(f, nullptr);
    const FileFact *w = f->file(QStringLiteral("model.safetensors"));
    ASSERT_NE(w, nullptr);
    ASSERT_TRUE(w->size.has_value());
    EXPECT_EQ(*w->size, 90868376);   // ../shared/facts/all-minilm-l6-v2.json
    EXPECT_TRUE(w->exact);
    EXPECT_FALSE(w->source.isEmpty());
    EXPECT_EQ(f->config.value(QStringLiteral("hidden_size")).toInt(), 384);
}

TEST(FactsSnapshot, MissingNumbersStayMissing)
{
    auto snap = FactsSnapshot::load(Registry::bundled());
    ASSERT_TRUE(snap.ok());
    // No source gave the size of the Phi-4-reasoning Q4_K_M file: it must not be invented.
    const ModelFacts *f = snap->find(QStringLiteral("microsoft/phi-4"));
    ASSERT_NE(f, nullptr);
    const FileFact *gguf = f->file(QStringLiteral("phi-4-reasoning-Q4_K_M.gguf"));
    EXPECT_TRUE(gguf == nullptr || !gguf->size.has_value() || !gguf->exact);
}

TEST(FactsSnapshot, RejectsBrokenAndNegative)
{
    EXPECT_FALSE(FactsSnapshot::parse("{", QStringLiteral("x.json")).ok());
    auto neg = FactsSnapshot::parse(R"({"key":"a/b","files":[{"path":"m.safetensors","size":-5}]})", QStringLiteral("x.json"));
    ASSERT_FALSE(neg.ok());
    EXPECT_TRUE(neg.error().contains(QStringLiteral("m.safetensors")));
}
