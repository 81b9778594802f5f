#!/usr/bin/env bash
# --fix with every check on a real C++ project: the Debian source package
# libjsoncpp (JsonCpp 1.9.5): class templates, member type aliases (`using`
# inside classes, 51 of them), an anonymous union in Json::Value, `#pragma
# pack` around the public headers, a test framework of its own.
# On a copy of the cached source tree (fetch_source.sh): configure it (CMake,
# clang-19, shared library only, -Wreorder-ctor), run
# `struct-layout --checks=layout-* --fix`, print what it changed and refused,
# check the new layouts against Clang, build it, run its own tests under
# valgrind memcheck (jsoncpp_test, the unit tests, under valgrind;
# runjsontests.py over test/data and test/jsonchecker, its runs with
# BuiltStyledStreamWriter under valgrind: a read of an uninitialised member
# fails them), then check that a
# second --fix changes nothing.  Steps and checks: see fix_lib.sh.
# Usage: fix_jsoncpp.sh [WORK_DIR]   (the cache, default ${TMPDIR:-/tmp}/struct-layout-real)
# Env:   STRUCT_LAYOUT, JOBS (default 2), MIN_FIXES (default 1), FIX_CHECKS
#        (default layout-*), BASELINE=1, KEEP=1, MEMCHECK=0 (tests without valgrind)
# Last line: "fix-jsoncpp: N passed, M failed"; exit 0 only if M == 0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-${TMPDIR:-/tmp}/struct-layout-real}
: "${MIN_FIXES:=1}" "${FIX_CHECKS:=layout-*}"
export MIN_FIXES FIX_CHECKS

pristine=$(bash "$here/fetch_source.sh" libjsoncpp "$work")
[[ -f $pristine/include/json/value.h ]] || { echo "no jsoncpp source at '$pristine'" >&2; exit 1; }

source "$here/fix_lib.sh"
fl_need_packages valgrind

project_configure() {
  local src=$1 build=$2
  # Only the shared library (the object and static ones compile the same
  # sources twice more); the unit tests run in project_test, not after the
  # build.  -gdwarf-4: valgrind 3.19 cannot read clang 19's DWARF 5.
  cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    "-DCMAKE_CXX_FLAGS=-gdwarf-4 -Wreorder-ctor" \
    -DBUILD_SHARED_LIBS=ON -DBUILD_STATIC_LIBS=OFF -DBUILD_OBJECT_LIBS=OFF \
    -DJSONCPP_WITH_TESTS=ON -DJSONCPP_WITH_POST_BUILD_UNITTEST=OFF
}

project_build() {
  ninja -C "$1" -j "$FL_JOBS"
}

project_test() {
  local build=$1 src exe rc=0
  src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
  exe=$build/bin/jsontestrunner_exe
  fl_memcheck_wrapper "$build/memcheck"
  # runjsontests.py writes its outputs beside its inputs: a copy of them.
  rm -rf "$build/test" && cp -a "$src/test" "$build/test"
  if [[ ${MEMCHECK:-1} == 0 ]]; then
    printf '#!/bin/sh\nexec %s "$@"\n' "$exe" >"$build/jsontestrunner"
    "$build/bin/jsoncpp_test" || rc=1
  else
    # Each input is run once per writer class; under valgrind, the runs with
    # BuiltStyledStreamWriter (they parse with OurReader and write with
    # BuiltStyledStreamWriter, both reordered): 153 of 459 runs, ~2 minutes.
    printf '#!/bin/sh\ncase " $* " in *" BuiltStyledStreamWriter "*) exec %s %s "$@";; esac\nexec %s "$@"\n' \
      "$build/memcheck" "$exe" "$exe" >"$build/jsontestrunner"
    echo "== jsoncpp_test (valgrind)"
    "$build/memcheck" "$build/bin/jsoncpp_test" || rc=1
  fi
  chmod +x "$build/jsontestrunner"
  # --with-json-checker: test/data and test/jsonchecker (a superset of the
  # plain run's inputs).
  echo "== runjsontests.py --with-json-checker"
  (cd "$build/test/data" &&
   python3 -B ../runjsontests.py --with-json-checker "$build/jsontestrunner" .) || rc=1
  fl_memcheck_check "$build/memcheck" || rc=1
  return $rc
}

fix_main fix-jsoncpp "$pristine"
