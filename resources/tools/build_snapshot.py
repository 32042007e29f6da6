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
    """'4.99 GB' -> 4990000000 (decimal, as the Hub prints), approximate."""
    if not isinstance(s, str):
        return None
    m = re.match(r"^\s*~?([0-9][0-9,]*\.?[0-9]*)\s*(Bytes|B|kB|KB|MB|GB|TB)\b", s)
    if not m:
        return None
    num = float(m.group(1).replace(",", ""))
    mult = {"Bytes": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[m.group(2)]
    return int(num * mult)


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
            "cardStatements": facts.get("card_memory_statements") or [],
            "sources": facts.get("sources") or [],
        }
        name = key.replace("/", "__") + ".json"
        with open(os.path.join(outdir, name), "w") as fh:
            json.dump(snap, fh, indent=1, sort_keys=False)
            fh.write("\n")
        print(name, len(files), "files")


if __name__ == "__main__":
    main()
