// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "memoryspecswriter.h"

#include "app/common/units.h"
#include "app/export/exporttext.h"

#include <QFileDevice>

namespace memspec {

namespace {

QString sourceLink(const QString &sourceFile, const QString &prefix)
{
    if (sourceFile.isEmpty()) {
        return QStringLiteral("not known");
    }
    // Code, not a link: the service's sources are not part of the exported folder.
    return QStringLiteral("`%1%2`").arg(prefix, sourceFile);
}

} // namespace

QString MemorySpecsWriter::render(const QList<ModelReview> &reviews, const QString &sourcePrefix)
{
    using exporttext::cell;
    int approved = 0;
    qint64 total = 0;
    QList<Capability> order;
    QHash<int, qint64> byCap;
    QHash<int, int> countByCap;
    for (const ModelReview &r : reviews) {
        approved += r.approved() ? 1 : 0;
        total += r.effectiveMib();
        if (!order.contains(r.entry.capability)) {
            order << r.entry.capability;
        }
        byCap[int(r.entry.capability)] += r.effectiveMib();
        countByCap[int(r.entry.capability)] += 1;
    }
    QString md = QStringLiteral("# Model memory specs\n\n");
    md += QStringLiteral(
        "`est_memory_allocation_mb` for every model of the registry: the per-worker figure the worker pool "
        "checks before it starts a worker.\n\n");
    md += QStringLiteral(
        "**Unit: MiB** (the pool divides bytes by 1024², so \"MB\" in the field name and in the table means "
        "MiB). Values are per worker and rounded up to the next multiple of 100.\n\n");
    md += QStringLiteral(
              "**Approved: %1 of %2.** A value is called approved only when a reviewer signed it off; every other "
              "value is an estimate and says so in the Status column.\n\n")
              .arg(approved)
              .arg(reviews.size());
    md += QStringLiteral(
        "| Model | Registry Key | Memory (MB) | Prompt limit | Quantization | Source | Status | Basis |\n"
        "|---|---|---:|---|---|---|---|---|\n");
    for (const ModelReview &r : reviews) {
        md += QStringLiteral("| [%1](%2) | `%3` | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                  .arg(cell(r.entry.name), r.entry.docPath(), r.entry.key)
                  .arg(r.effectiveMib())
                  .arg(cell(exporttext::promptLimit(r)))
                  .arg(cell(r.entry.quantization), sourceLink(r.entry.sourceFile, sourcePrefix),
                       exporttext::statusLabel(r), cell(r.estimate.basis));
    }
    md += QStringLiteral(
        "\n## Totals\n\nOne worker of every model at once (the pool starts up to 4 workers per model, each "
        "with its own copy).\n\n| Capability | Models | Memory (MB) |\n|---|---:|---:|\n");
    for (Capability c : order) {
        md += QStringLiteral("| %1 | %2 | %3 |\n")
                  .arg(capabilityId(c))
                  .arg(countByCap.value(int(c)))
                  .arg(byCap.value(int(c)));
    }
    md += QStringLiteral("| **all** | **%1** | **%2** |\n\n").arg(reviews.size()).arg(total);
    md += QStringLiteral("## Implementation notes\n\n"
                         "- `est_memory_allocation_mb` is a required `usize` field of each model's static "
                         "`CandleModelInfo`. The pool admits "
                         "a worker when `allocated + est_memory_allocation_mb ≤ 0.80 × total − 2048` (MiB, per "
                         "capability pool); a value of "
                         "0 disables the check.\n"
                         "- Each figure is the sum of five lines (weights, KV cache, activations, runtime overhead, "
                         "margin); the model's "
                         "page lists each line with its derivation and sources. The Basis column says where the weight "
                         "bytes came from.\n"
                         "- Statics are matched by their `registry_key` (the registry key or an alias), not by file or "
                         "static name. Write "
                         "the values with `memspec apply-rust --source-tree DIR` (preview with `--dry-run`); `memspec "
                         "check --source-tree "
                         "DIR` fails CI when the code differs from the approved values.\n"
                         "- Regenerate this folder with `memspec export --out docs --only docs --only specs`; do not "
                         "edit it by hand.\n");
    return md;
}

Result<Done> MemorySpecsWriter::write(QIODevice *device, const QList<ModelReview> &reviews, const QString &sourcePrefix)
{
    auto *file = qobject_cast<QFileDevice *>(device);
    return exporttext::writeAll(device, render(reviews, sourcePrefix).toUtf8(),
                                file ? file->fileName() : QStringLiteral("MEMORY_SPECS.md"));
}

} // namespace memspec
