// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace memspec {

// Where a GGUF header probably ends, judged from a prefix of the file: walks the key/values and tensor infos that
// are present and extrapolates the rest (remaining array elements at the average size seen so far, remaining
// tensor infos likewise). Only sizes the next Range request; the parser in app/formats still decides what is
// valid. -1 when it cannot tell (not GGUF v2/v3, nested arrays, a prefix shorter than the preamble).
//
// Incremental: feed() takes the bytes that follow those fed so far and continues the walk where the previous call
// stopped, so a header read in many ranges is walked once in all (itemsWalked() counts the key/values, array
// strings and tensor infos stepped over; each is stepped over once). Only the unfinished item's bytes are kept.
class GgufSizeGuess final
{
public:
    void feed(const QByteArray &moreBytes);
    qint64 headerEnd() const { return m_end; } // the guess for the bytes fed so far
    qint64 bytesFed() const { return m_fed; }
    qint64 itemsWalked() const { return m_walked; }

    // One-shot: the guess for this prefix.
    static qint64 headerEnd(const QByteArray &prefix);

private:
    enum class Stage { Preamble, KvHead, KvValue, Strings, Tensors, Done, Failed };
    qint64 walk();
    qint64 rest(qint64 at, quint64 kvLeft) const;
    quint32 u32(qint64 at) const;
    quint64 u64(qint64 at) const;

    QByteArray m_buf; // file bytes [m_base, m_fed)
    qint64 m_base = 0;
    qint64 m_fed = 0;
    qint64 m_end = -1;
    qint64 m_walked = 0;
    Stage m_stage = Stage::Preamble;
    qint64 m_pos = 0; // next file offset to read (may lie past m_fed after a long value)
    quint64 m_tensors = 0;
    quint64 m_kvs = 0;
    quint64 m_kv = 0;           // key/values finished
    quint32 m_type = 0;         // KvValue: the value type of the current key
    bool m_keyIsModel = false;  // the current key is tokenizer.ggml.model
    bool m_keyIsTokens = false; // ... tokenizer.ggml.tokens
    qint64 m_count = 0;         // Strings: elements of the current string array
    qint64 m_index = 0;         //          elements walked
    qint64 m_start = 0;         //          offset of its first element
    quint64 m_tensor = 0;       // Tensors: tensor infos walked
    qint64 m_infoStart = 0;
    // tokenizer.ggml.model when seen: "gpt2" (BPE: merges follow) or not; a 4-byte value still on its way is
    // read when its bytes arrive.
    bool m_gpt2 = false;
    qint64 m_pendingModel = -1; // offset of those 4 bytes
};

} // namespace memspec
