#!/usr/bin/env python3
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
"""Builds tests/data/calibration/public.json, the published measurements the estimator is checked against, from
../shared/measured/public.json: the numbers, settings and source of each record, without the quoted log lines and
free-text notes (facts travel with their source; third-party text does not).

Usage: python3 resources/tools/build_calibration.py [MEASURED_JSON] [--check]
  --check: exit 1 when the committed file differs from what the source gives (a test runs this).
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
SOURCE = args[0] if args else os.path.join(ROOT, "..", "shared", "measured", "public.json")
OUT = os.path.join(ROOT, "tests", "data", "calibration", "public.json")

KEEP = ["id", "model_family", "model", "variant_quant", "relation", "category", "runtime", "hardware", "settings",
        "measured", "derived", "measurement_kind", "source_url", "source_locator", "confidence"]


def build():
    with open(SOURCE, encoding="utf-8") as f:
        records = json.load(f)
    out = []
    for r in records:
        out.append({k: r[k] for k in KEEP if k in r})
    return json.dumps(out, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


text = build()
if "--check" in sys.argv:
    with open(OUT, encoding="utf-8") as f:
        same = f.read() == text
    print("calibration data is current" if same else f"{OUT} is stale: run {sys.argv[0]}")
    sys.exit(0 if same else 1)
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    f.write(text)
print(f"wrote {OUT} ({text.count(chr(10))} lines)")
