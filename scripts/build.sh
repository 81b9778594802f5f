#!/usr/bin/env bash
# Configures and builds struct-layout in build/ (Release, Ninja, ccache).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER=g++ > /dev/null
ninja -C "$root/build"
