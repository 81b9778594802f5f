#!/usr/bin/env bash
# --fix on a real C project from Debian sources, with a CMake build and a
# quick test suite.  On a copy of the cached source tree (fetch_source.sh):
# configure it (CMake, clang-19, tests on), run `struct-layout --fix`, print
# what it changed and what it refused, check the new sizes against Clang,
# build it and run its own tests (ctest), then check that a second --fix
# changes nothing.  Steps and checks: see fix_lib.sh.
#
# Usage: fix_c_project.sh [PACKAGE [WORK_DIR]]
#   PACKAGE   json-c (default), cjson or brotli -- Debian source packages:
#     json-c  json_tokener gets reordered (used by every parse); 23 ctest
#             tests that diff the programs' output against expected files,
#             under valgrind memcheck when valgrind is installed.  Kept:
#             the project's -Werror (minus -Wstrict-prototypes, which its
#             own sources trip with clang 19).
#     cjson   the one padded record, the public struct cJSON, is refused (a
#             positional initialiser with NULL elements in cJSON_Utils.c),
#             so this checks that nothing changes and all still builds and
#             passes; tests and cJSON_Utils on, ASan + UBSan, -Werror.
#     brotli  ZopfliCostModel gets reordered, 7 records refused; 14 ctest
#             round-trip and compatibility tests.
#   WORK_DIR  the cache of sources (default ${TMPDIR:-/tmp}/struct-layout-real)
# Env:   STRUCT_LAYOUT, JOBS (default 2), MIN_FIXES (default per package),
#        BASELINE=1, KEEP=1 (see fix_lib.sh)
# Last line: "fix-PACKAGE: N passed, M failed"; exit 0 only if M == 0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=${1:-json-c}
work=${2:-${TMPDIR:-/tmp}/struct-layout-real}

cmake_args=()
case $pkg in
  json-c)
    # -gdwarf-4: valgrind 3.19 (bookworm) cannot read clang 19's DWARF 5.
    cmake_args=(-DBUILD_TESTING=ON
                "-DCMAKE_C_FLAGS=-Wno-error=strict-prototypes -gdwarf-4")
    : "${MIN_FIXES:=1}" ;;
  cjson)
    cmake_args=(-DENABLE_CJSON_TEST=ON -DENABLE_CJSON_UTILS=ON -DENABLE_SANITIZERS=ON)
    : "${MIN_FIXES:=0}" ;;
  brotli)
    cmake_args=(-DBUILD_TESTING=ON)
    : "${MIN_FIXES:=1}" ;;
  *)
    echo "fix_c_project: unknown package '$pkg' (json-c, cjson or brotli)" >&2
    exit 2 ;;
esac
export MIN_FIXES

pristine=$(bash "$here/fetch_source.sh" "$pkg" "$work")
[[ -f $pristine/CMakeLists.txt ]] || { echo "no CMakeLists.txt in '$pristine'" >&2; exit 1; }

source "$here/fix_lib.sh"

project_configure() {
  cmake -S "$1" -B "$2" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    "${cmake_args[@]}"
}

project_build() {
  ninja -C "$1" -j "$FL_JOBS"
}

project_test() {
  (cd "$1" && ctest --output-on-failure -j "$FL_JOBS")
}

fix_main "fix-$pkg" "$pristine"
