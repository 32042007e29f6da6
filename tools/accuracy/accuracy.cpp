// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// docs/accuracy.md: the estimator against measured/public.json, record by record.
#include "accuracy.h"

#include "app/common/units.h"
#include "app/estimate/estimator.h"
#include "app/facts/factssnapshot.h"
#include "app/registry/registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace memspec {

namespace {

// deepseek-ai/DeepSeek-V3 config.json (published values; the registry has no DeepSeek model, Kimi K2 shares the
// architecture with 64 instead of 128 heads and 384 instead of 256 experts).
QJsonObject deepseekV3Config()
{
    return QJsonObject{{QStringLiteral("model_type"), QStringLiteral("deepseek_v3")},
                       {QStringLiteral("hidden_size"), 7168},
                       {QStringLiteral("num_hidden_layers"), 61},
                       {QStringLiteral("num_attention_heads"), 128},
                       {QStringLiteral("kv_lora_rank"), 512},
                       {QStringLiteral("q_lora_rank"), 1536},
                       {QStringLiteral("qk_rope_head_dim"), 64},
                       {QStringLiteral("qk_nope_head_dim"), 128},
                       {QStringLiteral("v_head_dim"), 128},
                       {QStringLiteral("vocab_size"), 129280},
                       {QStringLiteral("intermediate_size"), 18432},
                       {QStringLiteral("moe_intermediate_size"), 2048},
                       {QStringLiteral("n_routed_experts"), 256},
                       {QStringLiteral("num_experts_per_tok"), 8},
                       {QStringLiteral("n_shared_experts"), 1},
                       {QStringLiteral("first_k_dense_replace"), 3},
                       {QStringLiteral("max_position_embeddings"), 163840}};
}

double mibOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)\\s*MiB"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

// Sum of every number in "42314.45, 42634.02 MiB" style lists.
double sumList(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("([0-9]+\\.[0-9]+)"));
    double s = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        s += it.next().captured(1).toDouble();
    }
    return s;
}

// diffusers prints bytes / 1024³ labelled "GB": read as GiB.
double gibOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)\\s*GB"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toDouble() * 1024.0 : -1;
}

qint64 intSetting(const QJsonObject &s, const char *k, qint64 fallback)
{
    const QJsonValue v = s.value(QLatin1String(k));
    if (v.isDouble()) {
        return qint64(v.toDouble());
    }
    if (v.isString()) {
        static const QRegularExpression kre(QStringLiteral("^([0-9]+)k"));
        const auto m = kre.match(v.toString());
        if (m.hasMatch()) {
            return m.captured(1).toLongLong() * 1024;
        }
    }
    return fallback;
}

struct Measured
{
    double weights = -1;
    double kv = -1;
    double compute = -1;
    QStringList what;
};

Measured parseLlamaLog(const QJsonObject &m)
{
    Measured out;
    double weights = 0;
    double devCompute = -1;
    double hostCompute = 0;
    bool anyWeights = false;
    for (auto it = m.begin(); it != m.end(); ++it) {
        const QString k = it.key();
        const QString v = it.value().toString();
        if (k.contains(QLatin1String("model buffer"))) {
            weights += k.contains(QLatin1String("buffers")) ? sumList(v) : mibOf(v);
            anyWeights = true;
            out.what << QStringLiteral("%1 %2").arg(k, v.section(QLatin1Char(' '), 0, 1));
        } else if (k == QLatin1String("KV (MLA)") ||
                   (k.startsWith(QLatin1String("KV cache")) && !m.contains(QLatin1String("KV (MLA)")))) {
            if (out.kv < 0 || k == QLatin1String("KV cache total") || k == QLatin1String("KV (MLA)")) {
                out.kv = mibOf(v);
            }
        } else if (k.contains(QLatin1String("compute buffer"))) {
            const double x = mibOf(v);
            if (k.contains(QLatin1String("Host")) || k.startsWith(QLatin1String("CPU"))) {
                hostCompute += x;
            } else {
                devCompute = std::max(devCompute, x);
            }
        }
    }
    if (anyWeights) {
        out.weights = weights;
    }
    if (devCompute >= 0 || hostCompute > 0) {
        out.compute = std::max(0.0, devCompute) + hostCompute;
    }
    return out;
}

struct Job
{
    RegistryEntry entry;
    ModelFacts facts;
    EstimateParams params;
    Measured measured;
    bool compareWeights = true;
    bool compareCompute = true;
    bool compareTotal = true;
    bool weightsWithoutRepack = false; // a CPU build that does not repack Q4_K weights (ik_llama.cpp without -rtr)
    QString how;
};

QString fmt(double v)
{
    return QString::number(v, 'f', 2);
}

} // namespace

Result<AccuracyReport> accuracyReport(const QByteArray &json, const QString &sourceName, const Registry &registry,
                                      const FactsSnapshot &snap)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isArray()) {
        return Result<AccuracyReport>::failure(QStringLiteral("%1: not a JSON array of records (byte %2: %3)")
                                                   .arg(sourceName)
                                                   .arg(perr.offset)
                                                   .arg(perr.errorString()));
    }
    const RegistryEntry *qwen = registry.find(QStringLiteral("unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF"));
    const RegistryEntry *kimi = registry.find(QStringLiteral("unsloth/Kimi-K2-Instruct-GGUF"));
    const RegistryEntry *flux = registry.find(QStringLiteral("black-forest-labs/FLUX.1-schnell"));
    if (!qwen || !kimi || !flux || !snap.find(qwen->key) || !snap.find(flux->key)) {
        return Result<AccuracyReport>::failure(QStringLiteral(
            "the registry lacks Qwen3-Coder, Kimi K2 or FLUX.1-schnell, whose shapes the report borrows"));
    }
    AccuracyReport rep;
    QList<double> totalErrors;
    for (const QJsonValue &rv : doc.array()) {
        const QJsonObject r = rv.toObject();
        const QString id = r.value(QLatin1String("id")).toString();
        const QJsonObject s = r.value(QLatin1String("settings")).toObject();
        const QJsonObject m = r.value(QLatin1String("measured")).toObject();
        const QString variant = r.value(QLatin1String("variant_quant")).toString();
        Job job;
        job.params.runtime = QStringLiteral("llama.cpp");
        if (id.startsWith(QLatin1String("qwen3moe")) || id.startsWith(QLatin1String("deepseek"))) {
            if (!r.value(QLatin1String("runtime")).toString().contains(QLatin1String("llama.cpp"))) {
                rep.skipped << QStringLiteral("%1: %2 reports Ollama's own accounting (%3), not buffer sizes")
                                   .arg(id, r.value(QLatin1String("runtime")).toString(),
                                        m.keys().join(QStringLiteral(", ")));
                continue;
            }
            const bool ds = id.startsWith(QLatin1String("deepseek"));
            job.entry = ds ? *kimi : *qwen;
            job.entry.key = r.value(QLatin1String("model")).toString();
            job.entry.components = {job.entry.components.first()};
            job.entry.components[0].files = {QStringLiteral("record.gguf")};
            job.facts = ds ? ModelFacts{} : *snap.find(qwen->key);
            job.facts.key = job.entry.key;
            job.facts.components = {};
            job.facts.gguf = {};
            job.facts.config = ds ? deepseekV3Config() : job.facts.config;
            if (s.value(QLatin1String("mla")).isBool() && !s.value(QLatin1String("mla")).toBool()) {
                // a GGUF converted before llama.cpp's MLA support: plain per-head K (192) and V (128) for 128 heads
                job.facts.config.remove(QStringLiteral("kv_lora_rank"));
                job.facts.config.insert(QStringLiteral("num_key_value_heads"), 128);
                job.facts.config.insert(QStringLiteral("head_dim"), 192);
                job.facts.config.insert(QStringLiteral("v_head_dim"), 128);
            }
            static const QRegularExpression gib(QStringLiteral("([0-9]+\\.[0-9]+) GiB"));
            static const QRegularExpression gb(QStringLiteral("about ([0-9]+\\.[0-9]+) ?GB"));
            FileFact f{QStringLiteral("record.gguf"), std::nullopt, false, QString()};
            if (const auto mm = gib.match(variant); mm.hasMatch()) {
                // llama.cpp prints the tensor bytes with 3 decimals of GiB: the upper end of that rounding
                f.size = qint64(std::ceil((mm.captured(1).toDouble() + 0.0005) * double(GiB)));
                f.source = QStringLiteral("record: %1 GiB").arg(mm.captured(1));
            } else if (const auto mg = gb.match(variant); mg.hasMatch()) {
                f.size = qint64(std::ceil((mg.captured(1).toDouble() + 0.05) * 1e9));
                f.source = QStringLiteral("record: about %1 GB (upper end of the rounding)").arg(mg.captured(1));
            } else if (!ds) {
                const FileFact *coder = snap.find(qwen->key)->file(qwen->components.first().files.first());
                f.size = coder ? coder->size : std::nullopt;
                f.source = QStringLiteral("stand-in: Qwen3-Coder-30B-A3B Q4_K_M (same architecture and quant)");
            }
            if (f.size) {
                job.facts.files = {f};
            } else {
                job.compareWeights = false;
                job.compareTotal = false;
            }
            job.params.context = intSetting(s, "n_ctx", 4096);
            job.params.ubatch = intSetting(s, "n_ubatch", 512);
            job.params.flashAttention =
                s.value(QLatin1String("flash_attn")).toInt(0) != 0; // unstated: off (the default of those builds)
            job.params.kvType = s.value(QLatin1String("type_k")).toString(QStringLiteral("f16"));
            if (r.value(QLatin1String("hardware")).toString().contains(QLatin1String("CPU only"))) {
                job.params.device = QStringLiteral("cpu");
            }
            job.measured = parseLlamaLog(m);
            const QString runtimeName = r.value(QLatin1String("runtime")).toString();
            if (ds && !(s.value(QLatin1String("mla")).isBool() && !s.value(QLatin1String("mla")).toBool()) &&
                (runtimeName.contains(QLatin1String("ik_llama.cpp")) ||
                 runtimeName.contains(QLatin1String("MLA branch")))) {
                // ik_llama.cpp's MLA modes (and the early mainline MLA branch) decompress the latent into per-head K/V
                // in the compute buffer; mainline llama.cpp, the profile (checked against its own dry runs), absorbs it
                job.compareCompute = false;
                job.compareTotal = false;
            }
            job.weightsWithoutRepack = job.params.device == QLatin1String("cpu") &&
                                       runtimeName.contains(QLatin1String("ik_llama.cpp")) &&
                                       !s.value(QLatin1String("run_time_repack")).toBool();
            if (m.contains(QLatin1String("CPU_Mapped model buffer")) && s.contains(QLatin1String("override_tensor"))) {
                job.compareWeights =
                    false; // the whole file is mapped on the host and the non-expert tensors copied to the GPUs
                job.compareTotal = false;
            }
            if (job.measured.kv < 0 || job.measured.compute < 0 || job.measured.weights < 0) {
                job.compareTotal = false;
            }
            job.how =
                QStringLiteral("llama.cpp profile, %1 shape, ctx %2, prefill chunk %3, flash %4, KV %5%6")
                    .arg(ds ? QStringLiteral("DeepSeek-V3") : QStringLiteral("Qwen3-30B-A3B (Qwen3-Coder config)"))
                    .arg(*job.params.context)
                    .arg(*job.params.ubatch)
                    .arg(*job.params.flashAttention ? QStringLiteral("on") : QStringLiteral("off"))
                    .arg(job.params.kvType,
                         job.params.device == QLatin1String("cpu") ? QStringLiteral(", CPU") : QString());
        } else if (id == QLatin1String("flux-01") || id == QLatin1String("flux-02") || id == QLatin1String("flux-09") ||
                   id == QLatin1String("flux-11")) {
            job.entry = *flux;
            job.entry.key = r.value(QLatin1String("model")).toString();
            job.entry.serving.insert(QStringLiteral("t5_tokens"), 512);
            job.facts = *snap.find(flux->key);
            job.facts.components.insert(QStringLiteral("weights:vae"),
                                        QJsonObject{{QStringLiteral("storedDtype"), QStringLiteral("BF16")}});
            QList<WeightComponent> comps;
            for (WeightComponent c : flux->components) {
                if (c.id == QLatin1String("transformer")) {
                    c.files = {QStringLiteral("transformer/diffusion_pytorch_model-00001-of-00003.safetensors"),
                               QStringLiteral("transformer/diffusion_pytorch_model-00002-of-00003.safetensors"),
                               QStringLiteral("transformer/diffusion_pytorch_model-00003-of-00003.safetensors")};
                } else if (c.id == QLatin1String("vae")) {
                    c.files = {QStringLiteral("vae/diffusion_pytorch_model.safetensors")};
                } else if (id == QLatin1String("flux-09")) {
                    continue;
                }
                comps << c;
            }
            job.entry.components = id == QLatin1String("flux-09") ? QList<WeightComponent>{comps.first()} : comps;
            job.params.runtime = QStringLiteral("diffusers");
            job.params.offload =
                s.value(QLatin1String("offload")).toString().contains(QLatin1String("model_cpu_offload"))
                    ? QStringLiteral("model")
                    : QStringLiteral("none");
            job.params.width = 1024;
            job.params.height = 1024;
            for (auto it = m.begin(); it != m.end(); ++it) {
                const QString k = it.key().toLower();
                // diffusers prints bytes / 1024³ as "GB"; the benchmark suite's keys carry the unit ("mem_plain_GB":
                // "22.64")
                const double v = k.endsWith(QLatin1String("_gb")) ? it.value().toString().toDouble() * 1024.0
                                                                  : gibOf(it.value().toString());
                if (k.contains(QLatin1String("after loading")) && job.params.offload == QLatin1String("none")) {
                    job.measured.weights = v;
                } else if (k.contains(QLatin1String("peak")) || k.contains(QLatin1String("mem_plain"))) {
                    job.measured.compute = v; // the peak; compared as the total below
                }
            }
            job.how =
                QStringLiteral("diffusers profile, FLUX.1-schnell's components as FLUX.1-dev's (same architecture; dev "
                               "adds a small guidance embedder), T5 512 tokens, 1024×1024, offload %1%2")
                    .arg(job.params.offload,
                         id == QLatin1String("flux-09") ? QStringLiteral(", transformer only") : QString());
        } else {
            QString why = QStringLiteral("quantization backends (bitsandbytes, torchao, GGUF-in-diffusers, FP8 "
                                         "casting) are not modelled by the diffusers profile");
            if (id == QLatin1String("flux-13")) {
                why = QStringLiteral("tensor-parallel serving (sglang, 2 GPUs) is not a profile");
            } else if (id == QLatin1String("flux-14")) {
                why = QStringLiteral(
                    "component sizes as stated plus whole-GPU nvidia-smi totals, no pipeline run to compare");
            } else if (id == QLatin1String("llava-02") || id == QLatin1String("llava-03")) {
                why = QStringLiteral("llama.cpp's CLIP projector (mmproj) is not part of any registry model's runtime; "
                                     "LLaVA runs on candle");
            } else if (id == QLatin1String("llava-05")) {
                why = QStringLiteral("RobustVLM's own evaluation code with unstated context and generation length");
            }
            rep.skipped
                << QStringLiteral("%1 (%2, %3): %4").arg(id, r.value(QLatin1String("model")).toString(), variant, why);
            continue;
        }
        const Estimate e = Estimator::estimate(job.entry, &job.facts, job.params);
        double w = double(e.line(QStringLiteral("weights"))->bytes) / double(MiB);
        if (job.weightsWithoutRepack) {
            EstimateParams gpu = job.params; // the same weights without the CPU_REPACK copy
            gpu.device = QStringLiteral("cuda");
            w = double(Estimator::estimate(job.entry, &job.facts, gpu).line(QStringLiteral("weights"))->bytes) /
                double(MiB);
        }
        const double kv = double(e.line(QStringLiteral("kv_cache"))->bytes) / double(MiB);
        const double act = double(e.line(QStringLiteral("activations"))->bytes) / double(MiB);
        rep.covered << QStringLiteral("%1: %2 → est_memory_allocation_mb %3 with overhead and margin")
                           .arg(id, job.how)
                           .arg(e.estMib);
        auto add = [&](const char *line, double est, double meas) {
            if (meas > 0) {
                rep.rows << AccuracyRow{id, QLatin1String(line), est, meas, QString()};
            }
        };
        if (job.entry.kind == QLatin1String("diffusion")) {
            add("weights", w, job.measured.weights);
            if (job.measured.compute > 0) {
                add("total", w + act, job.measured.compute);
                totalErrors << rep.rows.last().errorPct();
            }
            continue;
        }
        if (job.compareWeights) {
            add("weights", w, job.measured.weights);
        }
        add("kv_cache", kv, job.measured.kv);
        if (job.compareCompute) {
            add("compute", act, job.measured.compute);
        }
        if (job.compareTotal) {
            add("total", w + kv + act, job.measured.weights + job.measured.kv + job.measured.compute);
            totalErrors << rep.rows.last().errorPct();
        }
    }
    rep.totals = int(totalErrors.size());
    for (double t : totalErrors) {
        rep.totalsUnder += t < 0 ? 1 : 0;
    }
    std::sort(totalErrors.begin(), totalErrors.end());
    if (!totalErrors.isEmpty()) {
        const auto n = totalErrors.size();
        rep.medianTotalOverPct =
            n % 2 ? totalErrors.at(n / 2) : (totalErrors.at(n / 2 - 1) + totalErrors.at(n / 2)) / 2;
    }

    QString md;
    md += QStringLiteral("# Estimator accuracy\n\nGenerated by `memspec-accuracy --measured %1 --out docs/accuracy.md` "
                         "(estimator %2). Do not edit by hand.\n\n")
              .arg(sourceName, Estimator::version());
    md += QStringLiteral(
        "Each record of the public calibration set that a runtime profile covers is estimated with the product's own "
        "estimator "
        "(a synthetic registry entry borrowing a registry model's shape; the weight size is the one the record "
        "prints). "
        "Lines are compared where the source separates them: llama.cpp `model buffer` sums (all devices) ↔ weights, "
        "`KV cache` ↔ kv_cache, compute buffers (largest device + host) ↔ activations; diffusers `memory after "
        "loading` ↔ weights "
        "and `peak memory` (GB printed = GiB) ↔ weights + activations. Totals are weights + KV + compute, without the "
        "runtime "
        "overhead line (CUDA context, not in these logs) and without the margin. Error = (estimate − measured) / "
        "measured. "
        "\"Prefill chunk\" is the studio's word for the tokens llama.cpp computes in one step, its own flag "
        "`--ubatch` (`n_ubatch` in its logs), named that way only where the flag itself is meant.\n\n");
    md += QStringLiteral("**Summary:** %1 totals compared, %2 under-estimated, median total over-estimate %3 %. Goal: "
                         "none under, median ≤ 10 %.\n\n")
              .arg(rep.totals)
              .arg(rep.totalsUnder)
              .arg(fmt(rep.medianTotalOverPct));
    md += QStringLiteral("| record | line | estimate (MiB) | measured (MiB) | error |\n|---|---|---:|---:|---:|\n");
    for (const AccuracyRow &row : rep.rows) {
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 % |\n")
                  .arg(row.record, row.line, fmt(row.estimateMib), fmt(row.measuredMib), fmt(row.errorPct()));
    }
    md += QStringLiteral("\n## How each record was estimated\n\n");
    for (const QString &c : rep.covered) {
        md += QStringLiteral("- %1\n").arg(c);
    }
    md += QStringLiteral("\n## Records no profile covers\n\n");
    for (const QString &c : rep.skipped) {
        md += QStringLiteral("- %1\n").arg(c);
    }
    md += QStringLiteral(
        "\n## Known deviations\n\n"
        "- MLA compute (DeepSeek records): ik_llama.cpp's MLA modes (`mla_attn`, chunked by `attn_max_b`) and the "
        "early "
        "mainline MLA branch decompress the cached latent into per-head K and V in the compute buffer; mainline "
        "llama.cpp, "
        "which the profile follows (checked against its own dry runs, see the last section), multiplies the query into "
        "the "
        "latent instead and has no per-token decompression. Their compute lines (and so their totals) are not "
        "compared.\n"
        "- qwen3moe-04 runs ik_llama.cpp on CPU without run-time repacking: its weights are compared without the "
        "CPU_REPACK "
        "copy mainline llama.cpp makes of Q4_K weights.\n"
        "- Flash attention is taken as off when a record does not state it (the default of those builds).\n"
        "- deepseek-10 is an experimental MLA branch that kept both the per-head and the latent cache; only its "
        "latent-cache "
        "line matches a current runtime.\n"
        "- flux-01 weights: FLUX.1-schnell's component sizes stand in for FLUX.1-dev's, which are slightly larger "
        "(guidance "
        "embedder), so the weights line is 0.1 % low; the peak is still covered.\n"
        "- Records with tensor overrides (`exps=CPU`) are compared as the sum over devices; the per-worker figure is "
        "that sum.\n"
        "- diffusers' denoiser activation coefficient (44 tensor-equivalents of tokens × hidden) is calibrated on "
        "flux-02; the VAE "
        "decode term (10 live full-resolution tensors of 256 channels) is checked by flux-01.\n");
    rep.markdown = md;
    return rep;
}

} // namespace memspec
