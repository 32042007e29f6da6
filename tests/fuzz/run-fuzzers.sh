#!/usr/bin/env bash
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (fuzz preset: clang, ASan, no UI) in build/fuzz and runs each for a bounded time
# (FUZZ_SECONDS, default 20) from generated seed corpora. Fails on any crash, leak, timeout or OOM. Last line:
#   fuzz: N passed, M failed
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-20}
targets=(safetensors gguf config frontmatter)
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1

fail_all() {
  echo "$1" >&2
  echo "fuzz: 0 passed, ${#targets[@]} failed"
  exit 1
}

command -v clang++ >/dev/null || fail_all "clang++ is not installed"
mkdir -p build
cmake --preset fuzz >build/fuzz-configure.log 2>&1 || { cat build/fuzz-configure.log >&2; fail_all "configure failed"; }
build_targets=(fuzz_seeds)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --build --preset fuzz -j2 --target "${build_targets[@]}" >&2 || fail_all "build failed"

bin=build/fuzz/tests/fuzz
work=build/fuzz/fuzz-run
rm -rf "$work"
mkdir -p "$work/seeds"
"$bin/fuzz_seeds" "$work/seeds" || fail_all "seed generation failed"

passed=0
failed=0
for t in "${targets[@]}"; do
  corpus="$work/corpus-$t"
  artifacts="$work/artifacts-$t"
  mkdir -p "$corpus" "$artifacts"
  cp "$work/seeds/$t/"* "$corpus/"
  log="$work/$t.log"
  # -timeout: per input (hang), -rss_limit_mb: OOM, -malloc_limit_mb: one huge allocation, leaks via LeakSanitizer.
  if timeout $((seconds + 60)) "$bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -malloc_limit_mb=1024 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "fuzz_$t: ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs)" >&2
  else
    failed=$((failed + 1))
    echo "fuzz_$t: FAILED (log: $log, artifacts: $artifacts)" >&2
    tail -40 "$log" >&2
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
