#!/usr/bin/env python3
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
"""Builds resources/snapshot/*.json (the bundled offline facts) from the sourced facts in ../shared/facts.

Usage: python3 resources/tools/build_snapshot.py [FACTS_DIR]

Rules: every value keeps its source; a number that is not in the facts stays null (never invented); sizes read
from a display string ("4.99 GB") are marked approximate; notes from the facts travel as notes.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.dirname(HERE)
FACTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(RES, "..", "..", "shared", "facts")

FACT_FILE = {
    "dunzhang/stella_en_1.5B_v5": "stella-en-1.5b-v5.json",
    "sentence-transformers/all-MiniLM-L6-v2": "all-minilm-l6-v2.json",
    "Alibaba-NLP/gte-Qwen2-1.5B-instruct": "gte-qwen2-1.5b-instruct.json",
    "jinaai/jina-embeddings-v2-base-en": "jina-embeddings-v2-base-en.json",
    "nvidia/NV-Embed-v2": "nv-embed-v2.json",
    "microsoft/phi-4": "phi-4.json",
    "unsloth/Kimi-K2-Instruct-GGUF": "kimi-k2-instruct-gguf.json",
    "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF": "qwen3-coder-30b-a3b-instruct-gguf.json",
    "openai/clip-vit-base-patch32": "clip-vit-base-patch32.json",
    "llava-hf/llava-1.5-7b-hf": "llava-1.5-7b-hf.json",
    "black-forest-labs/FLUX.1-schnell": "flux1-schnell.json",
    "stabilityai/stable-diffusion-3.5-large-turbo": "sd3.5-large-turbo.json",
}

NOTE_KEY = re.compile(r"(note|source|_derived|_third_party|_card|_history|_copy|copy_2|_original|from_third_party)", re.I)


def clean_config(cfg):
    """Config keys as config.json has them; annotations (notes, sources, derived values) are dropped."""
    if not isinstance(cfg, dict):
        return None
    out = {}
    for k, v in cfg.items():
        if NOTE_KEY.search(k):
            continue
        if isinstance(v, dict):
            v = clean_config(v)
        out[k] = v
    return out


def parse_display(s):
    """'4.99 GB' -> 4995000000 (decimal, as the Hub prints, upper end of the rounding), approximate."""
    if not isinstance(s, str):
        return None
    m = re.match(r"^\s*~?([0-9][0-9,]*\.?[0-9]*)\s*(Bytes|B|kB|KB|MB|GB|TB)\b", s)
    if not m:
        return None
    text = m.group(1).replace(",", "")
    num = float(text)
    mult = {"Bytes": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[m.group(2)]
    if mult == 1:
        return int(num)
    # a rounded display value stands for a range: take its upper end (policy: ranges -> upper bound),
    # e.g. "4.99 GB" -> 4,995,000,000
    decimals = len(text.split(".")[1]) if "." in text else 0
    return int(round((num + 0.5 * 10 ** -decimals) * mult))


def file_entry(f, default_source):
    name = f.get("name") or f.get("path")
    size = f.get("size_bytes")
    entry = {"path": name, "size": None, "exact": False, "source": f.get("size_bytes_source") or f.get("source") or default_source}
    if isinstance(size, int):
        entry["size"] = size
        entry["exact"] = True
    else:
        approx = parse_display(f.get("size_display"))
        if approx is not None:
            entry["size"] = approx
            entry["exact"] = False
            entry["display"] = f.get("size_display")
    if f.get("sha256"):
        entry["sha256"] = f["sha256"]
    notes = [str(f[k]) for k in f if "note" in k]
    if notes:
        entry["notes"] = notes
    return entry


# Curation: what the estimator needs beyond the raw facts, each value with its source. Nothing here is invented:
# values are copied from another fact file (named), derived by stated arithmetic, or config defaults the published
# config omits on purpose. Approximate values carry "exact": false.
def _flux(facts_dir):
    return json.load(open(os.path.join(facts_dir, FACT_FILE["black-forest-labs/FLUX.1-schnell"])))


def _component_config(comp, model_type):
    cfg = {k: v for k, v in clean_config(comp).items() if k != "files" and not k.startswith("size")}
    if model_type:
        cfg.setdefault("model_type", model_type)
    return cfg


def curate(key, facts, snap, facts_dir):
    comps = snap["components"]
    patches = []

    def patch_config(path, value, source):
        obj = snap["config"]
        for part in path[:-1]:
            obj = obj.setdefault(part, {})
        obj[path[-1]] = value
        patches.append({"key": ".".join(path), "value": value, "source": source})

    if key == "black-forest-labs/FLUX.1-schnell":
        fc = facts["components"]
        src = "../shared/facts/flux1-schnell.json components"
        comps["config:transformer"] = _component_config(fc["transformer"], "FluxTransformer2DModel")
        comps["config:vae"] = _component_config(fc["vae"], "AutoencoderKL")
        comps["config:t5"] = _component_config(fc["text_encoder_2"], "t5")
        comps["config:clip_l"] = _component_config(fc["text_encoder"], "clip_text_model")
        comps["weights:transformer"] = {"storedDtype": "BF16", "source": src + ": flux1-schnell.safetensors 23,782,506,688 B ≈ 2 B per parameter of the ~11.9 B transformer (derived)"}
        comps["weights:vae"] = {"storedDtype": "F32", "source": src + ": ae.safetensors 335,304,388 B = 2 × the 167,666,902 B 16-bit diffusers VAE of the same repo (derived: stored F32)"}
        comps["weights:t5"] = {"bytes": 4994582224 + 4530066360, "exact": True, "storedDtype": "BF16",
                               "what": "T5-XXL encoder tensors (text_encoder_2 shards)",
                               "source": src + ".text_encoder_2 (T5EncoderModel): 4,994,582,224 + 4,530,066,360 B, exact LFS sizes",
                               "note": "the service reads only the encoder tensors of google/t5-v1_1-xxl model.safetensors (VarBuilder over mmap); their 16-bit size is taken from FLUX.1-schnell's text_encoder_2, the T5 v1.1 XXL encoder in bf16"}
        comps["weights:clip_l"] = {"bytes": 246144352, "exact": True, "storedDtype": "F16",
                                   "what": "CLIP-L text tower (text_encoder/model.safetensors)",
                                   "source": src + ".text_encoder (CLIPTextModel): 246,144,352 B, exact LFS size",
                                   "note": "the service reads only the text tower of openai/clip-vit-large-patch14; its 16-bit size is FLUX.1-schnell's text_encoder"}
    elif key == "stabilityai/stable-diffusion-3.5-large-turbo":
        fc = facts["components"]
        flux = _flux(facts_dir)["components"]
        src = "../shared/facts/sd3.5-large-turbo.json components"
        comps["config:mmdit"] = _component_config(fc["transformer"], "SD3Transformer2DModel")
        comps["config:vae"] = _component_config(fc["vae"], "AutoencoderKL")
        comps["config:t5"] = _component_config(flux["text_encoder_2"], "t5")
        comps["config:t5"]["_source"] = "../shared/facts/flux1-schnell.json text_encoder_2: the same T5 v1.1 XXL encoder (SD3's text_encoder_3 is a T5EncoderModel)"
        comps["config:clip_l"] = _component_config(flux["text_encoder"], "clip_text_model")
        comps["config:clip_l"]["_source"] = "../shared/facts/flux1-schnell.json text_encoder: the same CLIP ViT-L/14 text tower"
        note16 = "16-bit (size ≈ 2 B per parameter, derived); F16 or BF16 not confirmed from a header, same size either way"
        for cid in ("mmdit", "clip_g", "t5", "vae"):
            comps["weights:" + cid] = {"storedDtype": "F16", "source": src + ": " + note16}
        comps["weights:clip_l"] = {"storedDtype": "F16", "source": src + ": clip_l.safetensors 246 MB for the 123 M-parameter CLIP-L text tower = 2 B per parameter (derived)"}
    elif key == "microsoft/phi-4":
        comps["weights:model"] = {"bytes": 8895000000, "exact": False, "what": "approximate file size",
                                  "source": "../shared/facts/phi-4.json gguf: unsloth/phi-4-GGUF phi-4-Q4_K_M.gguf display size 8.89 GB read at the upper end of its rounding = 8,895,000,000 B (third-party catalogues 8890 MB / 8479 MiB)",
                                  "note": "phi-4-reasoning-Q4_K_M.gguf's own size is not in the facts (third-party ~8.5 GB); Phi-4-reasoning has phi-4's architecture, so the larger phi-4 Q4_K_M size (8.89 GB) is used as the upper bound"}
        patch_config(["max_position_embeddings"], 32768, "Phi-4-reasoning card: 32k context (../shared/facts/phi-4.json, third-party spec; approximate: config.json not read)")
    elif key == "unsloth/Kimi-K2-Instruct-GGUF":
        # "621GB" is a decimal display size (the catalogue's sizeBytes 666,900,000,000 read it as GiB): read at the
        # upper end of its rounding, like the other display sizes. Cross-check: llama.cpp's Q4_K_M recipe over Kimi
        # K2's tensor list gives 620,550,916,096 B of tensor data (tests/conformance/gguf-synth.mjs).
        comps["weights:model"] = {"bytes": 621500000000, "exact": False, "what": "approximate total of the 13 parts",
                                  "source": "../shared/facts/kimi-k2-instruct-gguf.json q4_k_m_total_size_third_party: '621GB' (decimal GB) read at the upper end of its rounding = 621,500,000,000 B; "
                                            "the catalogue's sizeBytes 666,900,000,000 is 621 GiB, a misreading. llama.cpp's Q4_K_M recipe over the Kimi K2 tensor list gives 620,550,916,096 B of tensors (tests/conformance/gguf-synth.mjs)",
                                  "note": "per-part sizes of the Q4_K_M split GGUF are unknown; the third-party total (621 GB, agreeing with llama.cpp's Q4_K_M recipe: 620.55 × 10^9 B of tensors) is used until a refresh reads the 13 headers"}
        patch_config(["model_type"], "kimi_k2", "../shared/facts/kimi-k2-instruct-gguf.json config.model_type (config.json analysis: model_type kimi_k2)")
    elif key == "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF":
        patch_config(["model_type"], "qwen3_moe", "../shared/facts/qwen3-coder-30b-a3b-instruct-gguf.json config.model_type")
    elif key == "llava-hf/llava-1.5-7b-hf":
        src = "transformers LlamaConfig defaults: llava-hf's config.json omits text_config keys equal to the defaults (../shared/facts/llava-1.5-7b-hf.json: 'Llama defaults h4096 L32'; 7,063,427,072 params agree)"
        for k, v in (("hidden_size", 4096), ("num_hidden_layers", 32), ("num_attention_heads", 32), ("num_key_value_heads", 32), ("intermediate_size", 11008)):
            patch_config(["text_config", k], v, src)
    elif key == "nvidia/NV-Embed-v2":
        src = "APPROXIMATE: Mistral-7B-v0.1 config.json values (the card says NV-Embed-v2 is built on Mistral-7B-v0.1); NV-Embed's own text_config not read"
        for k, v in (("num_hidden_layers", 32), ("num_attention_heads", 32), ("num_key_value_heads", 8), ("vocab_size", 32000)):
            patch_config(["text_config", k], v, src)
        patch_config(["text_config", "model_type"], "mistral", src)
    if patches:
        snap["configPatches"] = patches



# Card statements travel in our own words: the facts quote the card, but no card text is copied into the repo.
# Each summary keeps the figures as printed (units as printed) and the address the facts cite.
CARD_SUMMARIES = {
    "https://huggingface.co/jinaai/jina-embeddings-v2-base-en":
        "Card: 137 million parameters; recommends a single GPU for inference (no memory figure given).",
    "https://unsloth.ai/docs/zh/mo-xing/tutorials/kimi-k2-thinking-how-to-run-locally.md":
        "Unsloth docs (Chinese page): the full 1T model takes 1.09TB of disk; the 1.8-bit dynamic quant 230GB.",
    "https://docs.unsloth.ai/basics/kimi-k2-how-to-run-locally":
        "Unsloth docs: full model 1.09TB on disk; 1.8-bit quant 245GB, fits one 24GB GPU only with all MoE layers "
        "offloaded to RAM or disk; Q8 (1.09TB) needs at least 8 x H200; UD-Q2_K_XL is 381GB.",
}


def card_statements(key, statements):
    out = []
    for st in statements:
        if not isinstance(st, dict):
            continue
        url = st.get("url") or st.get("source")
        summary = CARD_SUMMARIES.get(url)
        if summary is None:
            raise SystemExit("no summary in our own words for the card statement of %s at %s" % (key, url))
        out.append({"summary": summary, "url": url})
    return out

def main():
    registry = json.load(open(os.path.join(RES, "registry.json")))
    outdir = os.path.join(RES, "snapshot")
    os.makedirs(outdir, exist_ok=True)
    for model in registry["models"]:
        key = model["key"]
        facts = json.load(open(os.path.join(FACTS, FACT_FILE[key])))
        src = "../shared/facts/" + FACT_FILE[key]
        files = [file_entry(f, src) for f in facts.get("files") or [] if isinstance(f, dict)]
        # Files listed under diffusers components carry exact sizes too.
        for comp in (facts.get("components") or {}).values():
            if isinstance(comp, dict):
                for f in comp.get("files") or []:
                    if isinstance(f, dict):
                        files.append(file_entry(f, src))
        snap = {
            "key": key,
            "factsFile": src,
            "revision": None,
            "gated": facts.get("gated") if isinstance(facts.get("gated"), bool) else None,
            "license": facts.get("license") if isinstance(facts.get("license"), str) else None,
            "pipelineTag": facts.get("pipeline_tag") if isinstance(facts.get("pipeline_tag"), str) else None,
            "storedDtype": facts.get("dtype") if isinstance(facts.get("dtype"), str) else None,
            "params": facts.get("params") if isinstance(facts.get("params"), int) else None,
            "config": clean_config(facts.get("config")),
            "configSource": (facts.get("config") or {}).get("source") if isinstance(facts.get("config"), dict) else None,
            "components": {k: clean_config(v) for k, v in (facts.get("components") or {}).items() if isinstance(v, dict)},
            "gguf": clean_config(facts.get("gguf")) if isinstance(facts.get("gguf"), dict) else None,
            "files": files,
            "cardStatements": card_statements(key, facts.get("card_memory_statements") or []),
            "sources": facts.get("sources") or [],
        }
        curate(key, facts, snap, FACTS)
        name = key.replace("/", "__") + ".json"
        with open(os.path.join(outdir, name), "w") as fh:
            json.dump(snap, fh, indent=1, sort_keys=False)
            fh.write("\n")
        print(name, len(files), "files")


if __name__ == "__main__":
    main()
