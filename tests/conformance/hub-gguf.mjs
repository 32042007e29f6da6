// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// @huggingface/gguf 0.4.6 against the mock hub: gguf() on a single file and ggufAllShards() on a 13-part split.
// Usage: MOCK_HUB=http://127.0.0.1:PORT node hub-gguf.mjs
import { gguf, ggufAllShards } from "@huggingface/gguf";

const hubUrl = process.env.MOCK_HUB;
if (!hubUrl) {
  console.error("set MOCK_HUB to the mock hub's URL");
  process.exit(2);
}
let failures = 0;
function check(what, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ` (${detail})` : ""}`);
  if (!ok) failures++;
}

const qwen = `${hubUrl}/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF/resolve/main/Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf`;
const single = await gguf(qwen, { computeParametersCount: true });
check("gguf: architecture", single.metadata["general.architecture"] === "qwen3moe", single.metadata["general.architecture"]);
check("gguf: block count", Number(single.metadata["qwen3moe.block_count"]) === 48);
check("gguf: tokenizer read across several 2 MB chunks", single.metadata["tokenizer.ggml.tokens"].length === 151936);
check("gguf: tensor infos", single.tensorInfos.length > 400, `${single.tensorInfos.length} tensors`);
check("gguf: parameter count", single.parameterCount > 1e10, String(single.parameterCount));

const phi = await gguf(`${hubUrl}/unsloth/Phi-4-reasoning-GGUF/resolve/main/phi-4-reasoning-Q4_K_M.gguf`);
check("gguf: phi3", phi.metadata["general.architecture"] === "phi3" && phi.tensorInfos.length === 2 + 40 * 6 + 1,
  `${phi.tensorInfos.length} tensors`);

const kimi = `${hubUrl}/unsloth/Kimi-K2-Instruct-GGUF/resolve/main/Q4_K_M/Kimi-K2-Instruct-Q4_K_M-00001-of-00013.gguf`;
const all = await ggufAllShards(kimi, { parallelDownloads: 13 });
check("ggufAllShards: 13 parts", all.shards.length === 13, `${all.shards.length} shards`);
check("ggufAllShards: metadata in part 1", all.shards[0].metadata["general.architecture"] === "deepseek2");
check("ggufAllShards: split keys", Number(all.shards[12].metadata["split.no"]) === 12 && Number(all.shards[12].metadata["split.count"]) === 13);
const tensors = all.shards.reduce((n, s) => n + s.tensorInfos.length, 0);
check("ggufAllShards: tensors across parts match split.tensors.count", tensors === Number(all.shards[0].metadata["split.tensors.count"]), `${tensors}`);
check("ggufAllShards: parameter count", all.parameterCount > 5e11, String(all.parameterCount));

if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("all checks passed");
