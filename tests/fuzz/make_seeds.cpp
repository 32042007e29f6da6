// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Writes small seed corpora for the fuzzers: OUT/gguf, OUT/safetensors, OUT/config, OUT/frontmatter.
#include "tests/support/formatfixtures.h"

#include <QDir>
#include <QFile>

#include <cstdio>

using namespace memspec::fixtures;

namespace {

bool put(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QDir().mkpath(dir);
    QFile f(dir + QLatin1Char('/') + name);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    bool ok = true;
    const QString g = out + QStringLiteral("/gguf");
    ok &= put(g, QStringLiteral("types-v2.gguf"), everyValueTypeGguf(2).headerBytes());
    ok &= put(g, QStringLiteral("types-v3.gguf"), everyValueTypeGguf(3).headerBytes());
    LlamaGgufRecipe r;
    r.vocab = 40;
    r.merges = 10;
    r.layers = 1;
    r.embd = 256;
    r.ff = 256;
    r.alignment = 64;
    ok &= put(g, QStringLiteral("llama.gguf"), llamaGguf(r).headerBytes());
    const QList<GgufWriter> split = splitLlamaGguf(r, 2);
    ok &= put(g, QStringLiteral("split-2.gguf"), split[1].headerBytes());

    const QString s = out + QStringLiteral("/safetensors");
    ok &= put(s, QStringLiteral("dtypes.safetensors"), everyDtypeSafetensors().headerBytes());
    const auto shards = shardedSafetensors(2, 2);
    ok &= put(s, QStringLiteral("shard.safetensors"), shards[0].second.headerBytes());
    QList<std::pair<QString, const SafetensorsWriter *>> refs;
    for (const auto &sh : shards) {
        refs.append({sh.first, &sh.second});
    }
    ok &= put(s, QStringLiteral("index.json"), SafetensorsWriter::indexJson(refs));

    const QString c = out + QStringLiteral("/config");
    ok &= put(c, QStringLiteral("llama.json"),
              "{\"model_type\":\"llama\",\"hidden_size\":4096,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
              "\"num_key_value_heads\":8,\"intermediate_size\":14336,\"vocab_size\":128256,"
              "\"max_position_embeddings\":131072,\"head_dim\":128}");
    ok &= put(c, QStringLiteral("llava.json"),
              "{\"model_type\":\"llava\",\"text_config\":{\"model_type\":\"llama\",\"hidden_size\":4096,"
              "\"num_hidden_layers\":32},\"vision_config\":{\"hidden_size\":1024}}");
    ok &= put(c, QStringLiteral("deepseek.json"),
              "{\"model_type\":\"deepseek_v3\",\"hidden_size\":7168,\"num_hidden_layers\":61,\"kv_lora_rank\":512,"
              "\"qk_rope_head_dim\":64,\"qk_nope_head_dim\":128,\"v_head_dim\":128,\"n_routed_experts\":384,"
              "\"num_experts_per_tok\":8,\"moe_intermediate_size\":2048,\"sliding_window\":null}");

    const QString m = out + QStringLiteral("/frontmatter");
    ok &= put(m, QStringLiteral("card.md"),
              "---\nlicense: apache-2.0\ntags: [gguf, \"llama\"]\nbase_model:\n  - org/a\nmodel-index:\n  - name: x\n"
              "    results: []\nx: &x {a: 1}\ny: *x\n---\n# Model\n\nNeeds ~16-24 GB VRAM or 8 GiB RAM.\n");
    ok &= put(m, QStringLiteral("plain.md"), "# No front matter\n\n3.2 GB of GPU memory\n");
    ok &= put(m, QStringLiteral("yaml.yml"), "a: [1, 2, {b: c}]\nd: |\n  text\ne: 1.5e3\n");
    return ok ? 0 : 1;
}
