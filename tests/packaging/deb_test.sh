#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a temporary root and runs the packaged CLI from there.
set -euo pipefail
build=$1 version=$2 appid=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/out/*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb -x "$deb" "$tmp/root"
dpkg-deb -f "$deb" Package Version Depends
out=$("$tmp/root/usr/bin/memspec" --version)
[ "$out" = "memspec $version" ] || { echo "unexpected --version output: $out"; exit 1; }
for f in usr/bin/memspec-studio \
         "usr/share/applications/$appid.desktop" \
         "usr/share/metainfo/$appid.metainfo.xml" \
         "usr/share/icons/hicolor/scalable/apps/$appid.svg" \
         "usr/share/icons/hicolor/256x256/apps/$appid.png"; do
  [ -e "$tmp/root/$f" ] || { echo "missing from the package: $f"; exit 1; }
done
# capture first: `memspec … | grep -q` dies of SIGPIPE under pipefail once the output outgrows one write
list=$("$tmp/root/usr/bin/memspec" list --json)
grep -q '"est_memory_allocation_mb"' <<<"$list"
echo "package OK: $out"
