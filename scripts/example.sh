#!/usr/bin/env bash
# One command, fresh Debian 12 to findings: install, build, then run
# struct-layout on the example project in examples/inventory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cmake -S "$root/examples/inventory" -B "$root/examples/inventory/build" -G Ninja \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 > /dev/null
echo "== struct-layout -p examples/inventory/build"
"$root/build/tool/struct-layout" -p "$root/examples/inventory/build" || true
echo "== struct-layout -p examples/inventory/build --print-layout=Item"
"$root/build/tool/struct-layout" -p "$root/examples/inventory/build" --print-layout=Item --quiet
