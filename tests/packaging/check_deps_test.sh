#!/usr/bin/env bash
# packaging/check-deps.sh against this build: it passes with packaging/debian-deps.txt, and it fails, naming the
# package, when the list lacks libqt6opengl6-dev (only a Recommends of qt6-base-dev, so --no-install-recommends
# leaves it out, and Qt6Charts' CMake config needs it: the fresh-machine failure this check exists for).
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/packaging/check-deps.sh" "$build" >"$tmp/ok.log" 2>&1 || { cat "$tmp/ok.log"; echo "FAIL: check-deps rejected the real list"; exit 1; }
cat "$tmp/ok.log"
grep -vx 'libqt6opengl6-dev' "$src/packaging/debian-deps.txt" >"$tmp/deps.txt"
if bash "$src/packaging/check-deps.sh" "$build" --deps-file "$tmp/deps.txt" >"$tmp/bad.log" 2>&1; then
  cat "$tmp/bad.log"; echo "FAIL: check-deps passed a list without libqt6opengl6-dev"; exit 1
fi
grep -q 'Qt6OpenGL.*is from libqt6opengl6-dev' "$tmp/bad.log" || { cat "$tmp/bad.log"; echo "FAIL: the missing package is not named"; exit 1; }
echo "without libqt6opengl6-dev: $(grep -c 'is from libqt6opengl6-dev' "$tmp/bad.log") file(s) named, exit non-zero"
