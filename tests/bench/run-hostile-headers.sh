#!/usr/bin/env bash
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Hostile weight headers and listings (issue 18 item 5): for each scenario of the standalone mock hub, refresh the
# model it targets into a fresh cache, then run `list` on that cache as every later command does. Prints one
# Markdown row per scenario: refresh peak RSS and wall time, the model's facts file, `list` peak RSS and wall time.
#   tests/bench/run-hostile-headers.sh [BUILD_DIR=build/ci] [MEMSPEC=BUILD_DIR/app/memspec]
# MEMSPEC may be another build's CLI (e.g. main's, for the "before" numbers); the mock always comes from BUILD_DIR.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/ci}
memspec=${2:-$build/app/memspec}
mock=$build/tests/mockhub/memspec-mockhub
export HF_TOKEN=hf_mock_approved HF_HUB_CACHE=/nonexistent
unset HF_HUB_OFFLINE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# scenario | --hostile-arg | registry key refreshed
cases=(
  "gguf-huge-string|56@unsloth/Phi-4-reasoning-GGUF|microsoft/phi-4"
  "gguf-huge-array|40@unsloth/Phi-4-reasoning-GGUF|microsoft/phi-4"
  "gguf-many-keys|250000@unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF|unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF"
  "gguf-huge-string|10@unsloth/Kimi-K2-Instruct-GGUF|unsloth/Kimi-K2-Instruct-GGUF"
  "safetensors-junk-metadata|50@sentence-transformers/all-MiniLM-L6-v2|sentence-transformers/all-MiniLM-L6-v2"
  "siblings-junk|400000|sentence-transformers/all-MiniLM-L6-v2"
)
echo "| scenario | model | refresh | refresh peak RSS | facts file | \`list\` peak RSS | \`list\` wall |"
echo "|---|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  IFS='|' read -r scenario arg key <<<"$c"
  dir="$work/$scenario-${arg%%@*}"
  mkdir -p "$dir"
  "$mock" --port 0 --hostile "$scenario" --hostile-arg "$arg" >"$dir/mock.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q '^cdn ' "$dir/mock.log" 2>/dev/null && break; sleep 0.2; done
  url=$(grep '^hub ' "$dir/mock.log" | cut -d' ' -f2)
  g=(--endpoint "$url" --cache-dir "$dir/cache" --project "$dir/p.json")
  /usr/bin/time -f '%M %e' -o "$dir/refresh.time" "$memspec" "${g[@]}" refresh "$key" >"$dir/refresh.out" 2>"$dir/refresh.err"
  rc=$?
  kill "$pid"
  wait "$pid" 2>/dev/null
  facts=$(ls "$dir/cache/facts/"*.json 2>/dev/null | head -1)
  size=$([ -n "$facts" ] && stat -c %s "$facts" || echo 0)
  /usr/bin/time -f '%M %e' -o "$dir/list.time" "$memspec" "${g[@]}" --offline list >"$dir/list.out" 2>"$dir/list.err"
  read -r rrss rwall < <(tail -1 "$dir/refresh.time")   # time's last line, after any "exited with" line
  read -r lrss lwall < <(tail -1 "$dir/list.time")
  outcome=$([ "$rc" = 0 ] && echo "ok, ${rwall} s" || echo "failed ($(tail -c 120 "$dir/refresh.err" | tr '\n|' '  '))")
  printf '| %s %s | %s | %s | %s MB | %s bytes | %s MB | %s s |\n' "$scenario" "${arg%%@*}" "$key" "$outcome" \
    "$((rrss / 1024))" "$size" "$((lrss / 1024))" "$lwall"
done
