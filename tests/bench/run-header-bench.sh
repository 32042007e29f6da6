#!/usr/bin/env bash
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Header parse throughput: memspec's GGUF reader vs @huggingface/gguf on the same ~10 MB header, same run.
#   tests/bench/run-header-bench.sh [BUILD_DIR=build/ci] [RUNS=20]
# Needs bench_headers built in BUILD_DIR and `npm ci` in tests/conformance.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/ci}
runs=${2:-20}
file=$(mktemp --suffix=.gguf)
trap 'rm -f "$file"' EXIT
"$build/tests/bench/bench_headers" --write "$file" >&2
ours=$("$build/tests/bench/bench_headers" "$file" "$runs")
theirs=$(cd "$root/tests/conformance" && node gguf-bench.mjs "$file" "$runs")
echo "$ours"
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import json, sys
o, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"speedup (file read + parse): {t['median_ms'] / o['file_median_ms']:.1f}x; "
      f"in-memory parse: {t['median_ms'] / o['memory_median_ms']:.1f}x")
PY
