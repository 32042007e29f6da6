#!/usr/bin/env bash
# Fails when the build in BUILD_DIR used a file from a Debian package that packaging/debian-deps.txt does not
# bring in (Depends/Pre-Depends closure; install-deps.sh installs without Recommends). See check-deps.py.
# Usage: packaging/check-deps.sh BUILD_DIR [--deps-file FILE] [--verbose]
set -euo pipefail
exec python3 "$(cd "$(dirname "$0")" && pwd)/check-deps.py" "$@"
