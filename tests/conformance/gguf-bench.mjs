// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Times the pinned @huggingface/gguf on a local file: node gguf-bench.mjs FILE [RUNS]  (median of RUNS, after one
// warm-up). Used by tests/bench/run-header-bench.sh.
import { gguf } from "@huggingface/gguf";

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
await gguf(file, { allowLocalFile: true });
const times = [];
let headerBytes = 0;
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const r = await gguf(file, { allowLocalFile: true });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  headerBytes = Number(r.tensorDataOffset);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ reader: "@huggingface/gguf 0.4.6", header_bytes: headerBytes, runs, median_ms: +median.toFixed(3),
  MBps: +((headerBytes / 1e6) / (median / 1e3)).toFixed(1) }));
