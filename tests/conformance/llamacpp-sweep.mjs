// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Our llama.cpp profile against llama.cpp itself. For each GGUF model of the registry, a synthetic GGUF with its exact
// architecture (gguf-synth.mjs: sparse, all-zero data) is sized by llama.cpp's no_alloc dry run (the prebuilt CPU
// llama.cpp of node-llama-cpp 3.21.1: model and context created without allocating a byte), over a sweep of context,
// ubatch, flash attention and KV type; every setting is then estimated with
// `memspec estimate KEY --runtime llama.cpp --device cpu --json` and compared line by line:
//   weights     <-> llama.cpp's model buffers (+ the CPU_REPACK copy a real load makes, see below)
//   kv_cache    <-> its KV buffer
//   activations <-> its compute buffer + output buffer
// Tolerance: each line within 2 % or 16 MiB. Settings llama.cpp refuses must be refused by memspec too.
//
// Usage: node llamacpp-sweep.mjs --memspec PATH [--markdown OUT.md] [--json OUT.json]
// Exit status: 0 all within tolerance, 1 a line out of tolerance (or a tool failed), 77 node-llama-cpp missing.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { arch, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { MODELS, writeSyntheticGguf } from "./gguf-synth.mjs";

const MiB = 1024 * 1024;
const TOL_PCT = 2;
const TOL_MIB = 16;

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const memspec = opt("--memspec");
if (!memspec) {
  console.error("usage: node llamacpp-sweep.mjs --memspec PATH [--markdown OUT.md] [--json OUT.json]");
  process.exit(2);
}

let nlc;
try {
  nlc = await import("node-llama-cpp");
} catch (e) {
  console.log(`SKIP: node-llama-cpp is not installed (run \`npm ci\` in tests/conformance): ${e.message}`);
  process.exit(77);
}

// llama.cpp's log lines arrive on the JS thread after the native call returns: keep the ones we read
let log = "";
const keep = /compute buffer size|output buffer size|preferred buffer type CPU_REPACK|n_ctx  |n_ubatch |requires flash_attn|graph splits|failed|error/i;
const llama = await nlc.getLlama({ gpu: false, build: "never", progressLogs: false, logLevel: nlc.LlamaLogLevel.debug,
  logger: (_level, message) => { if (keep.test(message)) log += message; } });
const bindings = llama._bindings;   // the addon: AddonModel / AddonContext take llama.cpp's no_alloc flag
const settle = async (re) => {
  // at most ~10 s on a loaded machine; a line that never comes leaves its figure NaN, which fails the comparison
  for (let i = 0; i < 5000 && !re.test(log); i++) await new Promise((r) => setTimeout(r, 2));
};
const ggmlType = { f16: 1, q8_0: 8 };

async function dryRunContext(model, s) {
  log = "";
  const ctx = new bindings.AddonContext(model, { contextSize: s.context, batchSize: s.ubatch, sequences: 1, threads: 1,
    flashAttention: s.flash, kvCacheKeyType: ggmlType[s.kv], kvCacheValueType: ggmlType[s.kv] });
  let ok = false;
  try { ok = await ctx.init(); } catch { ok = false; }
  if (!ok) {
    await settle(/requires|failed|error/i);
    return { refused: log.trim().split("\n").find((l) => /requires|failed|error/i.test(l)) ?? "context creation failed" };
  }
  await settle(/graph splits/);
  const compute = Number(/compute buffer size =\s*([\d.]+) MiB/.exec(log)?.[1]) * MiB;
  const output = Number(/output buffer size =\s*([\d.]+) MiB/.exec(log)?.[1]) * MiB;
  const total = ctx.getMemoryBreakdown().cpuRam;   // KV + compute, exact bytes
  await ctx.dispose();
  return { kv: total - compute, compute, output, nCtx: Number(/n_ctx\s+=\s*(\d+)/.exec(log)?.[1]), nUbatch: Number(/n_ubatch\s+=\s*(\d+)/.exec(log)?.[1]) };
}

function runMemspec(key, s) {
  const argv = ["estimate", key, "--runtime", "llama.cpp", "--device", "cpu", "--context", String(s.context), "--ubatch",
    String(s.ubatch), "--flash-attn", s.flash ? "on" : "off", "--kv-type", s.kv, "--json"];
  return new Promise((resolve) => {
    execFile(memspec, argv, { maxBuffer: 16 * MiB }, (err, stdout, stderr) => {
      if (err) {
        resolve({ refused: (stderr || err.message).trim().split("\n")[0], argv });
        return;
      }
      const est = JSON.parse(stdout);
      const line = (id) => est.lines.find((l) => l.id === id)?.bytes;
      resolve({ weights: line("weights"), kv: line("kv_cache"), act: line("activations"), notes: est.notes ?? [], argv });
    });
  });
}

// A pool of two memspec processes beside the dry runs (the CI machine has two cores).
function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  return Promise.all(Array.from({ length: width }, worker)).then(() => results);
}

const within = (ours, ref) => Math.abs(ours - ref) <= Math.max((TOL_PCT / 100) * ref, TOL_MIB * MiB);
const pct = (ours, ref) => (ref === 0 ? 0 : (100 * (ours - ref)) / ref);

const dir = mkdtempSync(join(tmpdir(), "memspec-llamacpp-"));
const report = { llama_cpp: "node-llama-cpp 3.21.1 prebuilt CPU llama.cpp (ggml-org/llama.cpp tag v0.4.0)", tolerance: `${TOL_PCT} % or ${TOL_MIB} MiB`, models: [] };
let failures = 0;
const started = Date.now();
try {
  for (const key of Object.keys(MODELS)) {
    const file = join(dir, `${key.split("/")[1]}.gguf`);
    const synth = writeSyntheticGguf(key, file);
    const disk = statSync(file).blocks * 512;
    if (disk > 64 * MiB) {
      console.log(`FAIL ${key}: the synthetic GGUF uses ${(disk / MiB).toFixed(1)} MiB of disk (not sparse)`);
      failures++;
    }
    if (synth.publishedTensors !== undefined && synth.publishedTensors !== synth.tensors.length) {
      console.log(`FAIL ${key}: ${synth.tensors.length} tensors, the published file has ${synth.publishedTensors} (facts)`);
      failures++;
    }
    log = "";
    const model = new bindings.AddonModel(file, { gpuLayers: 0, noAlloc: true, useMmap: true, useMlock: false });
    if (!(await model.init())) throw new Error(`llama.cpp could not load ${file}`);
    await settle(/preferred buffer type CPU_REPACK/);
    const modelBytes = model.getMemoryBreakdown().cpuRam;
    // A real load maps the file and copies the Q4_K mul_mat weights into a CPU_REPACK buffer beside it; the dry run
    // counts each tensor once, and its log names how many tensors could NOT go to CPU_REPACK.
    const notRepacked = /\(and (\d+) others\) cannot be used with preferred buffer type CPU_REPACK/.exec(log);
    const repackCount = notRepacked ? synth.tensors.length - 1 - Number(notRepacked[1]) : 0;
    const repackable = synth.tensors.filter((t) => t.type === "Q4_K" && t.name !== "token_embd.weight" && t.dims[1] % 8 === 0
      && (t.dims.length === 2 || t.name.includes("_exps.")));
    const repackOk = repackable.length === repackCount;
    if (!repackOk) {
      console.log(`FAIL ${key}: llama.cpp repacks ${repackCount} tensors, the Q4_K mul_mat rule names ${repackable.length}`);
      failures++;
    }
    const repackBytes = repackOk ? repackable.reduce((s, t) => s + t.bytes, 0) : 0;
    const refWeights = modelBytes + repackBytes;

    // every power-of-two context × ubatch 512 and 2048 × flash on/off with an f16 cache, and a q8_0 cache at ubatch 512
    // (flash on, and off, which llama.cpp refuses); ubatch 256 and 1024 too at 4,096 tokens and at the model's maximum
    // (about 90 ms per llama.cpp dry run of these models)
    const settings = [];
    const contexts = [];
    for (let c = 512; c <= synth.maxContext; c *= 2) contexts.push(c);
    for (const c of contexts) {
      const ubatches = c === 4096 || c === synth.maxContext ? [256, 512, 1024, 2048] : [512, 2048];
      for (const ubatch of ubatches) {
        for (const flash of [true, false]) {
          settings.push({ context: c, ubatch, flash, kv: "f16" });
          if (ubatch === 512) settings.push({ context: c, ubatch, flash, kv: "q8_0" });
        }
      }
    }
    const ours = pool(settings.map((s) => () => runMemspec(key, s)), 2);
    const refs = [];
    for (const s of settings) refs.push(await dryRunContext(model, s));
    const est = await ours;
    await model.dispose();

    const rows = [];
    settings.forEach((s, i) => {
      const r = refs[i];
      const o = est[i];
      const row = { ...s, ref: r, ours: o };
      if (r.refused || o.refused) {
        row.ok = Boolean(r.refused) && Boolean(o.refused);
        if (!row.ok) console.log(`FAIL ${key} ${JSON.stringify(s)}: llama.cpp ${r.refused ? `refuses (${r.refused})` : "runs"}, memspec ${o.refused ? `refuses (${o.refused})` : "estimates"}`);
      } else {
        const act = r.compute + r.output;
        row.checks = {
          weights: [o.weights, refWeights, within(o.weights, refWeights)],
          kv_cache: [o.kv, r.kv, within(o.kv, r.kv)],
          activations: [o.act, act, within(o.act, act)],
        };
        row.ok = Object.values(row.checks).every((c) => c[2]);
        if (!row.ok) {
          const bad = Object.entries(row.checks).filter(([, c]) => !c[2])
            .map(([id, [a, b]]) => `${id} ours ${(a / MiB).toFixed(2)} MiB vs llama.cpp ${(b / MiB).toFixed(2)} MiB (${pct(a, b).toFixed(2)} %)`);
          console.log(`FAIL ${key} ctx ${s.context} ubatch ${s.ubatch} flash ${s.flash ? "on" : "off"} kv ${s.kv}: ${bad.join("; ")}`);
        }
      }
      if (!row.ok) failures++;
      rows.push(row);
    });
    report.models.push({ key, arch: synth.arch, fileBytes: synth.fileBytes, diskBytes: disk, tensorBytes: synth.tensorBytes, census: synth.census,
      modelBytes, repackCount, repackBytes, rows });
    const worst = Math.max(...rows.filter((r) => r.checks).flatMap((r) => Object.values(r.checks).map(([a, b]) => Math.abs(pct(a, b)))));
    console.log(`${key}: ${rows.length} settings, ${rows.filter((r) => r.ok).length} agree, largest line error ${worst.toFixed(2)} %`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report.seconds = (Date.now() - started) / 1000;

// --- the docs/accuracy.md section ---
function markdown() {
  const mib = (b) => (b / MiB).toFixed(2);
  const all = report.models.flatMap((m) => m.rows.filter((r) => r.checks).flatMap((r) => Object.values(r.checks)));
  const worst = Math.max(...all.map(([a, b]) => Math.abs(pct(a, b))));
  const refusals = report.models.flatMap((m) => m.rows.filter((r) => !r.checks)).length;
  let md = "## Exact to llama.cpp (dry-run sweep)\n\n";
  md += "Generated by `tests/conformance/run-llamacpp-sweep.sh` (ctest `conformance_llamacpp_sweep`). Do not edit by hand.\n\n";
  md += `Each GGUF model of the registry is rebuilt as a synthetic GGUF with its exact architecture (the snapshot's hyperparameters, the tensors llama.cpp's loader creates, llama.cpp's Q4_K_M type recipe, the real vocabulary size, all-zero data in a sparse file) and sized by llama.cpp's own no_alloc dry run (${report.llama_cpp}, CPU backend): the model, KV and compute buffers are planned without allocating them. `;
  md += "Every setting is estimated with `memspec estimate KEY --runtime llama.cpp --device cpu --json`. Lines: weights ↔ model buffers plus the CPU_REPACK copy of the Q4_K mul_mat weights a real (mmap) load makes (tensor count confirmed by llama.cpp's loader log); kv_cache ↔ KV buffer; activations ↔ compute buffer + output buffer. ";
  md += `Run on ${arch()} (${cpus()[0]?.model ?? "unknown CPU"}), whose llama.cpp CPU backend repacks Q4_K weights as an AVX2 CPU does. `;
  md += `Tolerance ${report.tolerance} per line. Settings llama.cpp refuses (a q8_0 V cache with flash attention off) must be refused by memspec too.\n\n`;
  md += `**Summary:** ${all.length / 3} settings compared line by line and ${refusals} refusals matched; every line within ${worst.toFixed(2)} % of llama.cpp.\n\n`;
  md += "| model | synthetic file (bytes / on disk) | llama.cpp model buffers | + CPU_REPACK (tensors) | our weights line | error |\n|---|---:|---:|---:|---:|---:|\n";
  for (const m of report.models) {
    const r = m.rows.find((x) => x.checks);
    const [o, ref] = r.checks.weights;
    md += `| ${m.key} | ${m.fileBytes.toLocaleString("en-US")} / ${mib(m.diskBytes)} MiB | ${mib(m.modelBytes)} MiB | ${mib(m.repackBytes)} MiB (${m.repackCount}) | ${mib(o)} MiB | ${pct(o, ref).toFixed(2)} % |\n`;
  }
  md += "\nOur weights line reads the bundled snapshot's size of the published file (exact for Qwen3-Coder; approximate for Phi-4-reasoning, whose own size is not in the facts: phi-4's Q4_K_M display size, and for Kimi K2: the \"621 GB\" total of its 13 parts) plus the CPU_REPACK copy from llama.cpp's Q4_K_M recipe; the dry run sizes the synthetic file's exact tensors.\n";
  md += "\nPer setting (MiB; error = (ours − llama.cpp) / llama.cpp):\n\n";
  md += "| model | ctx | prefill chunk (--ubatch) | flash | KV | kv_cache ours | llama.cpp KV | error | activations ours | llama.cpp compute + output | error |\n|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (const m of report.models) {
    for (const r of m.rows) {
      const head = `| ${m.key.split("/")[1]} | ${r.context} | ${r.ubatch} | ${r.flash ? "on" : "off"} | ${r.kv} |`;
      if (!r.checks) {
        md += `${head} refused | refused | — | refused | refused | — |\n`;
        continue;
      }
      const [ok, rk] = r.checks.kv_cache;
      const [oa, ra] = r.checks.activations;
      md += `${head} ${mib(ok)} | ${mib(rk)} | ${pct(ok, rk).toFixed(2)} % | ${mib(oa)} | ${mib(ra)} | ${pct(oa, ra).toFixed(2)} % |\n`;
    }
  }
  return md;
}

const mdOut = opt("--markdown");
if (mdOut) writeFileSync(mdOut, markdown());
const jsonOut = opt("--json");
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1));
const compared = report.models.reduce((s, m) => s + m.rows.length, 0);
console.log(`${failures ? `${failures} failure(s)` : "all settings agree"}: ${compared} settings over ${report.models.length} models in ${report.seconds.toFixed(1)} s`);
await llama.dispose();
process.exit(failures ? 1 : 0);
