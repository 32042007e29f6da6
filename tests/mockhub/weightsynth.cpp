// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "weightsynth.h"

#include <QtEndian>

namespace memspec::mock {

namespace {

constexpr qint64 kGgufAlign = 32;

enum GgmlType { F32 = 0, F16 = 1, Q4_K = 12, Q6_K = 14, I8 = 24 };

qint64 elementsOf(const QList<qint64> &shape)
{
    qint64 n = 1;
    for (qint64 d : shape) {
        n *= d;
    }
    return n;
}

qint64 cfgInt(const QJsonObject &c, const char *key, qint64 fallback)
{
    const QJsonValue v = c.value(QLatin1String(key));
    return v.isDouble() && v.toDouble() > 0 ? qint64(v.toDouble()) : fallback;
}

void putU32(QByteArray &b, quint32 v)
{
    char buf[4];
    qToLittleEndian(v, buf);
    b.append(buf, 4);
}

void putU64(QByteArray &b, quint64 v)
{
    char buf[8];
    qToLittleEndian(v, buf);
    b.append(buf, 8);
}

void putStr(QByteArray &b, const QByteArray &s)
{
    putU64(b, quint64(s.size()));
    b.append(s);
}

void putValue(QByteArray &b, const QJsonValue &v)
{
    if (v.isBool()) {
        putU32(b, 7);
        b.append(char(v.toBool() ? 1 : 0));
    } else if (v.isString()) {
        putU32(b, 8);
        putStr(b, v.toString().toUtf8());
    } else if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)) && d >= 0 && d < 4294967296.0) {
            putU32(b, 4);
            putU32(b, quint32(d));
        } else if (d == double(qint64(d)) && d >= 0) {
            putU32(b, 10);
            putU64(b, quint64(d));
        } else {
            putU32(b, 6);
            const float f = float(d);
            quint32 bits;
            memcpy(&bits, &f, 4);
            putU32(b, bits);
        }
    } else if (v.isObject() && v.toObject().contains(QLatin1String("__strings__"))) {
        const QJsonObject o = v.toObject();
        const qint64 count = qint64(o.value(QLatin1String("__strings__")).toDouble());
        const QByteArray prefix = o.value(QLatin1String("prefix")).toString().toUtf8();
        putU32(b, 9);
        putU32(b, 8);
        putU64(b, quint64(count));
        // Millions of small strings: write them straight into one buffer (this runs at every mock start).
        const qsizetype start = b.size();
        b.resize(start + count * (8 + prefix.size() + 20));
        char *out = b.data() + start;
        for (qint64 i = 0; i < count; ++i) {
            char digits[20];
            int n = 0;
            for (quint64 v = quint64(i);; v /= 10) {
                digits[n++] = char('0' + v % 10);
                if (v < 10) {
                    break;
                }
            }
            qToLittleEndian(quint64(prefix.size() + n), out);
            out += 8;
            memcpy(out, prefix.constData(), size_t(prefix.size()));
            out += prefix.size();
            while (n > 0) {
                *out++ = digits[--n];
            }
        }
        b.resize(out - b.constData());
    } else if (v.isObject() && v.toObject().contains(QLatin1String("__u16__"))) {
        putU32(b, 2);
        const quint16 n = quint16(v.toObject().value(QLatin1String("__u16__")).toInt());
        b.append(char(n & 0xff)).append(char(n >> 8));
    } else if (v.isObject() && v.toObject().contains(QLatin1String("__i32__"))) {
        putU32(b, 5);
        putU32(b, quint32(v.toObject().value(QLatin1String("__i32__")).toInt()));
    } else if (v.isObject() && v.toObject().contains(QLatin1String("__i32s__"))) {
        const qint64 count = qint64(v.toObject().value(QLatin1String("__i32s__")).toDouble());
        putU32(b, 9);
        putU32(b, 5);
        putU64(b, quint64(count));
        b.append(QByteArray(count * 4, '\0'));
    } else {
        putU32(b, 8);
        putStr(b, QByteArrayLiteral("(unset)"));
    }
}

// What a plan leaves unexplained, as U8 tensors of at most 2^31 bytes (clients cap dimensions at 2^32).
QList<SynthTensor> fillers(qint64 bytes)
{
    QList<SynthTensor> out;
    for (int i = 0; bytes > 0; ++i) {
        const qint64 n = qMin<qint64>(bytes, qint64(1) << 31);
        out << SynthTensor{QStringLiteral("mock.filler.%1").arg(i), {n}, QStringLiteral("U8"), 0, n};
        bytes -= n;
    }
    return out;
}

SynthTensor st(const QString &name, QList<qint64> shape, const QString &dtype)
{
    SynthTensor t{name, std::move(shape), dtype, 0, 0};
    t.bytes = elementsOf(t.shape) * WeightSynth::dtypeBytes(dtype);
    return t;
}

SynthTensor gt(const QString &name, QList<qint64> shape, int type)
{
    SynthTensor t{name, std::move(shape), QString(), type, 0};
    t.bytes = WeightSynth::ggmlBytes(type, elementsOf(t.shape));
    return t;
}

} // namespace

qint64 WeightSynth::dtypeBytes(const QString &dtype)
{
    if (dtype == QLatin1String("F32") || dtype == QLatin1String("I32")) {
        return 4;
    }
    if (dtype == QLatin1String("F16") || dtype == QLatin1String("BF16")) {
        return 2;
    }
    return 1;
}

qint64 WeightSynth::ggmlBytes(int type, qint64 elements)
{
    switch (type) {
    case F32:
        return elements * 4;
    case F16:
        return elements * 2;
    case Q4_K:
        return elements / 256 * 144;
    case Q6_K:
        return elements / 256 * 210;
    default:
        return elements;
    }
}

QList<SynthTensor> WeightSynth::safetensorsPlan(const QJsonObject &c, const QString &dtype, const QString &prefix,
                                                qint64 budget)
{
    const qint64 h = cfgInt(c, "hidden_size", cfgInt(c, "d_model", 1024));
    const qint64 ff = cfgInt(c, "intermediate_size", cfgInt(c, "d_ff", 4 * h));
    const qint64 vocab = cfgInt(c, "vocab_size", 32000);
    const qint64 heads = cfgInt(c, "num_attention_heads", qMax<qint64>(1, h / 64));
    const qint64 kvHeads = cfgInt(c, "num_key_value_heads", heads);
    const qint64 headDim = cfgInt(c, "head_dim", h / heads);
    const qint64 layers = cfgInt(c, "num_hidden_layers", cfgInt(c, "num_layers", 1000));
    const QString p = prefix.isEmpty() ? QString() : prefix + QLatin1Char('.');

    QList<SynthTensor> out;
    qint64 used = 0;
    auto add = [&](const SynthTensor &t) {
        if (used + t.bytes > budget) {
            return false;
        }
        out << t;
        used += t.bytes;
        return true;
    };
    if (!add(st(p + QStringLiteral("embed_tokens.weight"), {vocab, h}, dtype))) {
        return out;
    }
    for (qint64 i = 0; i < layers; ++i) {
        const QString l = p + QStringLiteral("layers.%1.").arg(i);
        const QList<SynthTensor> layer = {
            st(l + QStringLiteral("input_layernorm.weight"), {h}, dtype),
            st(l + QStringLiteral("self_attn.q_proj.weight"), {heads * headDim, h}, dtype),
            st(l + QStringLiteral("self_attn.k_proj.weight"), {kvHeads * headDim, h}, dtype),
            st(l + QStringLiteral("self_attn.v_proj.weight"), {kvHeads * headDim, h}, dtype),
            st(l + QStringLiteral("self_attn.o_proj.weight"), {h, heads * headDim}, dtype),
            st(l + QStringLiteral("post_attention_layernorm.weight"), {h}, dtype),
            st(l + QStringLiteral("mlp.gate_proj.weight"), {ff, h}, dtype),
            st(l + QStringLiteral("mlp.up_proj.weight"), {ff, h}, dtype),
            st(l + QStringLiteral("mlp.down_proj.weight"), {h, ff}, dtype),
        };
        qint64 layerBytes = 0;
        for (const SynthTensor &t : layer) {
            layerBytes += t.bytes;
        }
        if (used + layerBytes > budget) {
            break;
        }
        for (const SynthTensor &t : layer) {
            add(t);
        }
    }
    add(st(p + QStringLiteral("norm.weight"), {h}, dtype));
    return out;
}

QList<SynthTensor> WeightSynth::ggufPlan(const QString &arch, const QJsonObject &hp)
{
    const qint64 h = cfgInt(hp, "hidden", 4096);
    const qint64 layers = cfgInt(hp, "layers", 32);
    const qint64 vocab = cfgInt(hp, "vocab", 32000);
    const qint64 heads = cfgInt(hp, "heads", 32);
    const qint64 kvHeads = cfgInt(hp, "kv_heads", heads);
    const qint64 headDim = cfgInt(hp, "head_dim", h / heads);
    const qint64 ff = cfgInt(hp, "ff", 4 * h);
    const qint64 experts = cfgInt(hp, "experts", 0);
    const qint64 expertFf = cfgInt(hp, "expert_ff", 0);
    const qint64 denseLayers = cfgInt(hp, "dense_layers", 0);

    QList<SynthTensor> out;
    out << gt(QStringLiteral("token_embd.weight"), {h, vocab}, Q4_K);
    for (qint64 i = 0; i < layers; ++i) {
        const QString b = QStringLiteral("blk.%1.").arg(i);
        out << gt(b + QStringLiteral("attn_norm.weight"), {h}, F32);
        if (arch == QLatin1String("phi3")) {
            out << gt(b + QStringLiteral("attn_qkv.weight"), {h, (heads + 2 * kvHeads) * headDim}, Q4_K);
        } else if (arch == QLatin1String("deepseek2")) {
            const qint64 qLora = cfgInt(hp, "q_lora", 1536);
            const qint64 kvLora = cfgInt(hp, "kv_lora", 512);
            out << gt(b + QStringLiteral("attn_q_a.weight"), {h, qLora}, Q4_K)
                << gt(b + QStringLiteral("attn_q_a_norm.weight"), {qLora}, F32)
                << gt(b + QStringLiteral("attn_q_b.weight"), {qLora, heads * 192}, Q4_K)
                << gt(b + QStringLiteral("attn_kv_a_mqa.weight"), {h, kvLora + 64}, Q4_K)
                << gt(b + QStringLiteral("attn_kv_a_norm.weight"), {kvLora}, F32)
                << gt(b + QStringLiteral("attn_kv_b.weight"), {kvLora, heads * 256}, Q6_K);
        } else {
            out << gt(b + QStringLiteral("attn_q.weight"), {h, heads * headDim}, Q4_K)
                << gt(b + QStringLiteral("attn_k.weight"), {h, kvHeads * headDim}, Q4_K)
                << gt(b + QStringLiteral("attn_v.weight"), {h, kvHeads * headDim}, Q6_K)
                << gt(b + QStringLiteral("attn_q_norm.weight"), {headDim}, F32)
                << gt(b + QStringLiteral("attn_k_norm.weight"), {headDim}, F32);
        }
        out << gt(b + QStringLiteral("attn_output.weight"), {heads * headDim, h}, Q4_K)
            << gt(b + QStringLiteral("ffn_norm.weight"), {h}, F32);
        if (experts > 0 && i >= denseLayers) {
            out << gt(b + QStringLiteral("ffn_gate_inp.weight"), {h, experts}, F32)
                << gt(b + QStringLiteral("ffn_gate_exps.weight"), {h, expertFf, experts}, Q4_K)
                << gt(b + QStringLiteral("ffn_up_exps.weight"), {h, expertFf, experts}, Q4_K)
                << gt(b + QStringLiteral("ffn_down_exps.weight"), {expertFf, h, experts}, Q6_K);
            if (arch == QLatin1String("deepseek2")) {
                out << gt(b + QStringLiteral("ffn_gate_shexp.weight"), {h, expertFf}, Q4_K)
                    << gt(b + QStringLiteral("ffn_up_shexp.weight"), {h, expertFf}, Q4_K)
                    << gt(b + QStringLiteral("ffn_down_shexp.weight"), {expertFf, h}, Q6_K);
            }
        } else if (arch == QLatin1String("phi3")) {
            out << gt(b + QStringLiteral("ffn_up.weight"), {h, 2 * ff}, Q4_K)
                << gt(b + QStringLiteral("ffn_down.weight"), {ff, h}, Q6_K);
        } else {
            out << gt(b + QStringLiteral("ffn_gate.weight"), {h, ff}, Q4_K)
                << gt(b + QStringLiteral("ffn_up.weight"), {h, ff}, Q4_K)
                << gt(b + QStringLiteral("ffn_down.weight"), {ff, h}, Q6_K);
        }
    }
    out << gt(QStringLiteral("output_norm.weight"), {h}, F32) << gt(QStringLiteral("output.weight"), {h, vocab}, Q6_K);
    return out;
}

SynthWeights WeightSynth::safetensors(QList<SynthTensor> tensors, qint64 fileSize, const QJsonObject &metadata)
{
    auto build = [&](qint64 filler) {
        QByteArray j = "{";
        if (!metadata.isEmpty()) {
            j += "\"__metadata__\":{";
            bool first = true;
            for (auto it = metadata.begin(); it != metadata.end(); ++it) {
                j += (first ? "\"" : ",\"") + it.key().toUtf8() + "\":\"" + it.value().toString().toUtf8() + '"';
                first = false;
            }
            j += "}";
        }
        qint64 off = 0;
        auto entry = [&](const SynthTensor &t) {
            if (j.size() > 1) {
                j += ',';
            }
            QByteArray shape;
            for (qint64 d : t.shape) {
                shape += (shape.isEmpty() ? "" : ",") + QByteArray::number(d);
            }
            j += '"' + t.name.toUtf8() + "\":{\"dtype\":\"" + t.dtype.toUtf8() + "\",\"shape\":[" + shape +
                 "],\"data_offsets\":[" + QByteArray::number(off) + ',' + QByteArray::number(off + t.bytes) + "]}";
            off += t.bytes;
        };
        for (const SynthTensor &t : tensors) {
            entry(t);
        }
        for (const SynthTensor &t : fillers(filler)) {
            entry(t);
        }
        j += '}';
        while ((8 + j.size()) % 8 != 0) {
            j += ' ';
        }
        return std::make_pair(j, off);
    };
    // The filler's own digits change the header length, so settle it in a few rounds; drop tensors if over budget.
    qint64 filler = 0;
    for (int round = 0; round < 8 && fileSize > 0; ++round) {
        auto [json, data] = build(filler);
        const qint64 need = fileSize - 8 - json.size() - (data - filler);
        if (need < 0 && !tensors.isEmpty()) {
            tensors.removeLast();
            continue;
        }
        if (need == filler) {
            break;
        }
        filler = qMax<qint64>(0, need);
    }
    auto [json, data] = build(filler);
    SynthWeights w;
    w.header.resize(8);
    qToLittleEndian(quint64(json.size()), w.header.data());
    w.header += json;
    w.fileSize = qMax(fileSize, qint64(w.header.size()) + data);
    w.tensors = tensors;
    w.tensors << fillers(filler);
    return w;
}

SynthWeights WeightSynth::gguf(const QList<QPair<QString, QJsonValue>> &kv, QList<SynthTensor> tensors, qint64 fileSize)
{
    QByteArray kvBytes; // the key/values do not change between rounds: encode them once
    for (const auto &[key, value] : kv) {
        putStr(kvBytes, key.toUtf8());
        putValue(kvBytes, value);
    }
    auto build = [&](qint64 filler) {
        QList<SynthTensor> all = tensors;
        if (filler > 0) {
            all << SynthTensor{QStringLiteral("mock.filler"), {filler}, QString(), I8, filler};
        }
        QByteArray b = "GGUF";
        b.reserve(kvBytes.size() + 128 * all.size() + 64);
        putU32(b, 3);
        putU64(b, quint64(all.size()));
        putU64(b, quint64(kv.size()));
        b += kvBytes;
        qint64 off = 0;
        for (const SynthTensor &t : all) {
            putStr(b, t.name.toUtf8());
            putU32(b, quint32(t.shape.size()));
            for (qint64 d : t.shape) {
                putU64(b, quint64(d));
            }
            putU32(b, quint32(t.ggmlType));
            putU64(b, quint64(off));
            off += (t.bytes + kGgufAlign - 1) / kGgufAlign * kGgufAlign;
        }
        while (b.size() % kGgufAlign != 0) {
            b += '\0';
        }
        return std::make_tuple(b, off, all);
    };
    qint64 filler = 0;
    if (fileSize > 0) {
        for (int round = 0; round < 8; ++round) {
            auto [head, data, all] = build(filler);
            const qint64 dataNoFiller = data - (filler > 0 ? (filler + kGgufAlign - 1) / kGgufAlign * kGgufAlign : 0);
            const qint64 need = (fileSize - head.size() - dataNoFiller) / kGgufAlign * kGgufAlign;
            if (need < 0 && !tensors.isEmpty()) {
                tensors.removeLast();
                continue;
            }
            if (need == filler) {
                break;
            }
            filler = qMax<qint64>(0, need);
        }
    }
    auto [head, data, all] = build(filler);
    SynthWeights w;
    w.header = head;
    w.fileSize = qMax(fileSize, qint64(head.size()) + data);
    w.tensors = all;
    return w;
}

} // namespace memspec::mock
