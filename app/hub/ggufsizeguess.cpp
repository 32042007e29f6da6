// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "ggufsizeguess.h"

#include <QtEndian>

namespace memspec {

namespace {

constexpr qint64 kTensorInfoGuess = 96;   // a typical "blk.N.ffn_gate_exps.weight" info with 3 dims
constexpr qint64 kKvGuess = 64;
constexpr quint64 kMaxStringLen = quint64(1) << 32;   // a longer GGUF string is not a header worth reading

qint64 scalarSize(quint32 type)
{
    switch (type) {
    case 0: case 1: case 7: return 1;
    case 2: case 3: return 2;
    case 4: case 5: case 6: return 4;
    case 10: case 11: case 12: return 8;
    default: return -1;
    }
}

} // namespace

qint64 GgufSizeGuess::headerEnd(const QByteArray &b)
{
    const qint64 size = b.size();
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    auto u32 = [&](qint64 at) { return qFromLittleEndian<quint32>(p + at); };
    auto u64 = [&](qint64 at) { return qFromLittleEndian<quint64>(p + at); };
    if (size < 24 || !b.startsWith("GGUF") || (u32(4) != 2 && u32(4) != 3)) {
        return -1;
    }
    const quint64 tensors = u64(8);
    const quint64 kvs = u64(16);
    if (tensors > 10'000'000 || kvs > 1'000'000) {
        return -1;
    }
    auto rest = [&](qint64 at, quint64 kvLeft) {
        return at + qint64(kvLeft) * kKvGuess + qint64(tensors) * kTensorInfoGuess + 32;
    };
    qint64 pos = 24;
    QByteArray tokenizerModel;   // tokenizer.ggml.model when seen: "gpt2" (BPE: merges follow) or "llama" (scores)
    for (quint64 kv = 0; kv < kvs; ++kv) {
        if (pos + 8 > size) {
            return rest(pos, kvs - kv);
        }
        const qint64 keyLen = qint64(u64(pos));
        if (keyLen < 0 || keyLen > 65535) {
            return -1;
        }
        if (pos + 8 + keyLen + 4 > size) {
            return rest(pos, kvs - kv);
        }
        const QByteArray key = b.mid(pos + 8, keyLen);
        pos += 8 + keyLen;
        const quint32 type = u32(pos);
        pos += 4;
        if (type == 8) {
            if (pos + 8 > size) {
                return rest(pos, kvs - kv);
            }
            if (u64(pos) > kMaxStringLen) {
                return -1;
            }
            const qint64 len = qint64(u64(pos));
            if (key == "tokenizer.ggml.model" && pos + 8 + len <= size) {
                tokenizerModel = b.mid(pos + 8, len);
            }
            pos += 8 + len;
        } else if (type == 9) {
            if (pos + 12 > size) {
                return rest(pos, kvs - kv);
            }
            const quint32 elem = u32(pos);
            const qint64 count = qint64(u64(pos + 4));
            pos += 12;
            if (count < 0 || count > 100'000'000) {
                return -1;
            }
            if (elem == 8) {
                const qint64 start = pos;
                for (qint64 i = 0; i < count; ++i) {
                    if (pos + 8 <= size && u64(pos) > kMaxStringLen) {
                        return -1;   // hostile or broken: never let a length wrap the position around
                    }
                    if (pos + 8 > size || pos + 8 + qint64(u64(pos)) > size) {
                        // later strings tend to be longer (a vocabulary starts with its single bytes, merged
                        // tokens grow): lean high
                        const qint64 avg = i > 0 ? (pos - start) / i : 16;
                        qint64 end = pos + (count - i) * avg * 5 / 4;
                        if (key == "tokenizer.ggml.tokens") {
                            // llama.cpp writes per-token arrays after the vocabulary: token_type (i32) always,
                            // then merges for BPE or scores (f32) otherwise. A merge "a b" spells the token it
                            // makes plus a space, so merges take about (avg + 1) bytes per token. Counting them
                            // now saves the round trips that would discover them one by one.
                            end += 12 + count * 4;
                            end += tokenizerModel == "gpt2" ? 12 + count * (avg + 1) * 9 / 8 : 12 + count * 4;
                        }
                        return rest(end, kvs - kv - 1);
                    }
                    pos += 8 + qint64(u64(pos));
                }
            } else if (scalarSize(elem) > 0) {
                pos += count * scalarSize(elem);
            } else {
                return -1;   // nested arrays: let the parser lead
            }
        } else if (scalarSize(type) > 0) {
            pos += scalarSize(type);
        } else {
            return -1;
        }
    }
    const qint64 infoStart = pos;
    for (quint64 t = 0; t < tensors; ++t) {
        if (pos + 8 > size) {
            const qint64 avg = t > 0 ? (pos - infoStart) / qint64(t) : kTensorInfoGuess;
            return pos + qint64(tensors - t) * avg + 32;
        }
        const qint64 nameLen = qint64(u64(pos));
        if (nameLen < 0 || nameLen > 65535 || pos + 8 + nameLen + 4 > size) {
            const qint64 avg = t > 0 ? (pos - infoStart) / qint64(t) : kTensorInfoGuess;
            return pos + qint64(tensors - t) * avg + 32;
        }
        const qint64 dims = u32(pos + 8 + nameLen);
        if (dims > 8) {
            return -1;
        }
        pos += 8 + nameLen + 4 + dims * 8 + 4 + 8;
    }
    return (pos + 31) / 32 * 32;   // alignment 32 unless general.alignment says otherwise; the parser corrects it
}

} // namespace memspec
