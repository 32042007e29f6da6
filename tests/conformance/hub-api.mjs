// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// @huggingface/hub 2.17.5 against the mock hub: listFiles (paginated), pathsInfo, fileDownloadInfo,
// parseSafetensorsMetadata (single file and sharded). Usage: MOCK_HUB=http://127.0.0.1:PORT node hub-api.mjs
import { listFiles, pathsInfo, fileDownloadInfo, parseSafetensorsMetadata } from "@huggingface/hub";

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
const model = (name) => ({ type: "model", name });

// listFiles follows the absolute Link header (the mock pages every 4 entries when started with --tree-page-size 4).
const kimi = [];
for await (const e of listFiles({ repo: model("unsloth/Kimi-K2-Instruct-GGUF"), recursive: true, hubUrl })) kimi.push(e);
const kimiFiles = kimi.filter((e) => e.type === "file");
check("listFiles recursive, paginated: 13 GGUF parts + README + config.json + .gitattributes", kimiFiles.length === 16, `${kimiFiles.length} files`);
check("listFiles lists the Q4_K_M folder", kimi.some((e) => e.type === "directory" && e.path === "Q4_K_M"));
const part = kimiFiles.find((e) => e.path.endsWith("-00001-of-00013.gguf"));
check("LFS entries carry lfs.oid and size", part && part.lfs && part.lfs.oid.length === 64 && part.size === part.lfs.size);

const info = await pathsInfo({ repo: model("sentence-transformers/all-MiniLM-L6-v2"), paths: ["README.md", "model.safetensors", "missing.bin"], expand: true, hubUrl });
check("pathsInfo leaves out missing paths", info.length === 2, `${info.length} entries`);
const st = info.find((e) => e.path === "model.safetensors");
check("pathsInfo gives the weight size", st && st.size === 90868376, st && String(st.size));
check("pathsInfo expand gives lastCommit", st && st.lastCommit && st.lastCommit.id.length === 40);

const dl = await fileDownloadInfo({ repo: model("sentence-transformers/all-MiniLM-L6-v2"), path: "model.safetensors", hubUrl });
check("fileDownloadInfo size of an LFS file through the CDN", dl && dl.size === 90868376, dl && String(dl.size));
check("fileDownloadInfo has an etag", dl && typeof dl.etag === "string" && dl.etag.length > 0);
const cfg = await fileDownloadInfo({ repo: model("sentence-transformers/all-MiniLM-L6-v2"), path: "config.json", hubUrl });
check("fileDownloadInfo of a git file through the resolve-cache redirect", cfg && cfg.size > 0);
const missing = await fileDownloadInfo({ repo: model("sentence-transformers/all-MiniLM-L6-v2"), path: "missing.bin", hubUrl });
check("fileDownloadInfo of a missing file is null (EntryNotFound)", missing === null);

const single = await parseSafetensorsMetadata({ repo: model("sentence-transformers/all-MiniLM-L6-v2"), hubUrl });
check("parseSafetensorsMetadata single file", single.sharded === false && Object.keys(single.header).length > 5,
  `${Object.keys(single.header).length} header keys`);

const sharded = await parseSafetensorsMetadata({ repo: model("Alibaba-NLP/gte-Qwen2-1.5B-instruct"), hubUrl });
check("parseSafetensorsMetadata sharded", sharded.sharded === true && Object.keys(sharded.headers).length === 2,
  sharded.sharded ? `${Object.keys(sharded.headers).length} shards` : "not sharded");

const flux = await parseSafetensorsMetadata({ repo: model("black-forest-labs/FLUX.1-schnell"), path: "ae.safetensors", hubUrl, credentials: { accessToken: "hf_mock_approved" } });
check("parseSafetensorsMetadata with an explicit path in a gated repo, with a token", flux.sharded === false && Object.keys(flux.header).length > 1);

if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("all checks passed");
