#!/usr/bin/env bash
# --fix on a real C++ project: the Debian source package ninja-build.
# On a copy of the cached source tree (prepare_ninja.sh fetches it): configure
# it (CMake, clang-19, BUILD_TESTING=ON), run `struct-layout --fix`, print what
# it changed and what it refused, check the new sizes against Clang, build
# ninja and run its own test suite (ninja_test), then check that a second
# --fix changes nothing.  Steps and checks: see fix_lib.sh.
# Usage: fix_ninja.sh [WORK_DIR]   (the cache, default ${TMPDIR:-/tmp}/struct-layout-real)
# Env:   STRUCT_LAYOUT, JOBS (default 2), MIN_FIXES (default 1), BASELINE=1, KEEP=1
# Last line: "fix-ninja: N passed, M failed"; exit 0 only if M == 0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-${TMPDIR:-/tmp}/struct-layout-real}

# The cached, configured tree; its source dir is the pristine copy.
cached_build=$(bash "$here/prepare_ninja.sh" "$work")
pristine=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$cached_build/CMakeCache.txt")
[[ -f $pristine/src/ninja.cc ]] || { echo "no ninja source at '$pristine'" >&2; exit 1; }

source "$here/fix_lib.sh"

project_configure() {
  local src=$1 build=$2
  # -Wreorder-ctor: a constructor init list left in the old order warns
  # (fix_report.py warnings fails on it; not -Werror: ninja.cc has one of
  # its own).
  cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_CXX_FLAGS=-Wreorder-ctor \
    -DBUILD_TESTING=ON
  # src/browse.cc includes a generated header, needed before the tool parses
  # it; run only its own rule, as prepare_ninja.sh does.
  if grep -q 'browse_py.h' "$build/build.ninja"; then
    (cd "$build" && eval "$(ninja -t commands -s build/browse_py.h)")
  fi
}

project_build() {
  ninja -C "$1" -j "$FL_JOBS"
}

project_test() {
  # As debian/rules runs it; the ulimit may fail (ignored), as there.
  (cd "$1" && ulimit -n 2000 2>/dev/null; ./ninja_test)
}

fix_main fix-ninja "$pristine"
