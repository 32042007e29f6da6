#!/usr/bin/env bash
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Peak RSS and wall time of `memspec refresh bert-minilm` against the standalone mock hub playing each hostile
# scenario (issue 18; `memspec-mockhub --list-hostile`), and against a calm mock for comparison. Prints a Markdown
# table for docs/benchmarks.md.
#   tests/bench/run-hostile-rss.sh [BUILD_DIR=build/ci] [SCENARIO...]
# Real retry delays and the default 30 s deadline unless MEMSPEC_HUB_DEADLINE is set; slowloris takes the deadline.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/ci}
shift || true
mock=$build/tests/mockhub/memspec-mockhub
cli=$build/app/memspec
tmp=$(mktemp -d)
mockpid=
cleanup() {
    if [[ -n $mockpid ]]; then kill "$mockpid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
scenarios=("$@")
if [[ ${#scenarios[@]} -eq 0 ]]; then
    mapfile -t scenarios < <(echo calm; "$mock" --list-hostile)
fi

echo "| scenario | exit | wall | requests | body bytes read | peak RSS | error (repo prefix and URL path cut) |"
echo "|---|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
    args=()
    if [[ $s != calm ]]; then args=(--hostile "$s"); fi
    "$mock" "${args[@]}" >"$tmp/mock-$s.log" 2>&1 &
    mockpid=$!
    for _ in $(seq 100); do
        grep -q '^hub ' "$tmp/mock-$s.log" && break
        sleep 0.1
    done
    hub=$(sed -n 's/^hub //p' "$tmp/mock-$s.log")
    set +e
    env -u HF_TOKEN -u HF_HUB_OFFLINE -u MEMSPEC_HUB_RETRIES -u MEMSPEC_HUB_RETRY_DELAY -u HF_HUB_DOWNLOAD_TIMEOUT \
        HF_TOKEN_PATH=/nonexistent-token \
        HF_HUB_CACHE=/nonexistent-hf-cache /usr/bin/time -v -o "$tmp/time-$s" \
        "$cli" --endpoint "$hub" --cache-dir "$tmp/cache-$s" --project "$tmp/project-$s.json" \
        refresh bert-minilm >"$tmp/out-$s" 2>"$tmp/err-$s"
    code=$?
    set -e
    kill "$mockpid" 2>/dev/null || true
    wait "$mockpid" 2>/dev/null || true
    mockpid=
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time-$s")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time-$s")
    bytes=$(sed -n 's/.* \([0-9]*\) bytes fetched in .*/\1/p' "$tmp/out-$s")
    requests=$(sed -n 's/.* bytes fetched in \([0-9]*\) requests.*/\1/p' "$tmp/out-$s")
    repo=sentence-transformers/all-MiniLM-L6-v2
    error=$(grep -v 'OS keychain' "$tmp/err-$s" | grep -m1 '^memspec refresh: ' |
        sed -e "s|^memspec refresh: $repo: ||" -e "s|$hub/$repo/[^ ]*/|…/|g" -e "s|$hub/api/[^ )]*|…|g" |
        cut -c1-150 || true)
    printf '| %s | %s | %s | %s | %s | %.1f MiB | %s |\n' "$s" "$code" "$wall" "$requests" "$bytes" \
        "$(echo "$kib / 1024" | bc -l)" "${error//|/\\|}"
done
