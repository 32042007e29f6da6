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
ctest --preset ci -j"$(nproc)" 2>&1 | tee "$log" || true
# ctest's own summary: "100% tests passed, 0 tests failed out of 306"
read -r failed total < <(sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1 \2/p' "$log" | tail -n 1) || true
if [ -z "${total:-}" ]; then
  echo "run-all: ctest printed no summary" >&2
  failed=1 total=1
fi
[ "$failed" -eq 0 ] || status=1
fuzz_passed=0 fuzz_failed=0
if [ -x tests/fuzz/run-fuzzers.sh ]; then
  bash tests/fuzz/run-fuzzers.sh 2>&1 | tee "$log" || status=1
  read -r fuzz_passed fuzz_failed < <(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$log" | tail -n 1) || true
  [ -n "${fuzz_passed:-}" ] || { fuzz_passed=0 fuzz_failed=1; status=1; }
  [ "$fuzz_failed" -eq 0 ] || status=1
fi
echo "all: $((total - failed + fuzz_passed)) passed, $((failed + fuzz_failed)) failed"
exit $status
