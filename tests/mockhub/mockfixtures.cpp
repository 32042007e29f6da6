// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The mock hub's repos for the 12 registry models. File names and sizes come from resources/registry.json and the
// bundled snapshot; where a size is unknown a plausible one is picked and marked (MockFile::sizeAssumed). Cards are
// short texts written for the mock. Weight headers are synthesised from the configs; tensor data is virtual zeros.
#include "mockrepo.h"
#include "weightsynth.h"

#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace memspec::mock {

namespace {

using Kv = QList<QPair<QString, QJsonValue>>;

QJsonValue strings(qint64 count, const char *prefix)
{
    return QJsonObject{{QStringLiteral("__strings__"), double(count)},
                       {QStringLiteral("prefix"), QLatin1String(prefix)}};
}

QString storedDtype(const ModelFacts *facts)
{
    const QString s = facts ? facts->storedDtype : QString();
    for (const char *d : {"BF16", "F16", "F32"}) {
        if (s.startsWith(QLatin1String(d))) {
            return QLatin1String(d);
        }
    }
    return QStringLiteral("F16");
}

QByteArray card(const RegistryEntry &e, const ModelFacts *facts, const QString &memoryNote)
{
    QByteArray c = "---\nlicense: other\nlibrary_name: mock\ntags:\n- memspec-mock\n---\n\n# " + e.name.toUtf8() +
                   " (mock card)\n\nThis card was written for the MemSpec mock hub. It describes the " +
                   e.name.toUtf8() + " fixture served at `" + e.key.toUtf8() + "`; the weights here are zeros.\n\n";
    if (!memoryNote.isEmpty()) {
        c += "## Hardware\n\n" + memoryNote.toUtf8() + "\n\n";
    }
    c += "| field | value |\n|---|---|\n| stored dtype | " + storedDtype(facts).toUtf8() + " |\n";
    return c;
}

QString memoryNote(const QString &shortName)
{
    if (shortName == QLatin1String("bert-minilm")) {
        return QStringLiteral("Runs on CPU; on a GPU it needs about 0.2 GB of VRAM.");
    }
    if (shortName == QLatin1String("stella")) {
        return QStringLiteral("Inference needs about 3 GB of VRAM in half precision.");
    }
    if (shortName == QLatin1String("llava")) {
        return QStringLiteral("Plan for roughly 15 GB of GPU memory at FP16.");
    }
    if (shortName.contains(QLatin1String("qwen3"))) {
        return QStringLiteral("The Q4_K_M file needs about 19 GB of RAM or VRAM plus the KV cache.");
    }
    return {};
}

QList<SynthTensor> takeUpTo(QList<SynthTensor> &pool, qint64 budget, bool last)
{
    QList<SynthTensor> out;
    qint64 used = 0;
    while (!pool.isEmpty() && (last || used + pool.first().bytes <= budget)) {
        if (last && used + pool.first().bytes > budget) {
            pool.removeFirst(); // what does not fit anywhere is dropped; the filler keeps the size exact
            continue;
        }
        used += pool.first().bytes;
        out << pool.takeFirst();
    }
    return out;
}

qint64 sizeOf(const ModelFacts *facts, const QString &path, bool *assumed, qint64 fallback)
{
    if (facts) {
        if (const FileFact *f = facts->file(path); f && f->size) {
            *assumed = !f->exact;
            return *f->size;
        }
    }
    *assumed = true;
    return fallback;
}

void addSafetensors(MockRepo &repo, const WeightComponent &c, const ModelFacts *facts, const QJsonObject &config)
{
    const QString dtype = c.repo.compare(facts ? facts->key : QString(), Qt::CaseInsensitive) == 0
                              ? storedDtype(facts)
                              : QStringLiteral("BF16");
    QList<qint64> sizes;
    QList<bool> assumed;
    qint64 total = 0;
    for (const QString &path : c.files) {
        bool a = false;
        const qint64 s = sizeOf(facts, path, &a, 1'000'000'000);
        sizes << s;
        assumed << a;
        total += s;
    }
    const QString prefix = c.id == QLatin1String("model") ? QStringLiteral("model") : c.id;
    QList<SynthTensor> pool = WeightSynth::safetensorsPlan(config, dtype, prefix, total - 300'000 * c.files.size());
    QJsonObject weightMap;
    for (int i = 0; i < c.files.size(); ++i) {
        const bool last = i + 1 == c.files.size();
        const QList<SynthTensor> mine = takeUpTo(pool, sizes[i] - 300'000, last);
        const SynthWeights w =
            WeightSynth::safetensors(mine, sizes[i], {{QStringLiteral("format"), QStringLiteral("pt")}});
        repo.addLfs(c.files[i], w.fileSize, w.header, assumed[i]);
        for (const SynthTensor &t : w.tensors) {
            weightMap.insert(t.name, c.files[i].section(QLatin1Char('/'), -1));
        }
    }
    if (!c.index.isEmpty()) {
        const QJsonObject index{
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("total_size"), double(total)}}},
            {QStringLiteral("weight_map"), weightMap}};
        repo.addText(c.index, QJsonDocument(index).toJson(QJsonDocument::Indented));
    }
}

Kv ggufKv(const QString &arch, const QJsonObject &snapshotKv, qint64 vocab)
{
    Kv kv;
    kv << qMakePair(QStringLiteral("general.architecture"), QJsonValue(arch));
    for (auto it = snapshotKv.begin(); it != snapshotKv.end(); ++it) {
        const QJsonValue v = it.value();
        if (it.key() == QLatin1String("general.architecture") || !it.key().contains(QLatin1Char('.'))) {
            continue;
        }
        if (v.isDouble() || v.isBool() || (v.isString() && !v.toString().contains(QLatin1Char('(')))) {
            kv << qMakePair(it.key(), v);
        }
    }
    kv << qMakePair(QStringLiteral("tokenizer.ggml.model"), QJsonValue(QStringLiteral("gpt2")))
       << qMakePair(QStringLiteral("tokenizer.ggml.tokens"), strings(vocab, "tok"))
       << qMakePair(QStringLiteral("tokenizer.ggml.token_type"),
                    QJsonValue(QJsonObject{{QStringLiteral("__i32s__"), double(vocab)}}))
       << qMakePair(QStringLiteral("tokenizer.ggml.merges"), strings(vocab - 256, "m e"))
       << qMakePair(QStringLiteral("general.quantization_version"), QJsonValue(2))
       << qMakePair(QStringLiteral("general.file_type"), QJsonValue(15));
    return kv;
}

void addGguf(MockRepo &repo, const RegistryEntry &e, const ModelFacts *facts)
{
    const WeightComponent &c = e.components.first();
    const QJsonObject snapKv = facts ? facts->gguf.value(QLatin1String("gguf_metadata")).toObject() : QJsonObject();
    if (e.shortName.contains(QLatin1String("phi"))) {
        const QJsonObject hp{{QStringLiteral("hidden"), 5120},  {QStringLiteral("layers"), 40},
                             {QStringLiteral("heads"), 40},     {QStringLiteral("kv_heads"), 10},
                             {QStringLiteral("head_dim"), 128}, {QStringLiteral("ff"), 17920},
                             {QStringLiteral("vocab"), 100352}};
        const QJsonObject kv{{QStringLiteral("phi3.context_length"), 32768},
                             {QStringLiteral("phi3.embedding_length"), 5120},
                             {QStringLiteral("phi3.block_count"), 40},
                             {QStringLiteral("phi3.feed_forward_length"), 17920},
                             {QStringLiteral("phi3.attention.head_count"), 40},
                             {QStringLiteral("phi3.attention.head_count_kv"), 10},
                             {QStringLiteral("phi3.rope.dimension_count"), 128},
                             {QStringLiteral("phi3.attention.layer_norm_rms_epsilon"), 1e-5}};
        const SynthWeights w = WeightSynth::gguf(ggufKv(QStringLiteral("phi3"), kv, 100352),
                                                 WeightSynth::ggufPlan(QStringLiteral("phi3"), hp), 0);
        repo.addLfs(c.files.first(), w.fileSize, w.header, true);
        return;
    }
    if (c.files.size() == 1) { // Qwen3-Coder 30B-A3B
        const QJsonObject hp{
            {QStringLiteral("hidden"), 2048}, {QStringLiteral("layers"), 48},     {QStringLiteral("heads"), 32},
            {QStringLiteral("kv_heads"), 4},  {QStringLiteral("head_dim"), 128},  {QStringLiteral("ff"), 5472},
            {QStringLiteral("experts"), 128}, {QStringLiteral("expert_ff"), 768}, {QStringLiteral("vocab"), 151936}};
        bool assumed = false;
        const qint64 size = sizeOf(facts, c.files.first(), &assumed, 0);
        const SynthWeights w = WeightSynth::gguf(ggufKv(QStringLiteral("qwen3moe"), snapKv, 151936),
                                                 WeightSynth::ggufPlan(QStringLiteral("qwen3moe"), hp), size);
        repo.addLfs(c.files.first(), w.fileSize, w.header, assumed);
        return;
    }
    // Kimi K2: a deepseek2 MoE split in parts; metadata and tokenizer in part 1 only.
    const QJsonObject hp{{QStringLiteral("hidden"), 7168},    {QStringLiteral("layers"), 61},
                         {QStringLiteral("heads"), 64},       {QStringLiteral("ff"), 18432},
                         {QStringLiteral("experts"), 384},    {QStringLiteral("expert_ff"), 2048},
                         {QStringLiteral("dense_layers"), 1}, {QStringLiteral("vocab"), 163840}};
    QList<SynthTensor> pool = WeightSynth::ggufPlan(QStringLiteral("deepseek2"), hp);
    qint64 total = 0;
    for (const SynthTensor &t : pool) {
        total += t.bytes;
    }
    const int parts = int(c.files.size());
    const int tensorCount = int(pool.size());
    for (int i = 0; i < parts; ++i) {
        const bool last = i + 1 == parts;
        QList<SynthTensor> mine;
        qint64 used = 0;
        while (!pool.isEmpty() && (last || used < total / parts)) {
            used += pool.first().bytes;
            mine << pool.takeFirst();
        }
        Kv kv = i == 0 ? ggufKv(QStringLiteral("deepseek2"), snapKv, 163840) : Kv{};
        if (i == 0) {
            kv << qMakePair(QStringLiteral("deepseek2.attention.head_count_kv"), QJsonValue(1));
        }
        kv << qMakePair(QStringLiteral("split.no"), QJsonValue(QJsonObject{{QStringLiteral("__u16__"), i}}))
           << qMakePair(QStringLiteral("split.count"), QJsonValue(QJsonObject{{QStringLiteral("__u16__"), parts}}))
           << qMakePair(QStringLiteral("split.tensors.count"),
                        QJsonValue(QJsonObject{{QStringLiteral("__i32__"), tensorCount}}));
        const SynthWeights w = WeightSynth::gguf(kv, mine, 0);
        repo.addLfs(c.files[i], w.fileSize, w.header, true);
    }
}

// Other files the snapshot lists (tokenizers, other formats) appear in listings with their sizes.
void addListedFiles(MockRepo &repo, const ModelFacts *facts)
{
    if (!facts) {
        return;
    }
    for (const FileFact &f : facts->files) {
        if (!f.size || repo.file(f.path) || f.path.contains(QLatin1Char(' ')) || f.path.contains(QLatin1Char('{'))) {
            continue;
        }
        if (*f.size > 1'000'000 || f.path.endsWith(QLatin1String(".bin")) ||
            f.path.endsWith(QLatin1String(".safetensors"))) {
            repo.addLfs(f.path, *f.size, QByteArray(), !f.exact);
        } else if (f.path.endsWith(QLatin1String(".json"))) {
            QByteArray text = "{}";
            text.append(QByteArray(qMax<qint64>(0, *f.size - 3), ' ')).append('\n');
            repo.addText(f.path, text.left(*f.size));
        }
    }
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

MockRepo &repoFor(std::map<QString, MockRepo> &repos, const QString &id)
{
    MockRepo &r = repos[id.toLower()];
    if (r.id.isEmpty()) {
        r.id = id;
    }
    return r;
}

} // namespace

std::shared_ptr<const MockRepoSet> MockRepoSet::registryFixtures()
{
    static const std::shared_ptr<const MockRepoSet> set = [] {
        const Registry registry = Registry::bundled();
        const auto snapshot = FactsSnapshot::load(registry);
        std::map<QString, MockRepo> repos; // node-based: references stay valid while repos are added
        for (const RegistryEntry &e : registry.entries()) {
            const ModelFacts *facts = snapshot ? snapshot->find(e.key) : nullptr;
            MockRepo &main = repoFor(repos, e.key);
            main.gated = facts && facts->gated.value_or(false) ? QStringLiteral("manual") : QString();
            main.pipelineTag = e.capability == Capability::TextToText ? QStringLiteral("text-generation") : QString();
            main.addText(QStringLiteral("README.md"), card(e, facts, memoryNote(e.shortName)));
            const QJsonObject config = facts ? facts->config : QJsonObject();
            if (!config.isEmpty() && e.kind != QLatin1String("diffusion")) {
                main.addText(QStringLiteral("config.json"), json(config));
            }
            if (e.kind == QLatin1String("diffusion")) {
                main.addText(
                    QStringLiteral("model_index.json"),
                    json(facts ? facts->components.value(QLatin1String("model_index")).toObject() : QJsonObject()));
            }
            if (e.kind == QLatin1String("encoder")) {
                QJsonArray modules{
                    QJsonObject{{QStringLiteral("idx"), 0},
                                {QStringLiteral("name"), QStringLiteral("0")},
                                {QStringLiteral("path"), QString()},
                                {QStringLiteral("type"), QStringLiteral("sentence_transformers.models.Transformer")}},
                    QJsonObject{{QStringLiteral("idx"), 1},
                                {QStringLiteral("name"), QStringLiteral("1")},
                                {QStringLiteral("path"), QStringLiteral("1_Pooling")},
                                {QStringLiteral("type"), QStringLiteral("sentence_transformers.models.Pooling")}}};
                main.addText(QStringLiteral("modules.json"), QJsonDocument(modules).toJson());
                main.addText(
                    QStringLiteral("1_Pooling/config.json"),
                    json({{QStringLiteral("word_embedding_dimension"), config.value(QLatin1String("hidden_size"))},
                          {QStringLiteral("pooling_mode_mean_tokens"), true}}));
            }
            for (const WeightComponent &c : e.components) {
                MockRepo &repo = repoFor(repos, c.repo);
                if (&repo != &main && !repo.file(QStringLiteral("README.md"))) {
                    repo.addText(QStringLiteral("README.md"),
                                 "# " + c.repo.toUtf8() + " (mock card)\n\nA component fixture.\n");
                }
                if (c.format == QLatin1String("gguf")) {
                    addGguf(repo, e, facts);
                    continue;
                }
                QJsonObject ccfg = &repo == &main ? config
                                                  : QJsonObject{{QStringLiteral("hidden_size"), 4096},
                                                                {QStringLiteral("num_hidden_layers"), 24}};
                if (c.id != QLatin1String("model")) {
                    const QJsonObject fromSnap = facts ? facts->components.value(c.id).toObject() : QJsonObject();
                    ccfg = fromSnap.isEmpty() ? QJsonObject{{QStringLiteral("hidden_size"), 3072}} : fromSnap;
                }
                addSafetensors(repo, c, facts, ccfg);
                const QString folder = c.files.first().contains(QLatin1Char('/'))
                                           ? c.files.first().section(QLatin1Char('/'), 0, -2) + QLatin1Char('/')
                                           : QString();
                if (!folder.isEmpty() && !repo.file(folder + QStringLiteral("config.json"))) {
                    repo.addText(folder + QStringLiteral("config.json"), json(ccfg));
                }
                if (&repo != &main && !repo.file(QStringLiteral("config.json"))) {
                    repo.addText(QStringLiteral("config.json"), json(ccfg));
                }
            }
            addListedFiles(main, facts);
        }
        auto out = std::make_shared<MockRepoSet>();
        for (auto &[id, r] : repos) {
            out->add(r);
        }
        out->setRename(QStringLiteral("NovaSearch/stella_en_1.5B_v5"), QStringLiteral("dunzhang/stella_en_1.5B_v5"));
        addAddableRepos(*out);
        return std::shared_ptr<const MockRepoSet>(out);
    }();
    return set;
}

qint64 MockRepoSet::registryHeaderBytes(const MockRepoSet &set)
{
    qint64 sum = 0;
    const Registry registry = Registry::bundled();
    for (const RegistryEntry &e : registry.entries()) {
        for (const WeightComponent &c : e.components) {
            const MockRepo *r = set.find(c.repo);
            for (const QString &p : c.files) {
                if (const MockFile *f = r ? r->file(p) : nullptr) {
                    sum += f->headerBytes;
                }
            }
        }
    }
    return sum;
}

} // namespace memspec::mock
