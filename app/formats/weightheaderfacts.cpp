// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/formats/weightheaderfacts.h"

#include "app/common/units.h"
#include "app/facts/factsnotes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace memspec {

namespace {

// About the bytes a JSON value takes when written compactly (exact for strings, short for numbers).
qint64 jsonBytes(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString().size() + 2;
    case QJsonValue::Array:
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).size();
    case QJsonValue::Object:
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).size();
    default:
        return 12;
    }
}

// Collects what a header fact leaves out and turns it into one plain note.
struct Kept
{
    qint64 keys = 0;
    qint64 keptKeys = 0;
    qint64 longStrings = 0;
    qint64 longest = 0;
    qint64 bigArrays = 0;
    qsizetype summedTensors = 0;

    QString note(const QString &path, const QString &format, const QString &keyWord) const
    {
        QStringList parts;
        if (keptKeys < keys) {
            parts << QStringLiteral("%1 %2, %3 kept (the keys the estimate reads first)")
                         .arg(groupDigits(keys), keyWord, groupDigits(keptKeys));
        }
        if (longStrings > 0) {
            parts << QStringLiteral("%1 string value(s) longer than %2 bytes kept as their length only (longest %3 bytes)")
                         .arg(groupDigits(longStrings), groupDigits(kMaxFactString), groupDigits(longest));
        }
        if (bigArrays > 0) {
            parts << QStringLiteral("%1 array(s) over %2 bytes (or holding strings over %3 bytes) kept as their length only")
                         .arg(groupDigits(bigArrays), groupDigits(16 * kMaxFactString), groupDigits(qint64(GgufKeyValue::kMaxKeptString)));
        }
        if (summedTensors > 0) {
            parts << QStringLiteral("%1 tensors beyond the %2 KiB budget (or with implausible names) summed per dtype")
                         .arg(groupDigits(summedTensors)).arg(kMaxFactTensorBytes / 1024);
        }
        if (parts.isEmpty()) {
            return {};
        }
        return QStringLiteral("%1: implausible %2 header, kept in part: %3").arg(path, format, parts.join(QStringLiteral("; ")));
    }
};

// Adds key → value while the fact's metadata stays within its key and byte budget.
void keep(QJsonObject *md, qint64 *bytes, Kept *k, const QString &key, QJsonValue value)
{
    if (k->keptKeys >= kMaxFactKeys || key.size() > kMaxFactString || key == kHeaderNoteKey) {
        return;   // (a file never writes our notes)
    }
    qint64 b = jsonBytes(value);
    if ((value.isArray() || value.isObject()) && b > 16 * kMaxFactString) {
        ++k->bigArrays;
        value = QJsonObject{{QStringLiteral("array_length"), qint64(value.isArray() ? value.toArray().size() : value.toObject().size())}};
        b = jsonBytes(value);
    }
    if (*bytes + key.size() + b > kMaxFactMetadataBytes) {
        return;
    }
    md->insert(key, value);
    *bytes += key.size() + b;
    ++k->keptKeys;
}

void addNote(WeightHeaderFact *f, const QString &note)
{
    if (!note.isEmpty()) {
        addHeaderNote(f, note);
    }
}

} // namespace

qint64 tensorFactBytes(const TensorFact &t)
{
    return t.name.size() + t.dtype.size() + 16 * (t.shape.size() + 2) + 8;
}

qsizetype summariseTensors(QList<TensorFact> *tensors, qint64 budgetBytes)
{
    qint64 used = 0;
    bool full = false;
    QList<TensorFact> kept;
    QMap<QString, TensorFact> summed;   // by dtype
    QMap<QString, qint64> counts;
    qsizetype n = 0;
    for (TensorFact &t : *tensors) {
        const qint64 b = tensorFactBytes(t);
        const bool plausible = t.name.size() <= kMaxTensorName && t.dtype.size() <= 64;
        full = full || (plausible && used + b > budgetBytes);
        if (plausible && !full) {
            used += b;
            kept.append(std::move(t));
            continue;
        }
        const QString dtype = t.dtype.left(64);
        TensorFact &s = summed[dtype];
        s.dtype = dtype;
        s.elements += t.elements;
        s.bytes += t.bytes;
        ++counts[dtype];
        ++n;
    }
    for (auto it = summed.begin(); it != summed.end(); ++it) {
        it->name = QStringLiteral("(%1 more tensors)").arg(groupDigits(counts.value(it.key())));
        kept.append(std::move(*it));
    }
    *tensors = std::move(kept);
    return n;
}

WeightHeaderFact weightHeaderFact(const SafetensorsHeader &header, const QString &repo, const QString &path)
{
    WeightHeaderFact f;
    f.repo = repo;
    f.path = path;
    f.format = QStringLiteral("safetensors");
    f.fileSize = header.fileSize >= 0 ? header.fileSize : header.headerSize + header.dataSize();
    f.headerBytes = header.headerSize;
    Kept k;
    qint64 bytes = 0;
    for (auto it = header.metadata.begin(); it != header.metadata.end(); ++it) {
        ++k.keys;
        QJsonValue v = it.value();
        if (v.isString() && v.toString().size() > kMaxFactString) {
            ++k.longStrings;
            k.longest = std::max<qint64>(k.longest, v.toString().size());
            v = QJsonObject{{QStringLiteral("string_length"), qint64(v.toString().size())}};
        }
        keep(&f.metadata, &bytes, &k, it.key(), v);
    }
    f.tensors.reserve(header.tensors.size());
    for (const SafetensorsTensor &t : header.tensors) {
        f.tensors.append(TensorFact{t.name, t.dtype, t.shape, t.elements, t.bytes()});
    }
    k.summedTensors = summariseTensors(&f.tensors, kMaxFactTensorBytes);
    addNote(&f, k.note(path, QStringLiteral("safetensors"), QStringLiteral("__metadata__ entries")));
    return f;
}

WeightHeaderFact weightHeaderFact(const GgufHeader &header, const QString &repo, const QString &path)
{
    WeightHeaderFact f;
    f.repo = repo;
    f.path = path;
    f.format = QStringLiteral("gguf");
    f.fileSize = header.fileSize >= 0 ? header.fileSize : header.dataStart + header.tensorBytes();
    f.headerBytes = header.dataStart;
    // The keys the estimate reads first (general.architecture, the architecture's own keys, the vocabulary), then
    // the rest while the budget lasts.
    const QString archPrefix = header.architecture() + QLatin1Char('.');
    const auto rank = [&](const QString &key) {
        if (key == QLatin1String("general.architecture") || (archPrefix.size() > 1 && key.startsWith(archPrefix))) {
            return 0;
        }
        return key.startsWith(QLatin1String("general.")) || key.startsWith(QLatin1String("tokenizer.ggml."))
                       || key.startsWith(QLatin1String("split."))
                   ? 1
                   : 2;
    };
    Kept k;
    qint64 bytes = 0;
    for (const int pass : {0, 1, 2}) {
        for (const GgufKeyValue &kv : header.metadata) {
            if (rank(kv.key) != pass) {
                continue;
            }
            if (kv.type == GgufType::String && qint64(kv.stringLength) > kMaxFactString) {
                ++k.longStrings;
                k.longest = std::max<qint64>(k.longest, qint64(kv.stringLength));
            }
            if (kv.type == GgufType::Array && !kv.arrayComplete && kv.arrayLength <= GgufKeyValue::kKeepWholeArray) {
                ++k.bigArrays;   // a short array is only cut when it holds strings too long to read
            }
            if (k.keptKeys < kMaxFactKeys) {
                keep(&f.metadata, &bytes, &k, kv.key, kv.toJson(256, quint64(kMaxFactString)));
            }
        }
    }
    k.keys = header.metadata.size();
    f.tensors.reserve(header.tensors.size());
    for (const GgufTensorInfo &t : header.tensors) {
        TensorFact tf;
        tf.name = t.name;
        tf.dtype = t.typeName;
        for (quint64 d : t.dims) {
            tf.shape.append(qint64(d));
        }
        tf.elements = qint64(t.elements);
        tf.bytes = std::max<qint64>(t.bytes, 0);
        f.tensors.append(std::move(tf));
    }
    k.summedTensors = summariseTensors(&f.tensors, kMaxFactTensorBytes);
    addNote(&f, k.note(path, QStringLiteral("GGUF"), QStringLiteral("key/values")));
    return f;
}

} // namespace memspec
