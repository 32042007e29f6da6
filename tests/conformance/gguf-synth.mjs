// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Synthetic GGUF v3 files with the exact architecture of the registry's GGUF models: the real hyperparameters (from
// the bundled snapshot, resources/snapshot), the tensor list llama.cpp's loader asks for, the tensor types llama.cpp's
// Q4_K_M recipe picks (src/llama-quant.cpp), a vocabulary of the real size, and all-zero tensor data written as a
// sparse file (a 600 GB model takes a few MB of disk). Node standard library only.
//
// Usage: node gguf-synth.mjs KEY OUT.gguf      (KEY: a registry key, e.g. unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF)
import { closeSync, openSync, readFileSync, ftruncateSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// ggml type ids, block sizes and block bytes (ggml/include/ggml.h, ggml/src/ggml.c type traits)
export const GGML = {
  F32: { id: 0, block: 1, bytes: 4 },
  F16: { id: 1, block: 1, bytes: 2 },
  Q5_0: { id: 6, block: 32, bytes: 22 },
  Q5_1: { id: 7, block: 32, bytes: 24 },
  Q8_0: { id: 8, block: 32, bytes: 34 },
  Q4_K: { id: 12, block: 256, bytes: 144 },
  Q5_K: { id: 13, block: 256, bytes: 176 },
  Q6_K: { id: 14, block: 256, bytes: 210 },
};

export function tensorBytes(type, dims) {
  const t = GGML[type];
  const rows = dims.slice(1).reduce((a, b) => a * b, 1);
  return (dims[0] / t.block) * t.bytes * rows;
}

// The registry models this generator knows, by key: the snapshot file holding their facts and the architecture.
export const MODELS = {
  "unsloth/Phi-4-reasoning-GGUF": { snapshot: "microsoft__phi-4.json", arch: "phi3" },
  "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF": { snapshot: "unsloth__Qwen3-Coder-30B-A3B-Instruct-GGUF.json", arch: "qwen3moe" },
  "unsloth/Kimi-K2-Instruct-GGUF": { snapshot: "unsloth__Kimi-K2-Instruct-GGUF.json", arch: "deepseek2" },
};

function snapshotConfig(key) {
  const m = MODELS[key];
  if (!m) throw new Error(`gguf-synth: no synthetic GGUF for "${key}" (known: ${Object.keys(MODELS).join(", ")})`);
  const snap = JSON.parse(readFileSync(join(repoRoot, "resources", "snapshot", m.snapshot), "utf8"));
  // the tensor count the facts record for the published file ("... (243 tensors)", "1096 tensors in ...", 579)
  const md = snap.gguf?.gguf_metadata ?? {};
  const counted = /(\d+) tensors/.exec(String(md.tensor_types_q4_k_m ?? md.tensors ?? ""))?.[1] ?? md.tensors;
  return { arch: m.arch, c: snap.config, md, publishedTensors: counted === undefined ? undefined : Number(counted) };
}

// Hyperparameters (GGUF metadata) and the tensor list llama.cpp's loader creates for the architecture
// (src/models/phi3.cpp, qwen3moe.cpp, deepseek2.cpp), in F32/F16 "source" form; types are assigned afterwards.
function plan(key) {
  const { arch, c, publishedTensors } = snapshotConfig(key);
  const kv = [];
  const t = [];
  const h = c.hidden_size;
  const L = c.num_hidden_layers;
  const V = c.vocab_size;
  const u32 = (k, v) => kv.push([`${arch}.${k}`, "u32", v]);
  const f32 = (k, v) => kv.push([`${arch}.${k}`, "f32", v]);
  u32("context_length", c.max_position_embeddings);
  u32("embedding_length", h);
  u32("block_count", L);
  u32("attention.head_count", c.num_attention_heads);
  f32("attention.layer_norm_rms_epsilon", c.rms_norm_eps);
  f32("rope.freq_base", c.rope_theta);
  t.push(["token_embd.weight", [h, V]]);
  if (arch === "phi3") {
    const hd = h / c.num_attention_heads;
    const kvh = c.num_key_value_heads;
    u32("feed_forward_length", c.intermediate_size);
    u32("attention.head_count_kv", kvh);
    u32("rope.dimension_count", hd);
    for (let i = 0; i < L; i++) {
      const b = `blk.${i}.`;
      t.push([b + "attn_norm.weight", [h]], [b + "attn_qkv.weight", [h, h + 2 * kvh * hd]], [b + "attn_output.weight", [h, h]],
        [b + "ffn_norm.weight", [h]], [b + "ffn_down.weight", [c.intermediate_size, h]], [b + "ffn_up.weight", [h, 2 * c.intermediate_size]]);
    }
  } else if (arch === "qwen3moe") {
    const hd = c.head_dim;
    const kvh = c.num_key_value_heads;
    const E = c.num_experts;
    const ff = c.moe_intermediate_size;
    u32("feed_forward_length", c.intermediate_size);
    u32("attention.head_count_kv", kvh);
    u32("attention.key_length", hd);
    u32("attention.value_length", hd);
    u32("expert_count", E);
    u32("expert_used_count", c.num_experts_per_tok);
    u32("expert_feed_forward_length", ff);
    for (let i = 0; i < L; i++) {
      const b = `blk.${i}.`;
      t.push([b + "attn_norm.weight", [h]], [b + "attn_q.weight", [h, c.num_attention_heads * hd]], [b + "attn_k.weight", [h, kvh * hd]],
        [b + "attn_v.weight", [h, kvh * hd]], [b + "attn_output.weight", [c.num_attention_heads * hd, h]],
        [b + "attn_k_norm.weight", [hd]], [b + "attn_q_norm.weight", [hd]], [b + "ffn_norm.weight", [h]],
        [b + "ffn_gate_inp.weight", [h, E]], [b + "ffn_gate_exps.weight", [h, ff, E]], [b + "ffn_down_exps.weight", [ff, h, E]],
        [b + "ffn_up_exps.weight", [h, ff, E]]);
    }
  } else if (arch === "deepseek2") {
    // MLA as convert_hf_to_gguf writes it since llama.cpp PR #12801: one KV head of kv_lora_rank + rope dims, the
    // decompressed head sizes in *_mla keys, and attn_kv_b split into attn_k_b / attn_v_b
    const H = c.num_attention_heads;
    const rope = c.qk_rope_head_dim;
    const nope = c.qk_nope_head_dim;
    const vd = c.v_head_dim;
    const r = c.kv_lora_rank;
    const q = c.q_lora_rank;
    const E = c.n_routed_experts;
    const ff = c.moe_intermediate_size;
    const sh = c.n_shared_experts;
    u32("feed_forward_length", c.intermediate_size);
    u32("attention.head_count_kv", 1);
    u32("attention.key_length", r + rope);
    u32("attention.value_length", r);
    u32("attention.key_length_mla", nope + rope);
    u32("attention.value_length_mla", vd);
    u32("attention.kv_lora_rank", r);
    u32("attention.q_lora_rank", q);
    u32("rope.dimension_count", rope);
    kv.push([`${arch}.rope.scaling.type`, "str", c.rope_scaling.type]);
    f32("rope.scaling.factor", c.rope_scaling.factor);
    u32("rope.scaling.original_context_length", c.rope_scaling.original_max_position_embeddings);
    f32("rope.scaling.yarn_log_multiplier", 0.1);
    u32("leading_dense_block_count", c.first_k_dense_replace);
    u32("expert_count", E);
    u32("expert_used_count", c.num_experts_per_tok);
    u32("expert_shared_count", sh);
    u32("expert_feed_forward_length", ff);
    f32("expert_weights_scale", c.routed_scaling_factor);
    kv.push([`${arch}.expert_weights_norm`, "bool", true]);
    u32("expert_gating_func", c.scoring_func === "sigmoid" ? 2 : 1);
    u32("vocab_size", V);
    for (let i = 0; i < L; i++) {
      const b = `blk.${i}.`;
      t.push([b + "attn_norm.weight", [h]], [b + "attn_q_a_norm.weight", [q]], [b + "attn_kv_a_norm.weight", [r]],
        [b + "attn_q_a.weight", [h, q]], [b + "attn_q_b.weight", [q, H * (nope + rope)]], [b + "attn_kv_a_mqa.weight", [h, r + rope]],
        [b + "attn_k_b.weight", [nope, r, H]], [b + "attn_v_b.weight", [r, vd, H]], [b + "attn_output.weight", [H * vd, h]],
        [b + "ffn_norm.weight", [h]]);
      if (i < c.first_k_dense_replace) {
        t.push([b + "ffn_gate.weight", [h, c.intermediate_size]], [b + "ffn_down.weight", [c.intermediate_size, h]],
          [b + "ffn_up.weight", [h, c.intermediate_size]]);
      } else {
        t.push([b + "ffn_gate_inp.weight", [h, E]], [b + "exp_probs_b.bias", [E]], [b + "ffn_down_exps.weight", [ff, h, E]],
          [b + "ffn_gate_exps.weight", [h, ff, E]], [b + "ffn_up_exps.weight", [h, ff, E]],
          [b + "ffn_gate_shexp.weight", [h, ff * sh]], [b + "ffn_down_shexp.weight", [ff * sh, h]], [b + "ffn_up_shexp.weight", [h, ff * sh]]);
      }
    }
  } else {
    throw new Error(`gguf-synth: architecture ${arch} not modelled`);
  }
  t.push(["output_norm.weight", [h]], ["output.weight", [h, V]]);
  const nExpert = c.num_experts ?? c.n_routed_experts ?? 0;
  return { arch, c, kv, tensors: assignQ4KM(t, L, nExpert), vocab: V, publishedTensors };
}

// llama.cpp's Q4_K_M mix (src/llama-quant.cpp, llama_tensor_get_type_impl and tensor_type_fallback) for the
// categories these architectures have: base type Q4_K; output Q6_K; attention-V-like tensors (attn_v, attn_qkv,
// attn_kv_b) and ffn_down Q6_K on "more bits" layers (the first and last eighth and every third in between); 8-expert
// models bump attn_v/attn_k to Q8_0 and attn_output to Q5_K; a row not divisible by 256 falls back to a 32-block type.
function assignQ4KM(tensors, nLayer, nExpert) {
  const moreBits = (i, n) => i < Math.floor(n / 8) || i >= Math.floor((7 * n) / 8) || (i - Math.floor(n / 8)) % 3 === 2;
  const category = (name) => {
    if (name === "output.weight") return "output";
    if (name === "token_embd.weight") return "token_embd";
    for (const [pat, cat] of [["attn_qkv.weight", "attn_v"], ["attn_kv_b.weight", "attn_v"], ["attn_v.weight", "attn_v"],
      ["attn_k.weight", "attn_k"], ["attn_q.weight", "attn_q"], ["attn_output.weight", "attn_output"], ["ffn_up", "ffn_up"],
      ["ffn_gate", "ffn_gate"], ["ffn_down", "ffn_down"]]) {
      if (name.includes(pat)) return cat;
    }
    return "other";
  };
  const quantizable = (name, dims) => dims.length >= 2 && name.endsWith("weight") && !name.includes("_norm.weight")
    && !name.includes("ffn_gate_inp.weight");
  const nAttnV = tensors.filter(([n]) => category(n) === "attn_v").length;
  let iAttnV = 0;
  let iFfnDown = 0;
  return tensors.map(([name, dims]) => {
    if (!quantizable(name, dims)) return { name, dims, type: "F32" };
    const cat = category(name);
    let type = "Q4_K";
    if (cat === "output") {
      type = dims[0] % 256 !== 0 ? "Q8_0" : "Q6_K";
    } else if (cat === "attn_v") {
      if (moreBits(iAttnV, nAttnV)) type = "Q6_K";
      if (nExpert === 8) type = "Q8_0";
      ++iAttnV;
    } else if (cat === "attn_k") {
      if (nExpert === 8) type = "Q8_0";
    } else if (cat === "ffn_down") {
      const layer = nExpert > 1 ? Number(/^blk\.(\d+)\./.exec(name)[1]) : iFfnDown;
      if (moreBits(layer, nLayer)) type = "Q6_K";
      ++iFfnDown;
    } else if (cat === "attn_output" && nExpert === 8) {
      type = "Q5_K";
    }
    if (dims[0] % GGML[type].block !== 0) {
      type = { Q4_K: "Q5_0", Q5_K: "Q5_1", Q6_K: "Q8_0" }[type] ?? type;
      if (dims[0] % GGML[type].block !== 0) type = "F16";
    }
    return { name, dims, type };
  });
}

// --- GGUF v3 encoding (little-endian; strings and counts are u64) ---
class Out {
  constructor() { this.parts = []; this.size = 0; }
  push(buf) { this.parts.push(buf); this.size += buf.length; }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.push(b); }
  u64(v) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); this.push(b); }
  f32(v) { const b = Buffer.alloc(4); b.writeFloatLE(v); this.push(b); }
  str(s) { const b = Buffer.from(s, "utf8"); this.u64(b.length); this.push(b); }
}
const T = { u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9 };

function writeKv(o, [key, type, value]) {
  o.str(key);
  if (type === "arr") {
    const [elem, items] = value;
    o.u32(T.arr); o.u32(T[elem]); o.u64(items.length);
    if (elem === "str") { for (const s of items) o.str(s); }
    else {
      const b = Buffer.alloc(4 * items.length);
      items.forEach((v, i) => (elem === "f32" ? b.writeFloatLE(v, 4 * i) : b.writeInt32LE(v, 4 * i)));
      o.push(b);
    }
    return;
  }
  o.u32(T[type]);
  if (type === "u32") o.u32(value);
  else if (type === "f32") o.f32(value);
  else if (type === "bool") o.push(Buffer.from([value ? 1 : 0]));
  else o.str(value);
}

// A SentencePiece-style vocabulary of the real size: <unk>, <s>, </s>, the 256 byte tokens, then placeholders.
function vocabulary(n) {
  const tokens = ["<unk>", "<s>", "</s>"];
  for (let b = 0; b < 256; b++) tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  while (tokens.length < n) tokens.push(`tok${tokens.length}`);
  const types = tokens.map((_, i) => (i === 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1));
  return [["tokenizer.ggml.model", "str", "llama"], ["tokenizer.ggml.tokens", "arr", ["str", tokens]],
    ["tokenizer.ggml.scores", "arr", ["f32", tokens.map(() => 0)]], ["tokenizer.ggml.token_type", "arr", ["i32", types]],
    ["tokenizer.ggml.bos_token_id", "u32", 1], ["tokenizer.ggml.eos_token_id", "u32", 2]];
}

// Writes the file; returns { path, fileBytes, tensorBytes, census: {type: count}, tensors }.
export function writeSyntheticGguf(key, path) {
  const p = plan(key);
  const kvs = [["general.architecture", "str", p.arch], ["general.name", "str", `synthetic ${key}`],
    ["general.file_type", "u32", 15], ["general.alignment", "u32", 32], ...p.kv, ...vocabulary(p.vocab)];
  const o = new Out();
  o.push(Buffer.from("GGUF")); o.u32(3); o.u64(p.tensors.length); o.u64(kvs.length);
  for (const kv of kvs) writeKv(o, kv);
  let offset = 0;
  const census = {};
  for (const t of p.tensors) {
    o.str(t.name); o.u32(t.dims.length);
    for (const d of t.dims) o.u64(d);
    o.u32(GGML[t.type].id); o.u64(offset);
    t.bytes = tensorBytes(t.type, t.dims);
    offset += Math.ceil(t.bytes / 32) * 32;
    census[t.type] = (census[t.type] ?? 0) + 1;
  }
  const headerEnd = Math.ceil(o.size / 32) * 32;
  o.push(Buffer.alloc(headerEnd - o.size));
  const fd = openSync(path, "w");
  try {
    writeSync(fd, Buffer.concat(o.parts));
    ftruncateSync(fd, headerEnd + offset);   // the data stays a hole: all zeros, no disk blocks
  } finally {
    closeSync(fd);
  }
  const tensorTotal = p.tensors.reduce((s, t) => s + t.bytes, 0);
  return { path, arch: p.arch, fileBytes: headerEnd + offset, tensorBytes: tensorTotal, census, tensors: p.tensors,
    maxContext: p.c.max_position_embeddings, publishedTensors: p.publishedTensors };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [key, out] = process.argv.slice(2);
  if (!key || !out) {
    console.error("usage: node gguf-synth.mjs KEY OUT.gguf");
    process.exit(2);
  }
  const r = writeSyntheticGguf(key, out);
  delete r.tensors;
  console.log(JSON.stringify(r));
}
