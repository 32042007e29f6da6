// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace memspec {

// Element sizes come from the two format tables and nowhere else: the ggml tensor types (GgmlType, ggml.h and
// ggml-common.h; reference/hub-and-formats.md §7.3) and the safetensors dtypes (SafetensorsHeader::dtypeBits, §6.2),
// matched without regard to case, plus config.json's torch_dtype spellings float32, float16 and bfloat16.

// Bytes per element of a named dtype ("F32", "f16", "Q8_0", "IQ4_XS", "F4"); fractional for block quants, -1 when
// neither table knows the name (also for the removed ggml ids such as Q4_2).
double bytesPerElement(const QString &dtype);

// A quantized weight type: a ggml block type (Q4_K, IQ2_XS, TQ1_0, MXFP4, ...) or a GGUF quantization name
// built on one (Q4_K_M, IQ4_XS, Q8_0). F16, BF16, F32 and the safetensors dtypes are not.
bool isQuantized(const QString &name);

} // namespace memspec
