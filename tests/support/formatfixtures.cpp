// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/formatfixtures.h"

#include <QStringList>

namespace memspec::fixtures {

namespace {

QString tokenText(int i)
{
    if (i < 3) {
        static const char *const special[] = {"<unk>", "<s>", "</s>"};
        return QLatin1String(special[i]);
    }
    if (i < 3 + 256) {
        return QStringLiteral("<0x%1>").arg(QString::number(i - 3, 16).toUpper().rightJustified(2, QLatin1Char('0')));
    }
    switch (i % 4) {
    case 0:
        return QStringLiteral("\u2581token_%1").arg(i, 6, 10, QLatin1Char('0'));
    case 1:
        return QStringLiteral("tok\u00e9n_%1").arg(i, 6, 10, QLatin1Char('0'));
    case 2:
        return QStringLiteral("t_%1").arg(i);
    default:
        return QStringLiteral("\u8bcd_%1").arg(i, 6, 10, QLatin1Char('0'));
    }
}

void addMetadata(GgufWriter &w, const LlamaGgufRecipe &r)
{
    w.add(QStringLiteral("general.architecture"), GgufValue::string(QStringLiteral("llama")));
    w.add(QStringLiteral("general.name"), GgufValue::string(QStringLiteral("Fixture Llama")));
    w.add(QStringLiteral("general.file_type"), GgufValue::uint32(15));
    if (r.alignment != 0) {
        w.setAlignment(r.alignment);
    }
    w.add(QStringLiteral("llama.context_length"), GgufValue::uint32(4096));
    w.add(QStringLiteral("llama.embedding_length"), GgufValue::uint32(quint32(r.embd)));
    w.add(QStringLiteral("llama.block_count"), GgufValue::uint32(quint32(r.layers)));
    w.add(QStringLiteral("llama.feed_forward_length"), GgufValue::uint32(quint32(r.ff)));
    w.add(QStringLiteral("llama.attention.head_count"), GgufValue::uint32(8));
    QList<qint32> kvHeads;
    for (int i = 0; i < r.layers; ++i) {
        kvHeads.append(i % 2 == 0 ? 2 : 8);
    }
    w.add(QStringLiteral("llama.attention.head_count_kv"), GgufValue::int32Array(kvHeads));
    w.add(QStringLiteral("llama.rope.freq_base"), GgufValue::float32(10000.0f));
    w.add(QStringLiteral("llama.attention.layer_norm_rms_epsilon"), GgufValue::float32(1e-5f));
    w.add(QStringLiteral("tokenizer.ggml.model"), GgufValue::string(QStringLiteral("llama")));
    QStringList tokens;
    QList<float> scores;
    QList<qint32> types;
    tokens.reserve(r.vocab);
    for (int i = 0; i < r.vocab; ++i) {
        tokens.append(tokenText(i));
        scores.append(-float(i) / 4.0f);
        types.append(i < 3 ? 3 : (i < 259 ? 6 : 1));
    }
    w.add(QStringLiteral("tokenizer.ggml.tokens"), GgufValue::stringArray(tokens));
    w.add(QStringLiteral("tokenizer.ggml.scores"), GgufValue::float32Array(scores));
    w.add(QStringLiteral("tokenizer.ggml.token_type"), GgufValue::int32Array(types));
    if (r.merges > 0) {
        QStringList merges;
        merges.reserve(r.merges);
        for (int i = 0; i < r.merges; ++i) {
            merges.append(QStringLiteral("token_%1 token_%2")
                              .arg(i, 6, 10, QLatin1Char('0'))
                              .arg(i + 1, 6, 10, QLatin1Char('0')));
        }
        w.add(QStringLiteral("tokenizer.ggml.merges"), GgufValue::stringArray(merges));
    }
    w.add(QStringLiteral("tokenizer.ggml.bos_token_id"), GgufValue::uint32(1));
    w.add(QStringLiteral("tokenizer.ggml.eos_token_id"), GgufValue::uint32(2));
    w.add(QStringLiteral("tokenizer.ggml.add_bos_token"), GgufValue::boolean(true));
    w.add(
        QStringLiteral("tokenizer.chat_template"),
        GgufValue::string(QStringLiteral("{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}")));
    w.add(QStringLiteral("general.quantization_version"), GgufValue::uint32(2));
}

struct TensorSpec
{
    QString name;
    QList<quint64> dims;
    quint32 type;
    int layer; // -1: not a layer tensor
};

QList<TensorSpec> llamaTensors(const LlamaGgufRecipe &r)
{
    const quint64 vocab = quint64(std::max(r.vocab, 1));
    QList<TensorSpec> t;
    t.append({QStringLiteral("token_embd.weight"), {r.embd, vocab}, r.weightType, -1});
    for (int l = 0; l < r.layers; ++l) {
        const QString p = QStringLiteral("blk.%1.").arg(l);
        const quint64 kv = (l % 2 == 0 ? 2 : 8) * (r.embd / 8);
        t.append({p + QStringLiteral("attn_norm.weight"), {r.embd}, GgufWriter::F32, l});
        t.append({p + QStringLiteral("attn_q.weight"), {r.embd, r.embd}, r.weightType, l});
        t.append({p + QStringLiteral("attn_k.weight"), {r.embd, kv}, r.weightType, l});
        t.append({p + QStringLiteral("attn_v.weight"), {r.embd, kv}, GgufWriter::Q6_K, l});
        t.append({p + QStringLiteral("attn_output.weight"), {r.embd, r.embd}, r.weightType, l});
        t.append({p + QStringLiteral("ffn_norm.weight"), {r.embd}, GgufWriter::F32, l});
        t.append({p + QStringLiteral("ffn_gate.weight"), {r.embd, r.ff}, r.weightType, l});
        t.append({p + QStringLiteral("ffn_up.weight"), {r.embd, r.ff}, r.weightType, l});
        t.append({p + QStringLiteral("ffn_down.weight"), {r.ff, r.embd}, GgufWriter::Q6_K, l});
    }
    t.append({QStringLiteral("output_norm.weight"), {r.embd}, GgufWriter::F32, -1});
    t.append({QStringLiteral("output.weight"), {r.embd, vocab}, GgufWriter::Q6_K, -1});
    return t;
}

} // namespace

GgufWriter llamaGguf(const LlamaGgufRecipe &recipe)
{
    GgufWriter w(recipe.version);
    addMetadata(w, recipe);
    for (const TensorSpec &t : llamaTensors(recipe)) {
        w.addTensor(t.name, t.dims, t.type);
    }
    return w;
}

QList<GgufWriter> splitLlamaGguf(const LlamaGgufRecipe &recipe, int shards)
{
    const QList<TensorSpec> tensors = llamaTensors(recipe);
    QList<QList<TensorSpec>> perShard(shards);
    for (const TensorSpec &t : tensors) {
        // token_embd in the first shard, output tensors in the last, layers spread evenly.
        const int s = t.layer < 0 ? (t.name.startsWith(QLatin1String("token_embd")) ? 0 : shards - 1)
                                  : t.layer * shards / std::max(recipe.layers, 1);
        perShard[s].append(t);
    }
    QList<GgufWriter> out;
    for (int s = 0; s < shards; ++s) {
        GgufWriter w(recipe.version);
        if (s == 0) {
            addMetadata(w, recipe);
        } else if (recipe.alignment != 0) {
            w.setAlignment(recipe.alignment);
        }
        w.setSplit(quint16(s), quint16(shards), qint32(tensors.size()));
        for (const TensorSpec &t : perShard[s]) {
            w.addTensor(t.name, t.dims, t.type);
        }
        out.append(w);
    }
    return out;
}

GgufWriter everyValueTypeGguf(quint32 version)
{
    using V = GgufValue;
    GgufWriter w(version);
    w.add(QStringLiteral("general.architecture"), V::string(QStringLiteral("fixture")));
    w.setAlignment(64);
    w.add(QStringLiteral("t.u8"), V::uint8(200));
    w.add(QStringLiteral("t.i8"), V::int8(-100));
    w.add(QStringLiteral("t.u16"), V::uint16(60000));
    w.add(QStringLiteral("t.i16"), V::int16(-30000));
    w.add(QStringLiteral("t.u32"), V::uint32(4000000000u));
    w.add(QStringLiteral("t.i32"), V::int32(-2000000000));
    w.add(QStringLiteral("t.f32"), V::float32(0.1f));
    w.add(QStringLiteral("t.bool"), V::boolean(true));
    w.add(QStringLiteral("t.string"), V::string(QStringLiteral("h\u00e9llo \u4e16\u754c")));
    w.add(QStringLiteral("t.u64"), V::uint64(123456789012345ULL));
    w.add(QStringLiteral("t.i64"), V::int64(-123456789012345LL));
    w.add(QStringLiteral("t.f64"), V::float64(2.718281828459045));
    w.add(QStringLiteral("a.u8"), V::array(V::UInt8, {V::uint8(1), V::uint8(2), V::uint8(255)}));
    w.add(QStringLiteral("a.i8"), V::array(V::Int8, {V::int8(-1), V::int8(127)}));
    w.add(QStringLiteral("a.u16"), V::array(V::UInt16, {V::uint16(1), V::uint16(65535)}));
    w.add(QStringLiteral("a.i16"), V::array(V::Int16, {V::int16(-32768), V::int16(5)}));
    w.add(QStringLiteral("a.u32"), V::array(V::UInt32, {V::uint32(7), V::uint32(4294967295u)}));
    w.add(QStringLiteral("a.i32"), V::int32Array({-5, 0, 5}));
    w.add(QStringLiteral("a.f32"), V::float32Array({0.5f, -1.25f}));
    w.add(QStringLiteral("a.bool"), V::array(V::Bool, {V::boolean(false), V::boolean(true)}));
    w.add(QStringLiteral("a.string"), V::stringArray({QStringLiteral("a"), QString(), QStringLiteral("\u00fc")}));
    w.add(QStringLiteral("a.u64"), V::array(V::UInt64, {V::uint64(1), V::uint64(1ULL << 40)}));
    w.add(QStringLiteral("a.i64"), V::array(V::Int64, {V::int64(-(1LL << 40)), V::int64(3)}));
    w.add(QStringLiteral("a.f64"), V::array(V::Float64, {V::float64(1e-300), V::float64(-0.5)}));
    w.add(QStringLiteral("a.empty"), V::array(V::UInt32, {}));
    w.add(QStringLiteral("a.nested_i32"),
          V::array(V::Array, {V::int32Array({1, 2}), V::int32Array({}), V::int32Array({3})}));
    w.add(QStringLiteral("a.nested_str"),
          V::array(V::Array, {V::array(V::Array, {V::stringArray({QStringLiteral("x"), QStringLiteral("y")})}),
                              V::array(V::Array, {})}));
    QList<GgufValue> big;
    for (int i = 0; i < 5000; ++i) {
        big.append(V::uint8(quint8(i)));
    }
    w.add(QStringLiteral("a.big_u8"), V::array(V::UInt8, big));
    w.addTensor(QStringLiteral("f32.weight"), {8, 3}, GgufWriter::F32);
    w.addTensor(QStringLiteral("q8.weight"), {64, 2}, GgufWriter::Q8_0);
    w.addTensor(QStringLiteral("iq4.weight"), {256}, GgufWriter::IQ4_XS);
    w.addTensor(QStringLiteral("mxfp4.weight"), {32, 4}, GgufWriter::MXFP4);
    w.addTensor(QStringLiteral("bf16.weight"), {4, 2, 2, 2}, GgufWriter::BF16);
    w.addTensor(QStringLiteral("nvfp4.weight"), {64}, 40);
    w.addTensorWithBytes(QStringLiteral("future.weight"), {16, 16}, 99, 128);
    w.addTensor(QStringLiteral("scalar"), {}, GgufWriter::F32);
    return w;
}

SafetensorsWriter everyDtypeSafetensors()
{
    SafetensorsWriter w;
    w.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
    const char *const dtypes[] = {"BOOL", "U8",  "I8",  "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ",
                                  "I16",  "U16", "F16", "BF16",    "I32",     "U32",     "F32",         "I64",
                                  "U64",  "F64", "C64", "F4",      "F6_E2M3", "F6_E3M2"};
    int i = 0;
    for (const char *d : dtypes) {
        const QString name =
            QStringLiteral("t%1.%2").arg(i++, 2, 10, QLatin1Char('0')).arg(QString::fromLatin1(d).toLower());
        w.addTensor(name, QLatin1String(d), {4, qint64(i + 1)});
    }
    w.addTensor(QStringLiteral("scalar.f32"), QStringLiteral("F32"), {});
    w.addTensor(QStringLiteral("empty.f16"), QStringLiteral("F16"), {0, 16});
    return w;
}

QList<std::pair<QString, SafetensorsWriter>> shardedSafetensors(int shards, int layers)
{
    const qint64 hidden = 64;
    QList<std::pair<QString, SafetensorsWriter>> out;
    for (int s = 0; s < shards; ++s) {
        out.append({QStringLiteral("model-%1-of-%2.safetensors")
                        .arg(s + 1, 5, 10, QLatin1Char('0'))
                        .arg(shards, 5, 10, QLatin1Char('0')),
                    SafetensorsWriter()});
    }
    out[0].second.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
    out[0].second.addTensor(QStringLiteral("model.embed_tokens.weight"), QStringLiteral("BF16"), {1000, hidden});
    for (int l = 0; l < layers; ++l) {
        SafetensorsWriter &w = out[l * shards / std::max(layers, 1)].second;
        w.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        w.addTensor(p + QStringLiteral("input_layernorm.weight"), QStringLiteral("F32"), {hidden});
        w.addTensor(p + QStringLiteral("self_attn.q_proj.weight"), QStringLiteral("BF16"), {hidden, hidden});
        w.addTensor(p + QStringLiteral("self_attn.k_proj.weight"), QStringLiteral("BF16"), {hidden / 4, hidden});
        w.addTensor(p + QStringLiteral("self_attn.v_proj.weight"), QStringLiteral("F16"), {hidden / 4, hidden});
        w.addTensor(p + QStringLiteral("mlp.down_proj.weight"), QStringLiteral("BF16"), {hidden, 2 * hidden});
    }
    out[shards - 1].second.setMetadata(QStringLiteral("format"), QStringLiteral("pt"));
    out[shards - 1].second.addTensor(QStringLiteral("lm_head.weight"), QStringLiteral("BF16"), {1000, hidden});
    return out;
}

} // namespace memspec::fixtures
