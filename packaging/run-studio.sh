#!/usr/bin/env bash
# Installs what is missing, builds the release preset and opens MemSpec Studio on the bundled registry (offline).
# With no display available it starts the studio under Xvfb and saves a screenshot instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash packaging/install-deps.sh
cmake --preset release -DBUILD_TESTING=OFF >/dev/null
cmake --build --preset release -j"$(nproc)"
studio="$root/build/release/ui/memspec-studio"
export HF_HUB_OFFLINE=1
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$studio" "$@"
fi
echo "run-studio: no display; rendering the main window offscreen to memspec-studio.png"
QT_QPA_PLATFORM=offscreen "$studio" --screenshot "$root/memspec-studio.png" "$@"
echo "run-studio: wrote $root/memspec-studio.png"
