#!/usr/bin/env bash
# Fetches the Debian source package ninja-build (bookworm) and configures it
# with CMake + clang-19 so that it has a compile_commands.json.
# Usage: prepare_ninja.sh [WORK_DIR]   (default ${TMPDIR:-/tmp}/struct-layout-real)
# Prints the build directory on stdout; everything else goes to stderr.
# Cached: an existing source tree / configured build is reused
# (rm -rf WORK_DIR to start over).
set -euo pipefail

work=${1:-${TMPDIR:-/tmp}/struct-layout-real}
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "prepare_ninja: $*" >&2; }

src=$(bash "$(dirname "${BASH_SOURCE[0]}")/fetch_source.sh" ninja-build "$work")
[[ -n $src && -f $src/CMakeLists.txt ]] || { log "apt-get source gave no tree"; exit 1; }

build=$work/build
if [[ -f $build/compile_commands.json ]]; then
  log "reusing build $build"
else
  log "configuring $src -> $build"
  cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DBUILD_TESTING=ON >&2
  # src/browse.cc includes a generated header. Run only its own rule
  # (`ninja build/browse_py.h` would first compile the libraries it orders after).
  if grep -q 'browse_py.h' "$build/build.ninja"; then
    (cd "$build" && eval "$(ninja -t commands -s build/browse_py.h)")
  fi
fi
echo "$build"
