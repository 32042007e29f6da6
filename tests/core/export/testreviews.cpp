// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "testreviews.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonObject>

namespace memspec::testdata {

namespace {

Estimate estimate(const QString &key, QList<EstimateLine> lines, const QString &basis, qint64 context)
{
    Estimate e;
    e.model = key;
    e.estimatorVersion = QStringLiteral("test-1");
    e.parameters.runtime = QStringLiteral("candle");
    e.parameters.device = QStringLiteral("cuda");
    e.parameters.context = context;
    e.parameters.batch = 1;
    e.parameters.kvType = QStringLiteral("f16");
    e.parameters.flashAttention = false;
    e.parameters.marginPct = 10;
    e.lines = std::move(lines);
    for (const EstimateLine &l : e.lines) {
        e.totalBytes += l.bytes;
    }
    e.estMib = ((e.totalBytes + (1 << 20) - 1) / (1 << 20) + 99) / 100 * 100;
    e.basis = basis;
    e.notes << QStringLiteral("test note for %1").arg(key);
    e.ruleOfThumbBytes = e.totalBytes / 2;
    e.ruleOfThumb = QStringLiteral("params × 2 × 1.2");
    return e;
}

EstimateLine line(const char *id, qint64 bytes, const QString &derivation, const QStringList &sources = {})
{
    return EstimateLine{QLatin1String(id), bytes, derivation, sources};
}

RegistryEntry entry(const char *key, const char *name, Capability cap, const char *kind, const char *dtype, const char *doc,
                    const char *source, const char *provider)
{
    RegistryEntry e;
    e.key = QLatin1String(key);
    e.shortName = QString::fromLatin1(key).section(QLatin1Char('/'), 1).toLower();
    e.name = QLatin1String(name);
    e.capability = cap;
    e.provider = QLatin1String(provider);
    e.kind = QLatin1String(kind);
    e.runtime = QStringLiteral("candle");
    WeightComponent c;
    c.id = QStringLiteral("model");
    c.repo = e.key;
    c.files << QStringLiteral("model.safetensors");
    c.format = QStringLiteral("safetensors");
    c.dtypeCuda = QLatin1String(dtype);
    c.dtypeCpu = QStringLiteral("F32");
    c.role = e.kind;
    e.components << c;
    e.quantization = QLatin1String(dtype);
    e.docFile = QLatin1String(doc);
    e.sourceFile = QLatin1String(source);
    return e;
}

const qint64 M = 1 << 20;

} // namespace

QList<ModelReview> reviews()
{
    const QDateTime signedAt(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
    QList<ModelReview> out;

    ModelReview stella;
    stella.entry = entry("dunzhang/stella_en_1.5B_v5", "Stella EN 1.5B v5", Capability::TextEmbedding, "encoder", "F16",
                         "STELLA-EN-1.5B-V5.md", "capability/text_embedding/stella.rs", "Dunzhang");
    stella.entry.aliases << QStringLiteral("NovaSearch/stella_en_1.5B_v5");
    stella.estimate = estimate(stella.entry.key,
                               {line("weights", 2944 * M, QStringLiteral("model: 1,543,268,864 params × 2 B (F16)"),
                                     {QStringLiteral("model.safetensors: 6,173,113,776 B (exact size)")}),
                                line("kv_cache", 0, QStringLiteral("0: encoder keeps no KV cache")),
                                line("activations", 96 * M, QStringLiteral("8,192 tokens × 1,536 hidden × 4 B × 2")),
                                line("runtime_overhead", 0, QStringLiteral("none modelled")),
                                line("margin", 304 * M, QStringLiteral("10 % × 3,040 MiB = 304 MiB"))},
                               QStringLiteral("exact file sizes"), 8192);
    stella.signOff = SignOff{QStringLiteral("Ana Reviewer"), signedAt, 3400, QStringLiteral("sha256:5f2c0d9e"), {}};
    stella.status = ReviewStatus::Approved;
    out << stella;

    ModelReview phi;
    phi.entry = entry("microsoft/phi-4", "Phi-4 Reasoning Q4_K_M", Capability::TextToText, "decoder", "Q4_K_M",
                      "PHI-4-REASONING-Q4_K_M.md", "capability/text_to_text/phi4_reasoning.rs", "Microsoft");
    phi.entry.aliases << QStringLiteral("unsloth/phi-4-reasoning");
    phi.estimate = estimate(phi.entry.key,
                            {line("weights", 8479 * M, QStringLiteral("phi-4-reasoning-Q4_K_M.gguf as stored")),
                             line("kv_cache", 12800 * M, QStringLiteral("40 layers × 10 KV heads × 128 dims × 2 (K,V) × 32,768 tokens × 4 B (f32) = 12,800 MiB")),
                             line("activations", 500 * M, QStringLiteral("prefill chunk 512 × vocab 100,352 × 4 B + scratch")),
                             line("runtime_overhead", 1960 * M, QStringLiteral("token_embd dequantized to F32: 100,352 × 5,120 × 4 B")),
                             line("margin", 3561 * M, QStringLiteral("15 % × 23,739 MiB"))},
                            QStringLiteral("approximate file sizes"), 32768);
    phi.override = Override{28000, QStringLiteral("measured 26.1 GiB peak on an A100 at 32k context"), QStringLiteral("Bo"), signedAt};
    phi.status = ReviewStatus::Overridden;
    out << phi;

    ModelReview clip;
    clip.entry = entry("openai/clip-vit-base-patch32", "CLIP ViT Base Patch32", Capability::ImageEmbedding, "clip", "F32",
                       "CLIP-VIT-BASE-PATCH32.md", "capability/image_embedding/clip_vision.rs", "OpenAI");
    clip.estimate = estimate(clip.entry.key,
                             {line("weights", 577 * M, QStringLiteral("text + vision towers, \"as stored\", F32"),
                                   {QStringLiteral("model.safetensors, 605,157,884 B"), QStringLiteral("config.json | projection_dim")}),
                              line("kv_cache", 0, QStringLiteral("0: no KV cache")),
                              line("activations", 20 * M, QStringLiteral("50 image tokens,\n12 heads")),
                              line("runtime_overhead", 0, QStringLiteral("none")),
                              line("margin", 60 * M, QStringLiteral("10 % × 597 MiB"))},
                             QStringLiteral("exact file sizes"), 77);
    out << clip;

    ModelReview sd;
    sd.entry = entry("stabilityai/stable-diffusion-3.5-large-turbo", "SD 3.5 Large Turbo", Capability::TextToImage, "diffusion",
                     "F16", "SD-3.5-LARGE-TURBO.md", "capability/text_to_image/stable_diffusion_35_turbo/", "StabilityAI");
    sd.estimate = estimate(sd.entry.key,
                           {line("weights", 15538 * M, QStringLiteral("largest phase: MMDiT 8.1 B params × 2 B")),
                            line("kv_cache", 0, QStringLiteral("0: diffusion model keeps no KV cache")),
                            line("activations", 2048 * M, QStringLiteral("1024×1024 latents, VAE decode peak")),
                            line("runtime_overhead", 500 * M, QStringLiteral("CUDA context")),
                            line("margin", 3617 * M, QStringLiteral("20 % × 18,086 MiB"))},
                           QStringLiteral("approximate file sizes"), 77);
    sd.estimate.parameters.width = 1024;
    sd.estimate.parameters.height = 1024;
    sd.signOff = SignOff{QStringLiteral("Ana Reviewer"), signedAt, 21000, QStringLiteral("sha256:0b7e11aa"), {}};
    sd.status = ReviewStatus::Stale;
    sd.statusReasons << QStringLiteral("file sd3.5_large_turbo.safetensors changed size");
    out << sd;
    return out;
}

ModelFacts stellaFacts()
{
    ModelFacts f;
    f.key = QStringLiteral("dunzhang/stella_en_1.5B_v5");
    f.storedDtype = QStringLiteral("F32");
    f.configSource = QStringLiteral("config.json (test facts)");
    f.config = QJsonObject{{QStringLiteral("model_type"), QStringLiteral("qwen2")},
                           {QStringLiteral("hidden_size"), 1536},
                           {QStringLiteral("num_hidden_layers"), 28},
                           {QStringLiteral("num_attention_heads"), 12},
                           {QStringLiteral("num_key_value_heads"), 2},
                           {QStringLiteral("vocab_size"), 151646},
                           {QStringLiteral("max_position_embeddings"), 131072}};
    return f;
}

ExportInput input()
{
    ExportInput in;
    in.reviews = reviews();
    in.facts.insert(stellaFacts().key.toLower(), stellaFacts());
    return in;
}

QList<ModelReview> allApproved(QList<ModelReview> list)
{
    for (ModelReview &r : list) {
        r.signOff = SignOff{QStringLiteral("Ana Reviewer"), QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC),
                            r.effectiveMib(), QStringLiteral("sha256:test"), {}};
        r.status = ReviewStatus::Approved;
    }
    return list;
}

ModelReview reviewFor(const char *key, qint64 mib, bool approved)
{
    ModelReview r = reviews().at(2);
    r.entry.key = QLatin1String(key);
    r.entry.aliases.clear();
    r.estimate.estMib = mib;
    return approved ? allApproved({r}).first() : r;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool copyTree(const QString &src, const QString &dst)
{
    QDirIterator it(src, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!writeFile(QDir(dst).filePath(QDir(src).relativeFilePath(path)), readFile(path))) {
            return false;
        }
    }
    return true;
}

QString fixtureTree()
{
    return QStringLiteral(TEST_DATA_DIR "/rust-service");
}

} // namespace memspec::testdata
