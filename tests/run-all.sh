#!/usr/bin/env bash
# Installs what is missing, builds the ci preset (warnings are errors) and runs every test. Exits non-zero when
# any test fails. Used by .ci/run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash packaging/install-deps.sh
if [ -f tests/conformance/package-lock.json ]; then
  (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error)
fi
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"
# Every file the build used must come from a package install-deps.sh installs (a hand-installed one hides here).
bash packaging/check-deps.sh build/ci
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# run_ctest PRESET [ARGS...]: runs ctest, sets $failed and $total from its summary
# ("100% tests passed, 0 tests failed out of 306"); no summary counts as one failure.
run_ctest() {
  local preset=$1
  shift
  ctest --preset "$preset" -j"$(nproc)" "$@" 2>&1 | tee "$log" || true
  failed='' total=''
  read -r failed total < <(sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1 \2/p' "$log" | tail -n 1) || true
  if [ -z "${total:-}" ]; then
    echo "run-all: ctest --preset $preset printed no summary" >&2
    failed=1 total=1
  fi
}
run_ctest ci
[ "$failed" -eq 0 ] || status=1
passed_all=$((total - failed)) failed_all=$failed

# Everything again under AddressSanitizer and UBSan (ci-asan: core, CLI and the studio offscreen), but the
# conformance and packaging tests, which exercise other programs (the HF JS clients, llama.cpp, dpkg), not ours.
cmake --preset ci-asan >/dev/null
cmake --build --preset ci-asan -j"$(nproc)"
bash packaging/check-deps.sh build/ci-asan
run_ctest ci-asan -E '^(conformance_|Conformance\.|HubConformance\.|Packaging\.)'
[ "$failed" -eq 0 ] || status=1
echo "asan: $((total - failed)) passed, $failed failed"
passed_all=$((passed_all + total - failed)) failed_all=$((failed_all + failed))

# clang-tidy over app/ and ui/ (.clang-tidy; passes are cached per file like ccache).
tidy_failed=0
python3 tests/run-clang-tidy.py build/ci || { status=1; tidy_failed=1; }

fuzz_passed=0 fuzz_failed=0
if [ -x tests/fuzz/run-fuzzers.sh ]; then
  bash tests/fuzz/run-fuzzers.sh 2>&1 | tee "$log" || status=1
  read -r fuzz_passed fuzz_failed < <(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$log" | tail -n 1) || true
  [ -n "${fuzz_passed:-}" ] || { fuzz_passed=0 fuzz_failed=1; status=1; }
  [ "$fuzz_failed" -eq 0 ] || status=1
fi
echo "all: $((passed_all + fuzz_passed)) passed, $((failed_all + fuzz_failed + tidy_failed)) failed"
exit $status
