// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "factsbudget.h"

#include "app/common/units.h"
#include "app/facts/factsjson.h"
#include "app/facts/factsnotes.h"
#include "app/formats/weightheaderfacts.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace memspec {

namespace {

constexpr qint64 kLongString = 1024;
constexpr qsizetype kLongArray = 256;

// Strings longer than 1 KiB → {"string_length"}, arrays longer than 256 → {"array_length"}; counts what it cut.
QJsonValue prune(const QJsonValue &v, int *cut)
{
    if (v.isString() && v.toString().size() > kLongString) {
        ++*cut;
        return QJsonObject{{QStringLiteral("string_length"), qint64(v.toString().size())}};
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (a.size() > kLongArray) {
            ++*cut;
            return QJsonObject{{QStringLiteral("array_length"), qint64(a.size())}};
        }
        QJsonArray out;
        for (const QJsonValue &item : a) {
            out.append(prune(item, cut));
        }
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            out.insert(it.key(), prune(it.value(), cut));
        }
        return out;
    }
    return v;
}

QJsonObject pruneObject(const QJsonObject &o, int *cut)
{
    return prune(o, cut).toObject();
}

} // namespace

qint64 FactsBudget::bytes(const ModelFacts &facts)
{
    return QJsonDocument(FactsJson::toJson(facts)).toJson(QJsonDocument::Compact).size();
}

void FactsBudget::fit(ModelFacts *f, const QStringList &keep, qint64 maxBytes)
{
    qint64 size = bytes(*f);
    if (size <= maxBytes) {
        return;
    }
    const qint64 before = size;
    QStringList cuts;
    if (f->card.size() > kMaxCardBytes) {
        cuts << QStringLiteral("the %1-byte card cut to %2 bytes")
                    .arg(groupDigits(f->card.size()), groupDigits(kMaxCardBytes));
        qsizetype end = kMaxCardBytes;
        while (end > 0 && (uchar(f->card.at(end)) & 0xC0) == 0x80) {
            --end; // never split a UTF-8 sequence
        }
        f->card.truncate(end);
        size = bytes(*f);
    }
    if (size > maxBytes && f->files.size() > kMaxListedFiles) {
        QList<FileFact> kept;
        int others = 0;
        for (const FileFact &ff : std::as_const(f->files)) {
            if (keep.contains(ff.path)) {
                kept << ff;
            } else if (others < kMaxListedFiles && ff.path.size() <= kLongString) {
                kept << ff;
                ++others;
            }
        }
        cuts << QStringLiteral("%1 listed files, %2 kept").arg(groupDigits(f->files.size()), groupDigits(kept.size()));
        f->files = kept;
        size = bytes(*f);
    }
    if (size > maxBytes) {
        int cut = 0;
        f->config = pruneObject(f->config, &cut);
        f->extraConfigs = pruneObject(f->extraConfigs, &cut);
        f->components = pruneObject(f->components, &cut);
        f->gguf = pruneObject(f->gguf, &cut);
        for (WeightHeaderFact &h : f->headers) {
            h.metadata = pruneObject(h.metadata, &cut);
        }
        if (cut > 0) {
            cuts << QStringLiteral("%1 long strings or arrays in configs and header metadata kept as their length")
                        .arg(cut);
            size = bytes(*f);
        }
    }
    if (size > maxBytes && !f->headers.isEmpty()) {
        // What the tensors may take: the budget less everything else, shared by the headers.
        qint64 tensorBytes = 0;
        for (const WeightHeaderFact &h : std::as_const(f->headers)) {
            for (const TensorFact &t : h.tensors) {
                tensorBytes += tensorFactBytes(t);
            }
        }
        const qint64 share = std::max<qint64>(0, (maxBytes - (size - tensorBytes)) / 2) / f->headers.size();
        qsizetype summed = 0;
        for (WeightHeaderFact &h : f->headers) {
            summed += summariseTensors(&h.tensors, share);
        }
        if (summed > 0) {
            cuts << QStringLiteral("%1 tensors summed per dtype").arg(groupDigits(summed));
            size = bytes(*f);
        }
    }
    if (size > maxBytes && !f->extraConfigs.isEmpty()) {
        cuts << QStringLiteral("%1 extra configs dropped").arg(f->extraConfigs.size());
        f->extraConfigs = QJsonObject();
        size = bytes(*f);
    }
    if (size > maxBytes) {
        // Last resort: the headers keep their architecture keys only, and the files the registry names.
        for (WeightHeaderFact &h : f->headers) {
            QJsonObject md;
            const QString arch = h.metadata.value(QLatin1String("general.architecture")).toString();
            for (auto it = h.metadata.begin(); it != h.metadata.end(); ++it) {
                if (it.key() == QLatin1String("general.architecture") || it.key() == kHeaderNoteKey ||
                    (!arch.isEmpty() && it.key().startsWith(arch + QLatin1Char('.')) && it.key().size() <= 256)) {
                    md.insert(it.key(), it.value());
                }
            }
            h.metadata = md;
            summariseTensors(&h.tensors, 0);
        }
        QList<FileFact> kept;
        for (const FileFact &ff : std::as_const(f->files)) {
            if (keep.contains(ff.path)) {
                kept << ff;
            }
        }
        f->files = kept;
        f->card.clear();
        QString what = QStringLiteral("header metadata beyond the architecture keys, other files and the card dropped");
        if (QJsonDocument(f->config).toJson(QJsonDocument::Compact).size() > maxBytes / 2) {
            f->config = QJsonObject(); // an implausible config.json: the estimate says it has none
            what += QStringLiteral(", and the config");
        }
        cuts << what;
        size = bytes(*f);
    }
    addFactsNote(f,
                 QStringLiteral("hub data for %1 kept in part (%2 bytes of facts over the %3-byte budget, %4 kept): %5")
                     .arg(f->key, groupDigits(before), groupDigits(maxBytes), groupDigits(size),
                          cuts.join(QStringLiteral("; "))));
}

} // namespace memspec
