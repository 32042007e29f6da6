// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "modeldocwriter.h"

#include "app/budget/poolrule.h"
#include "app/common/units.h"
#include "app/estimate/envelope.h"
#include "app/estimate/estimatorparts.h"
#include "app/export/docsources.h"
#include "app/export/exporttext.h"
#include "app/formats/dtype.h"
#include "app/formats/modelshape.h"

#include <QFileDevice>
#include <QRegularExpression>

namespace memspec {

namespace {

using exporttext::cell;

QString known(qint64 v)
{
    return v > 0 ? groupDigits(v) : QStringLiteral("not known");
}

QString componentText(const WeightComponent &c)
{
    return QStringLiteral("%1 (`%2`: %3, %4 on CUDA)").arg(c.id, c.repo, c.files.join(QStringLiteral(", ")), c.dtypeCuda);
}

// Parameters: exact from tensor headers, else derived from the weights line when every component loads one float
// dtype and the weights are fully known; else not known.
QString parameterText(const ModelReview &r, const ModelFacts *facts)
{
    if (facts && !facts->headers.isEmpty()) {
        qint64 n = 0;
        for (const WeightHeaderFact &h : facts->headers) {
            for (const TensorFact &t : h.tensors) {
                n += t.elements;
            }
        }
        return QStringLiteral("%1 (sum of tensor elements in the weight headers)").arg(groupDigits(n));
    }
    if (facts && r.entry.kind != QLatin1String("diffusion")) {
        QString how;
        const qint64 fromConfig = parameterCount(ModelShape::fromConfig(facts->config), &how);
        if (fromConfig > 0) {
            return QStringLiteral("≈ %1 (from config.json: %2)").arg(groupDigits(fromConfig), how);
        }
    }
    // The cross-check counts parameters too (from the config or the weights line): the same count, never "not known".
    static const QRegularExpression crossCheck(QStringLiteral("^([\\d,]+) params \\(([^)]*)\\)"));
    if (const QRegularExpressionMatch m = crossCheck.match(r.estimate.ruleOfThumb); m.hasMatch()) {
        return QStringLiteral("≈ %1 (%2)").arg(m.captured(1), m.captured(2));
    }
    const EstimateLine *w = r.estimate.line(QStringLiteral("weights"));
    QString dtype;
    for (const WeightComponent &c : r.entry.components) {
        if (!dtype.isEmpty() && c.dtypeCuda != dtype) {
            return QStringLiteral("not known (components load different dtypes; a refresh reads the tensor headers)");
        }
        dtype = c.dtypeCuda;
    }
    const double bpe = bytesPerElement(dtype);
    const bool floatDtype = dtype.startsWith(QLatin1Char('F')) || dtype.startsWith(QLatin1String("BF"));
    if (!w || w->bytes <= 0 || bpe <= 0 || !floatDtype || r.estimate.basis.contains(QLatin1String("incomplete"))) {
        return QStringLiteral("not known (a refresh reads the tensor headers)");
    }
    const double billions = double(w->bytes) / bpe / 1e9;
    return QStringLiteral("≈ %1 B (derived: weight bytes ÷ %2 B per %3 value)").arg(billions, 0, 'f', 2).arg(bpe).arg(dtype);
}

void architecture(QString &md, const ModelReview &r, const ModelFacts *facts)
{
    const ModelShape s = facts ? ModelShape::fromConfig(facts->config) : ModelShape{};
    md += QStringLiteral("## Architecture\n\n| Property | Value |\n|---|---|\n");
    // Some facts carry a note after the model_type; the type is the first word.
    const QString arch = s.architecture.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    const QString type = arch.isEmpty() ? QStringLiteral("not known") : QStringLiteral("`%1`").arg(arch);
    md += QStringLiteral("| Type | %1 (%2) |\n").arg(type, r.entry.kind);
    md += QStringLiteral("| Parameters | %1 |\n").arg(cell(parameterText(r, facts)));
    md += QStringLiteral("| Hidden size | %1 |\n").arg(known(s.hiddenSize));
    md += QStringLiteral("| Layers | %1 |\n").arg(known(s.numLayers));
    QString heads = known(s.numHeads);
    if (s.numKvHeads > 0 && s.numKvHeads != s.numHeads) {
        heads += QStringLiteral(" (%1 KV heads)").arg(s.numKvHeads);
    }
    md += QStringLiteral("| Attention heads | %1 |\n").arg(heads);
    if (s.numExperts > 0) {
        md += QStringLiteral("| Experts | %1 routed, %2 per token |\n").arg(s.numExperts).arg(known(s.numExpertsPerToken));
    }
    if (s.kvLoraRank > 0) {
        md += QStringLiteral("| Attention | MLA, KV LoRA rank %1, RoPE dims %2 |\n").arg(s.kvLoraRank).arg(known(s.qkRopeHeadDim));
    }
    md += QStringLiteral("| Vocabulary | %1 |\n").arg(known(s.vocabSize));
    md += QStringLiteral("| Max positions (config) | %1 |\n").arg(known(s.maxPositions));
    md += QStringLiteral("| Quantization (as served) | %1 |\n").arg(cell(r.entry.quantization));
    if (facts && !facts->storedDtype.isEmpty()) {
        const QString stored = docsources::clean(facts->storedDtype, docsources::ownRepos(r.entry));
        if (!stored.isEmpty()) {
            md += QStringLiteral("| Checkpoint dtype | %1 |\n").arg(cell(stored));
        }
    }
    md += QStringLiteral("\nConfig source: %1\n\n").arg(docsources::configSource(r.entry, facts));
}

void perPrecision(QString &md, const ModelReview &r)
{
    const EstimateLine *w = r.estimate.line(QStringLiteral("weights"));
    bool allFloat = !r.entry.components.isEmpty();
    QString dtype;
    for (const WeightComponent &c : r.entry.components) {
        allFloat = allFloat && (c.dtypeCuda == QLatin1String("F16") || c.dtypeCuda == QLatin1String("BF16") || c.dtypeCuda == QLatin1String("F32"));
        dtype = dtype.isEmpty() || dtype == c.dtypeCuda ? c.dtypeCuda : QStringLiteral("mixed");
    }
    md += QStringLiteral("### Weights per precision\n\n");
    if (!w || w->bytes <= 0) {
        md += QStringLiteral("Not known: the weight bytes are missing from the facts (see the breakdown).\n\n");
        return;
    }
    if (!allFloat) {
        md += QStringLiteral("The runtime keeps the quantized weights as stored (%1): %2. Other precisions would be other files "
                             "and are not estimated here.\n\n")
                  .arg(r.entry.quantization, formatMib(w->bytes));
        return;
    }
    if (dtype == QLatin1String("mixed")) {
        QStringList parts;
        for (const WeightComponent &c : r.entry.components) {
            parts << QStringLiteral("%1 %2").arg(c.id, c.dtypeCuda);
        }
        md += QStringLiteral("Components load different dtypes (%1): %2 in total. Per-precision figures are given for "
                             "single-dtype models only.\n\n")
                  .arg(parts.join(QStringLiteral(", ")), formatMib(w->bytes));
        return;
    }
    const double bpe = bytesPerElement(dtype);
    md += QStringLiteral("Scaled from the weights line (%1 at %2); weights only, without KV cache, activations or margin.\n\n"
                         "| Precision | Weights | |\n|---|---:|---|\n")
              .arg(formatMib(w->bytes), dtype);
    for (const char *p : {"F32", "F16", "BF16", "Q8_0"}) {
        const QString name = QLatin1String(p);
        const qint64 bytes = qint64(double(w->bytes) / bpe * bytesPerElement(name));
        md += QStringLiteral("| %1 | %2 | %3 |\n").arg(name, formatMib(bytes), name == dtype ? QStringLiteral("served") : QString());
    }
    md += QLatin1Char('\n');
}

void servingParameters(QString &md, const ModelReview &r)
{
    const EstimateParams &p = r.estimate.parameters;
    const QString none = QStringLiteral("—");
    auto number = [&](const std::optional<qint64> &v) { return v ? groupDigits(*v) : none; };
    md += QStringLiteral("### Serving parameters\n\nThe figure holds for these parameters (`memspec estimate` takes the same "
                         "ones); change one and the figure changes.\n\n| Parameter | Value |\n|---|---|\n");
    md += QStringLiteral("| Runtime | `%1` |\n| Device | `%2` |\n").arg(p.runtime, p.device);
    md += QStringLiteral("| Compute dtype | %1 |\n").arg(p.computeDtype.isEmpty() ? QStringLiteral("as loaded") : p.computeDtype);
    if (r.entry.capability == Capability::TextToImage) {
        md += QStringLiteral("| Resolution | %1×%2 |\n").arg(p.width.value_or(0)).arg(p.height.value_or(0));
        md += QStringLiteral("| Batch (images) | %1 |\n").arg(number(p.batch));
        md += QStringLiteral("| Residency | %1 |\n| Offload | %2 |\n")
                  .arg(p.residency.isEmpty() ? none : p.residency, p.offload.isEmpty() ? none : p.offload);
        if (p.dropT5) {
            md += QStringLiteral("| T5 text encoder | %1 |\n").arg(*p.dropT5 ? QStringLiteral("dropped") : QStringLiteral("loaded"));
        }
    } else {
        md += QStringLiteral("| Context (prompt limit) | %1 tokens |\n").arg(number(p.context));
        md += QStringLiteral("| Batch | %1 |\n").arg(number(p.batch));
        md += QStringLiteral("| Prefill chunk | %1 tokens per forward pass |\n").arg(number(p.ubatch));
        md += QStringLiteral("| Flash attention | %1 |\n")
                  .arg(p.flashAttention ? (*p.flashAttention ? QStringLiteral("on") : QStringLiteral("off")) : none);
        md += QStringLiteral("| KV cache dtype | %1 |\n").arg(p.kvType.isEmpty() ? none : p.kvType);
    }
    md += QStringLiteral("| Margin | %1 % |\n\n").arg(p.marginPct ? QString::number(*p.marginPct) : none);
}

void memory(QString &md, const ModelReview &r)
{
    const Estimate &e = r.estimate;
    const QStringList own = docsources::ownRepos(r.entry);
    const qint64 value = r.effectiveMib();
    md += QStringLiteral("## Memory Requirements\n\n"
                         "> **Critical for the worker pool.** `est_memory_allocation_mb` is what the pool checks before it starts a "
                         "worker: `allocated + est_memory_allocation_mb ≤ 0.80 × total − 2048` (MiB). Each worker loads its own "
                         "copy of the weights, so the figure is per worker. Too low lets workers start that then run out of "
                         "memory; 0 disables the check.\n\n");
    md += QStringLiteral("| | |\n|---|---|\n");
    md += QStringLiteral("| `est_memory_allocation_mb` | **%1** MiB per worker (%2) |\n").arg(value).arg(exporttext::statusLabel(r));
    md += QStringLiteral("| Prompt limit | %1: the figure holds for prompts up to this length (`max_input_tokens`) |\n")
              .arg(exporttext::promptLimit(r));
    md += QStringLiteral("| Serving envelope | %1 |\n").arg(Envelope::of(r.entry, e).describe());
    md += QStringLiteral("| Estimated total | %1 (%2 B) before rounding up to a multiple of 100 MiB |\n")
              .arg(formatMib(e.totalBytes), groupDigits(e.totalBytes));
    if (r.override) {
        md += QStringLiteral("| Computed value | %1 MiB (replaced by the override below) |\n").arg(e.estMib);
    }
    md += QStringLiteral("| Recommended VRAM (or RAM) | %1 MiB for one worker, %2 MiB for two (the pool's cold start), under the "
                         "rule above |\n")
              .arg(groupDigits(PoolRule::capacityFor(value)), groupDigits(PoolRule::capacityFor(2 * value)));
    md += QStringLiteral("| Basis | %1 |\n").arg(cell(docsources::clean(e.basis, own)));
    md += QLatin1Char('\n');
    servingParameters(md, r);
    perPrecision(md, r);
    md += QStringLiteral("### Breakdown\n\n| Line | MiB | Bytes | Derivation | Sources |\n|---|---:|---:|---|---|\n");
    for (const EstimateLine &l : e.lines) {
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                  .arg(l.id, formatMib(l.bytes), groupDigits(l.bytes), cell(docsources::clean(l.derivation, own)),
                       cell(docsources::clean(l.sources, own).join(QStringLiteral("; "))));
    }
    md += QStringLiteral("| **total** | **%1** | **%2** | sum of the lines | |\n\n").arg(formatMib(e.totalBytes), groupDigits(e.totalBytes));
    md += QStringLiteral("Rounded up to the next multiple of 100 MiB: **%1**.").arg(e.estMib);
    if (!e.ruleOfThumb.isEmpty()) {
        md += QStringLiteral(" Cross-check only (the seed's rule of thumb, not the estimate): %1 = %2.")
                  .arg(e.ruleOfThumb, formatMib(e.ruleOfThumbBytes));
    }
    md += QStringLiteral("\n\n");
}

void performance(QString &md, const ModelReview &r)
{
    const EstimateParams &p = r.estimate.parameters;
    md += QStringLiteral("## Performance\n\nMemSpec does not measure throughput or latency. The serving parameters above "
                         "also set the cost of each request.\n\n");
    const EstimateLine *kv = r.estimate.line(QStringLiteral("kv_cache"));
    if (kv && kv->bytes > 0 && p.context && *p.context > 0) {
        const qint64 perToken = kv->bytes / (*p.context * p.batch.value_or(1));
        md += QStringLiteral("- KV cache: %1 per token of context\n\n").arg(formatBytes(perToken));
    }
}

void usage(QString &md, const ModelReview &r)
{
    md += QStringLiteral("## Usage Notes\n\n");
    md += QStringLiteral("- The service's static for this model lives in `%1` and is matched by its `registry_key`").arg(r.entry.sourceFile);
    if (!r.entry.aliases.isEmpty()) {
        QStringList quoted;
        for (const QString &a : r.entry.aliases) {
            quoted << QStringLiteral("`%1`").arg(a);
        }
        md += QStringLiteral(" (`%1`, or the alias %2)").arg(r.entry.key, quoted.join(QStringLiteral(", ")));
    }
    md += QStringLiteral(".\n- Write the value into the service with `memspec apply-rust --source-tree DIR`; CI checks it with "
                         "`memspec check --source-tree DIR`.\n");
    for (const QString &n : docsources::clean(r.estimate.notes, docsources::ownRepos(r.entry))) {
        md += QStringLiteral("- %1\n").arg(n);
    }
    for (const QString &s : r.statusReasons) {
        md += QStringLiteral("- Review: %1\n").arg(s);
    }
    md += QLatin1Char('\n');
}

void footer(QString &md, const ModelReview &r)
{
    const QString none = QStringLiteral("—");
    const bool signedOff = r.signOff.has_value();
    md += QStringLiteral("## Review\n\n| | |\n|---|---|\n");
    md += QStringLiteral("| Status | %1 |\n").arg(exporttext::statusLabel(r));
    md += QStringLiteral("| Reviewer | %1 |\n").arg(signedOff ? cell(r.signOff->reviewer) : none);
    md += QStringLiteral("| Date | %1 |\n").arg(signedOff ? r.signOff->when.toUTC().toString(Qt::ISODate) : none);
    md += QStringLiteral("| Input fingerprint | %1 |\n").arg(signedOff ? QStringLiteral("`%1`").arg(r.signOff->fingerprint) : none);
    md += QStringLiteral("| Approved value | %1 |\n").arg(signedOff ? QStringLiteral("%1 MiB").arg(r.signOff->approvedMib) : none);
    md += QStringLiteral("| Override reason | %1 |\n")
              .arg(r.override ? cell(QStringLiteral("%1 MiB: %2").arg(r.override->mib).arg(r.override->reason)) : none);
    md += QStringLiteral("| Estimator | %1 |\n").arg(r.estimate.estimatorVersion.isEmpty() ? none : r.estimate.estimatorVersion);
    md += QStringLiteral("\n*Generated by memspec; do not edit by hand.*\n");
}

} // namespace

QString ModelDocWriter::render(const ModelReview &r, const ModelFacts *facts)
{
    QString md;
    md += QStringLiteral("# %1\n\n").arg(r.entry.name);
    md += QStringLiteral("- Registry key: `%1`\n- Hugging Face: <%2>\n- Capability: %3 (`%4`)\n- Provider: %5\n\n")
              .arg(r.entry.key, exporttext::huggingFaceUrl(r.entry.key), capabilityTitle(r.entry.capability),
                   capabilityId(r.entry.capability), r.entry.provider);
    md += QStringLiteral("## Overview\n\n%1 is served by the candle service as a %2 model (%3). Each worker loads:\n\n")
              .arg(r.entry.name, capabilityTitle(r.entry.capability).toLower(), r.entry.kind);
    for (const WeightComponent &c : r.entry.components) {
        md += QStringLiteral("- %1\n").arg(componentText(c));
    }
    md += QStringLiteral("\nPer worker it needs **%1 MiB** (`est_memory_allocation_mb`, %2).\n\n").arg(r.effectiveMib()).arg(exporttext::statusLabel(r));
    architecture(md, r, facts);
    memory(md, r);
    performance(md, r);
    usage(md, r);
    footer(md, r);
    return md;
}

Result<Done> ModelDocWriter::write(QIODevice *device, const ModelReview &review, const ModelFacts *facts)
{
    auto *file = qobject_cast<QFileDevice *>(device);
    return exporttext::writeAll(device, render(review, facts).toUtf8(), file ? file->fileName() : review.entry.docPath());
}

} // namespace memspec
