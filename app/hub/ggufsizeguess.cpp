// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "ggufsizeguess.h"

#include <QtEndian>

#include <algorithm>

namespace memspec {

namespace {

constexpr qint64 kTensorInfoGuess = 96; // a typical "blk.N.ffn_gate_exps.weight" info with 3 dims
constexpr qint64 kKvGuess = 64;
constexpr quint64 kMaxStringLen = quint64(1) << 32; // a longer GGUF string is not a header worth reading

qint64 scalarSize(quint32 type)
{
    switch (type) {
    case 0:
    case 1:
    case 7:
        return 1;
    case 2:
    case 3:
        return 2;
    case 4:
    case 5:
    case 6:
        return 4;
    case 10:
    case 11:
    case 12:
        return 8;
    default:
        return -1;
    }
}

} // namespace

qint64 GgufSizeGuess::headerEnd(const QByteArray &prefix)
{
    GgufSizeGuess g;
    g.feed(prefix);
    return g.headerEnd();
}

quint32 GgufSizeGuess::u32(qint64 at) const
{
    return qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(m_buf.constData()) + (at - m_base));
}

quint64 GgufSizeGuess::u64(qint64 at) const
{
    return qFromLittleEndian<quint64>(reinterpret_cast<const uchar *>(m_buf.constData()) + (at - m_base));
}

qint64 GgufSizeGuess::rest(qint64 at, quint64 kvLeft) const
{
    // After many key/values, their average so far when smaller: a million tiny keys are not 64 MB.
    const qint64 perKv =
        m_kv >= 64 ? std::min<qint64>(kKvGuess, std::max<qint64>(1, (at - 24) / qint64(m_kv))) : kKvGuess;
    return at + qint64(kvLeft) * perKv + qint64(m_tensors) * kTensorInfoGuess + 32;
}

void GgufSizeGuess::feed(const QByteArray &moreBytes)
{
    m_buf.append(moreBytes);
    m_fed += moreBytes.size();
    m_end = walk();
    // Keep only what the walk has not finished with: the current item, and a tokenizer model still on its way.
    qint64 keep = std::min(m_pos, m_fed);
    if (m_pendingModel >= 0) {
        keep = std::min(keep, m_pendingModel);
    }
    if (m_stage == Stage::Preamble) {
        keep = 0;
    }
    if (keep > m_base) {
        m_buf.remove(0, qsizetype(keep - m_base));
        m_base = keep;
    }
}

qint64 GgufSizeGuess::walk()
{
    const qint64 size = m_fed;
    if (m_pendingModel >= 0 && m_pendingModel + 4 <= size) {
        m_gpt2 = u32(m_pendingModel) == qFromLittleEndian<quint32>("gpt2");
        m_pendingModel = -1;
    }
    for (;;) {
        switch (m_stage) {
        case Stage::Failed:
            return -1;
        case Stage::Done:
            return (m_pos + 31) / 32 *
                   32; // alignment 32 unless general.alignment says otherwise; the parser corrects it
        case Stage::Preamble: {
            if (size < 24) {
                return -1;
            }
            if (!m_buf.startsWith("GGUF") || (u32(4) != 2 && u32(4) != 3)) {
                m_stage = Stage::Failed;
                break;
            }
            m_tensors = u64(8);
            m_kvs = u64(16);
            if (m_tensors > 10'000'000 || m_kvs > 1'000'000) {
                m_stage = Stage::Failed;
                break;
            }
            m_pos = 24;
            m_stage = Stage::KvHead;
            break;
        }
        case Stage::KvHead: {
            if (m_kv == m_kvs) {
                m_infoStart = m_pos;
                m_tensor = 0;
                m_stage = Stage::Tensors;
                break;
            }
            if (m_pos + 8 > size) {
                return rest(m_pos, m_kvs - m_kv);
            }
            const qint64 keyLen = qint64(u64(m_pos));
            if (keyLen < 0 || keyLen > 65535) {
                m_stage = Stage::Failed;
                break;
            }
            if (m_pos + 8 + keyLen + 4 > size) {
                return rest(m_pos, m_kvs - m_kv);
            }
            const QByteArrayView key(m_buf.constData() + (m_pos + 8 - m_base), keyLen);
            m_keyIsModel = key == QByteArrayView("tokenizer.ggml.model");
            m_keyIsTokens = key == QByteArrayView("tokenizer.ggml.tokens");
            m_pos += 8 + keyLen;
            m_type = u32(m_pos);
            m_pos += 4;
            ++m_walked;
            m_stage = Stage::KvValue;
            break;
        }
        case Stage::KvValue: {
            if (m_type == 8) {
                if (m_pos + 8 > size) {
                    return rest(m_pos, m_kvs - m_kv);
                }
                if (u64(m_pos) > kMaxStringLen) {
                    m_stage = Stage::Failed;
                    break;
                }
                const qint64 len = qint64(u64(m_pos));
                if (m_keyIsModel) {
                    m_gpt2 = false;
                    m_pendingModel = len == 4 ? m_pos + 8 : -1; // only "gpt2" matters: other lengths are not it
                    if (m_pendingModel >= 0 && m_pendingModel + 4 <= size) {
                        m_gpt2 = u32(m_pendingModel) == qFromLittleEndian<quint32>("gpt2");
                        m_pendingModel = -1;
                    }
                }
                m_pos += 8 + len;
            } else if (m_type == 9) {
                if (m_pos + 12 > size) {
                    return rest(m_pos, m_kvs - m_kv);
                }
                const quint32 elem = u32(m_pos);
                const qint64 count = qint64(u64(m_pos + 4));
                m_pos += 12;
                if (count < 0 || count > 100'000'000) {
                    m_stage = Stage::Failed;
                    break;
                }
                if (elem == 8) {
                    m_count = count;
                    m_index = 0;
                    m_start = m_pos;
                    m_stage = Stage::Strings;
                    break;
                }
                if (scalarSize(elem) <= 0) {
                    m_stage = Stage::Failed; // nested arrays: let the parser lead
                    break;
                }
                m_pos += count * scalarSize(elem);
            } else if (scalarSize(m_type) > 0) {
                m_pos += scalarSize(m_type);
            } else {
                m_stage = Stage::Failed;
                break;
            }
            ++m_kv;
            m_stage = Stage::KvHead;
            break;
        }
        case Stage::Strings: {
            while (m_index < m_count) {
                if (m_pos + 8 <= size && u64(m_pos) > kMaxStringLen) {
                    m_stage = Stage::Failed; // hostile or broken: never let a length wrap the position around
                    return -1;
                }
                if (m_pos + 8 > size || m_pos + 8 + qint64(u64(m_pos)) > size) {
                    // later strings tend to be longer (a vocabulary starts with its single bytes, merged tokens
                    // grow): lean high
                    const qint64 avg = m_index > 0 ? (m_pos - m_start) / m_index : 16;
                    qint64 end = m_pos + (m_count - m_index) * avg * 5 / 4;
                    if (m_keyIsTokens) {
                        // llama.cpp writes per-token arrays after the vocabulary: token_type (i32) always, then
                        // merges for BPE or scores (f32) otherwise. A merge "a b" spells the token it makes plus a
                        // space, so merges take about (avg + 1) bytes per token. Counting them now saves the round
                        // trips that would discover them one by one.
                        end += 12 + m_count * 4;
                        end += m_gpt2 ? 12 + m_count * (avg + 1) * 9 / 8 : 12 + m_count * 4;
                    }
                    return rest(end, m_kvs - m_kv - 1);
                }
                m_pos += 8 + qint64(u64(m_pos));
                ++m_index;
                ++m_walked;
            }
            ++m_kv;
            m_stage = Stage::KvHead;
            break;
        }
        case Stage::Tensors: {
            while (m_tensor < m_tensors) {
                const qint64 avg = m_tensor > 0 ? (m_pos - m_infoStart) / qint64(m_tensor) : kTensorInfoGuess;
                if (m_pos + 8 > size) {
                    return m_pos + qint64(m_tensors - m_tensor) * avg + 32;
                }
                const qint64 nameLen = qint64(u64(m_pos));
                if (nameLen < 0 || nameLen > 65535 || m_pos + 8 + nameLen + 4 > size) {
                    return m_pos + qint64(m_tensors - m_tensor) * avg + 32;
                }
                const qint64 dims = u32(m_pos + 8 + nameLen);
                if (dims > 8) {
                    m_stage = Stage::Failed;
                    return -1;
                }
                m_pos += 8 + nameLen + 4 + dims * 8 + 4 + 8;
                ++m_tensor;
                ++m_walked;
            }
            m_stage = Stage::Done;
            break;
        }
        }
    }
}

} // namespace memspec
