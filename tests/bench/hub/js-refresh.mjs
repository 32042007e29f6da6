// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The same refresh done with the Hugging Face JS clients (@huggingface/hub 2.17.5, @huggingface/gguf 0.4.6), all
// models concurrently: card and configs, file listing with sizes, and every weight header. Run by memspec-hub-bench.
// Usage: MOCK_HUB=http://127.0.0.1:PORT node js-refresh.mjs tasks.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CONFORMANCE_DIR + "/package.json");
const { downloadFile, listFiles, parseSafetensorsMetadata } = await import(require.resolve("@huggingface/hub"));
const { gguf, ggufAllShards } = await import(require.resolve("@huggingface/gguf"));

const hubUrl = process.env.MOCK_HUB;
const tasks = JSON.parse(readFileSync(process.argv[2], "utf8"));
const credentials = { accessToken: "hf_mock_approved" };
const headers = { Authorization: "Bearer hf_mock_approved" };

async function refresh(t) {
  const repo = { type: "model", name: t.repo };
  const jobs = [];
  jobs.push((async () => { for await (const _ of listFiles({ repo, recursive: true, hubUrl, credentials })); })());
  for (const p of t.texts) jobs.push(downloadFile({ repo, path: p, hubUrl, credentials }).then((b) => b && b.text()));
  const ggufParts = t.weights.filter((w) => w.endsWith(".gguf"));
  if (ggufParts.length > 1) {
    jobs.push(ggufAllShards(`${hubUrl}/${t.repo}/resolve/main/${ggufParts[0]}`, { additionalFetchHeaders: headers }));
  } else if (ggufParts.length === 1) {
    jobs.push(gguf(`${hubUrl}/${t.repo}/resolve/main/${ggufParts[0]}`, { additionalFetchHeaders: headers }));
  }
  for (const w of t.weights.filter((w) => w.endsWith(".safetensors"))) {
    jobs.push(parseSafetensorsMetadata({ repo, path: w, hubUrl, credentials }));
  }
  await Promise.all(jobs);
}

const start = performance.now();
await Promise.all(tasks.map(refresh));
console.log(JSON.stringify({ wallMs: Math.round(performance.now() - start) }));
