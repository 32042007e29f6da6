// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Reads GGUF files with the pinned @huggingface/gguf and prints one canonical JSON object per file, in the form
// the C++ conformance test (tests/core/formats/conformance_test.cpp) builds from memspec::GgufHeaderParser:
//   64-bit integers and shape dims as decimal strings; arrays longer than 4096 as {"length", "head": first 16}.
// Usage: node gguf-read.mjs FILE.gguf...
import { gguf } from "@huggingface/gguf";

const KEEP_WHOLE = 4096;
const HEAD = 16;

function canonical(v) {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) {
    if (v.length > KEEP_WHOLE) return { length: v.length, head: v.slice(0, HEAD).map(canonical) };
    return v.map(canonical);
  }
  return v;
}

const out = {};
for (const file of process.argv.slice(2)) {
  const r = await gguf(file, { allowLocalFile: true, computeParametersCount: true });
  const metadata = {};
  for (const [k, v] of Object.entries(r.metadata)) {
    if (k === "version" || k === "tensor_count" || k === "kv_count") continue;
    metadata[k] = canonical(v);
  }
  out[file] = {
    version: r.metadata.version,
    littleEndian: r.littleEndian,
    tensorDataOffset: r.tensorDataOffset.toString(),
    metadata,
    tensors: r.tensorInfos.map((t) => ({
      name: t.name,
      shape: t.shape.map((d) => d.toString()),
      type: t.dtype,
      offset: t.offset.toString(),
    })),
    parameterCount: Number(r.parameterCount),
  };
}
process.stdout.write(JSON.stringify(out));
