// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Mock repos that are NOT in the registry, for `memspec add`, `memspec estimate org/name` and the studio's Add model
// dialog: a GGUF repo with two quants (one split in parts), a single-file encoder, a sharded decoder with an index,
// a repo without weight files and a gated one. Names, configs and cards are made up for the mock; the weights are
// synthetic headers over virtual zeros (weightsynth.h).
#include "mockrepo.h"
#include "weightsynth.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec::mock {

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray card(const QString &id, const QString &what)
{
    return "---\nlicense: other\ntags:\n- memspec-mock\n---\n\n# " + id.toUtf8() + " (mock card)\n\n" + what.toUtf8() +
           "\nThe weights served here are zeros behind real headers.\n";
}

using Kv = QList<QPair<QString, QJsonValue>>;

// A small llama-shaped decoder in GGUF: Q4_K_M split in two parts (metadata in part 1) and Q8_0 in one file.
MockRepo tinyLlamaGguf()
{
    MockRepo r;
    r.id = QStringLiteral("mockorg/Tiny-Llama-1B-GGUF");
    r.pipelineTag = QStringLiteral("text-generation");
    r.addText(QStringLiteral("README.md"),
              card(r.id, QStringLiteral("A 16-layer llama-shaped decoder in two GGUF quants.")));
    const qint64 vocab = 32000;
    const QJsonObject hp{{QStringLiteral("hidden"), 2048},  {QStringLiteral("layers"), 16},
                         {QStringLiteral("heads"), 16},     {QStringLiteral("kv_heads"), 4},
                         {QStringLiteral("head_dim"), 128}, {QStringLiteral("ff"), 5632},
                         {QStringLiteral("vocab"), vocab}};
    const Kv meta{
        {QStringLiteral("general.architecture"), QStringLiteral("llama")},
        {QStringLiteral("general.name"), QStringLiteral("Tiny Llama 1B (mock)")},
        {QStringLiteral("llama.context_length"), 4096},
        {QStringLiteral("llama.embedding_length"), 2048},
        {QStringLiteral("llama.block_count"), 16},
        {QStringLiteral("llama.feed_forward_length"), 5632},
        {QStringLiteral("llama.attention.head_count"), 16},
        {QStringLiteral("llama.attention.head_count_kv"), 4},
        {QStringLiteral("llama.rope.dimension_count"), 128},
        {QStringLiteral("llama.attention.layer_norm_rms_epsilon"), 1e-5},
        {QStringLiteral("tokenizer.ggml.model"), QStringLiteral("llama")},
        {QStringLiteral("tokenizer.ggml.tokens"), QJsonObject{{QStringLiteral("__strings__"), double(vocab)},
                                                              {QStringLiteral("prefix"), QStringLiteral("tok")}}},
        {QStringLiteral("general.quantization_version"), 2}};
    QList<SynthTensor> plan = WeightSynth::ggufPlan(QStringLiteral("llama"), hp);
    // Q8_0: one file, padded to the size a Q8_0 of this shape would have.
    Kv q8 = meta;
    q8 << qMakePair(QStringLiteral("general.file_type"), QJsonValue(7));
    const SynthWeights whole = WeightSynth::gguf(q8, plan, 1'170'000'000);
    r.addLfs(QStringLiteral("tiny-llama-1b-Q8_0.gguf"), whole.fileSize, whole.header, true);
    // Q4_K_M: split in two parts.
    const int count = int(plan.size());
    const QList<SynthTensor> first = plan.mid(0, count / 2);
    const QList<SynthTensor> second = plan.mid(count / 2);
    for (int i = 0; i < 2; ++i) {
        Kv kv = i == 0 ? meta : Kv{};
        if (i == 0) {
            kv << qMakePair(QStringLiteral("general.file_type"), QJsonValue(15));
        }
        kv << qMakePair(QStringLiteral("split.no"), QJsonValue(QJsonObject{{QStringLiteral("__u16__"), i}}))
           << qMakePair(QStringLiteral("split.count"), QJsonValue(QJsonObject{{QStringLiteral("__u16__"), 2}}))
           << qMakePair(QStringLiteral("split.tensors.count"),
                        QJsonValue(QJsonObject{{QStringLiteral("__i32__"), count}}));
        const SynthWeights w = WeightSynth::gguf(kv, i == 0 ? first : second, 0);
        r.addLfs(QStringLiteral("tiny-llama-1b-Q4_K_M-%1-of-00002.gguf").arg(i + 1, 5, 10, QLatin1Char('0')),
                 w.fileSize, w.header, true);
    }
    return r;
}

QJsonObject encoderConfig()
{
    return {{QStringLiteral("architectures"), QJsonArray{QStringLiteral("BertModel")}},
            {QStringLiteral("model_type"), QStringLiteral("bert")},
            {QStringLiteral("hidden_size"), 384},
            {QStringLiteral("num_hidden_layers"), 6},
            {QStringLiteral("num_attention_heads"), 12},
            {QStringLiteral("intermediate_size"), 1536},
            {QStringLiteral("max_position_embeddings"), 512},
            {QStringLiteral("vocab_size"), 30522},
            {QStringLiteral("torch_dtype"), QStringLiteral("float32")}};
}

QJsonObject decoderConfig()
{
    return {{QStringLiteral("architectures"), QJsonArray{QStringLiteral("LlamaForCausalLM")}},
            {QStringLiteral("model_type"), QStringLiteral("llama")},
            {QStringLiteral("hidden_size"), 4096},
            {QStringLiteral("num_hidden_layers"), 32},
            {QStringLiteral("num_attention_heads"), 32},
            {QStringLiteral("num_key_value_heads"), 8},
            {QStringLiteral("intermediate_size"), 14336},
            {QStringLiteral("max_position_embeddings"), 8192},
            {QStringLiteral("vocab_size"), 32000},
            {QStringLiteral("torch_dtype"), QStringLiteral("bfloat16")}};
}

void addSafetensorsRepo(MockRepo &r, const QJsonObject &config, const QString &dtype, const QList<qint64> &shardSizes)
{
    r.addText(QStringLiteral("config.json"), json(config));
    qint64 total = 0;
    for (qint64 s : shardSizes) {
        total += s;
    }
    QList<SynthTensor> pool =
        WeightSynth::safetensorsPlan(config, dtype, QStringLiteral("model"), total - 300'000 * shardSizes.size());
    QJsonObject weightMap;
    for (int i = 0; i < shardSizes.size(); ++i) {
        const bool last = i + 1 == shardSizes.size();
        QList<SynthTensor> mine;
        qint64 used = 0;
        while (!pool.isEmpty() && (last || used + pool.first().bytes <= shardSizes[i] - 300'000)) {
            if (last && used + pool.first().bytes > shardSizes[i] - 300'000) {
                pool.removeFirst();
                continue;
            }
            used += pool.first().bytes;
            mine << pool.takeFirst();
        }
        const QString name = shardSizes.size() == 1 ? QStringLiteral("model.safetensors")
                                                    : QStringLiteral("model-%1-of-%2.safetensors")
                                                          .arg(i + 1, 5, 10, QLatin1Char('0'))
                                                          .arg(shardSizes.size(), 5, 10, QLatin1Char('0'));
        const SynthWeights w =
            WeightSynth::safetensors(mine, shardSizes[i], {{QStringLiteral("format"), QStringLiteral("pt")}});
        r.addLfs(name, w.fileSize, w.header, true);
        for (const SynthTensor &t : w.tensors) {
            weightMap.insert(t.name, name);
        }
    }
    if (shardSizes.size() > 1) {
        r.addText(QStringLiteral("model.safetensors.index.json"),
                  json({{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("total_size"), double(total)}}},
                        {QStringLiteral("weight_map"), weightMap}}));
    }
}

} // namespace

void MockRepoSet::addAddableRepos(MockRepoSet &set)
{
    set.add(tinyLlamaGguf());

    MockRepo embed;
    embed.id = QStringLiteral("mockorg/mini-embed-v1");
    embed.addText(QStringLiteral("README.md"),
                  card(embed.id, QStringLiteral("A 6-layer BERT-shaped sentence encoder.")));
    addSafetensorsRepo(embed, encoderConfig(), QStringLiteral("F32"), {90'900'000});
    set.add(embed);

    MockRepo sharded;
    sharded.id = QStringLiteral("mockorg/Sharded-Chat-7B");
    sharded.pipelineTag = QStringLiteral("text-generation");
    sharded.addText(QStringLiteral("README.md"),
                    card(sharded.id, QStringLiteral("A 32-layer decoder in three safetensors shards.")));
    addSafetensorsRepo(sharded, decoderConfig(), QStringLiteral("BF16"), {4'900'000'000, 4'900'000'000, 4'700'000'000});
    set.add(sharded);

    MockRepo none;
    none.id = QStringLiteral("mockorg/no-weights");
    none.addText(QStringLiteral("README.md"),
                 card(none.id, QStringLiteral("A repo with a card and a config but no weight files.")));
    none.addText(QStringLiteral("config.json"), json(encoderConfig()));
    set.add(none);

    MockRepo gated;
    gated.id = QStringLiteral("mockorg/gated-chat");
    gated.gated = QStringLiteral("manual");
    gated.addText(QStringLiteral("README.md"),
                  card(gated.id, QStringLiteral("A gated repo: accept its licence on the Hub first.")));
    addSafetensorsRepo(gated, encoderConfig(), QStringLiteral("F16"), {45'500'000});
    set.add(gated);
}

} // namespace memspec::mock
