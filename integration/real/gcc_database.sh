#!/usr/bin/env bash
# A compilation database written by a GCC build (issue 12, item 1): the
# Debian source package libjsoncpp configured with CMake for g++ with the
# GCC-only options Linux distributions and hardened builds use, and built
# with g++ (so the database is one GCC really ran). struct-layout analyses
# it (every header: jsoncpp's .clang-tidy says HeaderFilterRegex '')
# it with no failed TU, names each option Clang does not know once, and
# reports the same records as on the same project configured for clang++.
# Usage: gcc_database.sh [WORK_DIR]   (the cache, default ${TMPDIR:-/tmp}/struct-layout-real)
# Env:   STRUCT_LAYOUT, JOBS (default 2), KEEP=1 (keep the build trees)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-${TMPDIR:-/tmp}/struct-layout-real}
tool=${STRUCT_LAYOUT:-struct-layout}
jobs=${JOBS:-2}
pristine=$(bash "$here/fetch_source.sh" libjsoncpp "$work")
[[ -f $pristine/include/json/value.h ]] || { echo "no jsoncpp source at '$pristine'" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gcc-database.XXXXXX")
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check NAME CONDITION-EXIT-CODE MESSAGE
  if [[ $2 == 0 ]]; then echo "ok: $1"; else echo "FAIL: $1: $3"; fail=1; fi
}

# Options g++ 12 accepts and Clang does not (or does not mean the same).
# (-mindirect-branch=thunk is the kernel's retpoline; GCC refuses it with
# -fcf-protection, which Debian's GCC turns on: hence -fcf-protection=none.)
gcc_flags="-fconcepts-diagnostics-depth=2 -fcf-protection=none -mindirect-branch=thunk
  -mfunction-return=thunk -fipa-pta -fno-semantic-interposition -fstack-clash-protection
  -fno-tree-vrp -fvar-tracking-assignments -Wno-psabi -fno-gcse -flto=auto -ffat-lto-objects
  -Wformat-overflow=2 -Wduplicated-cond -Wlogical-op -Wuseless-cast"
gcc_flags=$(echo $gcc_flags)
configure() { # configure BUILD CXX FLAGS
  cmake -S "$pristine" -B "$1" -G Ninja -DCMAKE_CXX_COMPILER="$2" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    "-DCMAKE_CXX_FLAGS=$3" -DBUILD_SHARED_LIBS=ON -DBUILD_STATIC_LIBS=OFF \
    -DBUILD_OBJECT_LIBS=OFF -DJSONCPP_WITH_TESTS=ON \
    -DJSONCPP_WITH_POST_BUILD_UNITTEST=OFF >"$1.configure.log" 2>&1
}

configure "$tmp/gcc" g++ "$gcc_flags"
ninja -C "$tmp/gcc" -j "$jobs" >"$tmp/gcc.build.log" 2>&1
check "g++ builds jsoncpp with the GCC-only options" $? "see $tmp/gcc.build.log"
grep -q -- "-mindirect-branch=thunk" "$tmp/gcc/compile_commands.json"
check "the database carries them" $? "no -mindirect-branch=thunk in it"

set +e
"$tool" -p "$tmp/gcc" -j "$jobs" --header-filter='.*' --format=json >"$tmp/gcc.json" 2>"$tmp/gcc.err"
rc=$?
set -e
check "struct-layout exits 0 on the GCC database" $rc "exit $rc: $(grep error: "$tmp/gcc.err" | head -3)"
! grep -q "error:" "$tmp/gcc.err"
check "no error on stderr" $? "$(grep error: "$tmp/gcc.err" | head -3)"
for f in -mindirect-branch=thunk -fconcepts-diagnostics-depth=2 -fipa-pta; do
  grep -q "note: '$f' left out of" "$tmp/gcc.err"
  check "a note names $f" $? "$(grep note: "$tmp/gcc.err" | head -5)"
done

# The same project for clang++: the records and findings must agree.
configure "$tmp/clang" clang++-19 ""
"$tool" -p "$tmp/clang" -j "$jobs" --header-filter='.*' --format=json >"$tmp/clang.json" 2>"$tmp/clang.err" || true
python3 - "$tmp/gcc.json" "$tmp/clang.json" <<'PY'
import json, sys
def load(p):
    d = json.load(open(p))
    s = d["summary"]
    keys = sorted({(f["check"], f.get("record", ""), f["message"].split(" on ")[0])
                   for f in d["findings"]})
    return s, keys
(gs, gk), (cs, ck) = load(sys.argv[1]), load(sys.argv[2])
print(f"gcc database: {gs['tus']} TUs, {gs['failed_tus']} failed, "
      f"{gs['records_analysed']} records, {len(gk)} findings")
print(f"clang database: {cs['tus']} TUs, {cs['failed_tus']} failed, "
      f"{cs['records_analysed']} records, {len(ck)} findings")
ok = gs["failed_tus"] == 0 and gs["tus"] == cs["tus"] and gk == ck and gk
for k in sorted(set(gk) ^ set(ck))[:10]:
    print("  differs:", k)
print("ok: same findings as for clang++" if ok else "FAIL: the findings differ")
sys.exit(0 if ok else 1)
PY
check "same findings on both databases" $? "see above"

echo "gcc-database: $([[ $fail == 0 ]] && echo passed || echo failed)"
exit $fail
