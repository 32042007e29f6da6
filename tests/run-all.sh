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
status=0
ctest --preset ci -j"$(nproc)" || status=$?
if [ -x tests/fuzz/run-fuzzers.sh ]; then
  bash tests/fuzz/run-fuzzers.sh || status=$?
fi
exit $status
