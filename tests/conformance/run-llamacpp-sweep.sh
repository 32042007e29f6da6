#!/usr/bin/env bash
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Runs the llama.cpp dry-run sweep (llamacpp-sweep.mjs) and writes its section into docs/accuracy.md, between the
# "llama.cpp sweep" markers (`memspec-accuracy --out docs/accuracy.md` keeps that section).
# Usage: tests/conformance/run-llamacpp-sweep.sh [BUILD_DIR]   (default build/ci; `npm ci` in tests/conformance first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/ci}
memspec=$build/app/memspec
[ -x "$memspec" ] || { echo "run-llamacpp-sweep: $memspec is not built (cmake --build --preset ci --target memspec)" >&2; exit 2; }
section=$(mktemp)
trap 'rm -f "$section"' EXIT
(cd "$root/tests/conformance" && node llamacpp-sweep.mjs --memspec "$memspec" --markdown "$section")
python3 - "$root/docs/accuracy.md" "$section" <<'PY'
import sys
doc_path, section_path = sys.argv[1], sys.argv[2]
begin, end = "<!-- llama.cpp sweep: begin -->", "<!-- llama.cpp sweep: end -->"
doc = open(doc_path, encoding="utf-8").read()
block = begin + "\n" + open(section_path, encoding="utf-8").read().rstrip("\n") + "\n" + end
if begin in doc and end in doc:
    doc = doc[:doc.index(begin)] + block + doc[doc.index(end) + len(end):]
else:
    doc = doc.rstrip("\n") + "\n\n" + block + "\n"
open(doc_path, "w", encoding="utf-8").write(doc)
PY
echo "docs/accuracy.md: llama.cpp sweep section written"
