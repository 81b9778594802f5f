#!/usr/bin/env bash
# One command, fresh Debian 12 to a green suite: install, build, run every
# test (GoogleTest units, lit integration tests, the ninja-build real project).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j 2 "$@"
