# Shared driver of the --fix tests on real projects (fix_ninja.sh,
# fix_c_project.sh); sourced, not run.
#
# The caller defines three hooks, each run with the build log on stdout/stderr:
#   project_configure SRC BUILD   configure SRC into BUILD (compile_commands.json)
#   project_build BUILD           build everything
#   project_test BUILD            run the project's own test suite
# and then calls:  fix_main LABEL PRISTINE_SRC
#
# fix_main works on a copy of PRISTINE_SRC (the cache is never written) and:
#   1. [BASELINE=1] builds and tests the unmodified copy in its own build dir,
#      so that a failure later can be told apart from a broken environment;
#   2. configures the copy, runs `struct-layout -p BUILD --fix --format=json`;
#   3. prints the records it changed (size -> best size), the bytes saved, the
#      refusals with reasons (fix_report.py summary) and the diff it made;
#   4. checks that the files it says it changed are the files that changed,
#      and that it wrote back no file unchanged;
#   5. checks with Clang's own record layouts that every changed record now
#      has the size the tool predicted and its fields in the order it
#      suggested, the order its initialisers were rewritten for
#      (fix_report.py verify);
#   6. builds the project (no -Wreorder warning between fields of a changed
#      record) and runs its test suite: both must pass;
#   7. runs --fix again: no file may change or be written, nothing may be
#      fixed again, no changed record may still be flagged;
#   8. checks that the cached pristine tree is untouched.
# Last line: "LABEL: N passed, M failed"; exit 0 only if M == 0.
#
# Env: STRUCT_LAYOUT  the binary (default /work/main/build/tool/struct-layout)
#      FIX_CHECKS     the --checks and --fix-checks of both --fix runs (default layout-padding;
#                     'layout-*' for every check)
#      JOBS           parallel TUs and build jobs (default 2)
#      MIN_FIXES      fail if fewer records are fixed (default 1)
#      BASELINE=1     also build and test the unmodified copy first
#      KEEP=1         keep the work dir even when everything passed

fl_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FL_TOOL=${STRUCT_LAYOUT:-/work/main/build/tool/struct-layout}
FL_JOBS=${JOBS:-2}
FL_CHECKS=${FIX_CHECKS:-layout-padding}
fl_passed=0
fl_failed=0
fl_t0=$(date +%s.%N)
fl_timings=()

fl_now() { date +%s.%N; }
fl_secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b - a}'; }
fl_pass() { fl_passed=$((fl_passed + 1)); echo "PASS: $*"; }
fl_fail() { fl_failed=$((fl_failed + 1)); echo "FAIL: $*"; }
fl_section() { echo; echo "== $*"; }

# fl_timed NAME CMD...: run CMD, remember how long it took.
fl_timed() {
  local name=$1 t rc=0
  shift
  t=$(fl_now)
  "$@" || rc=$?
  fl_timings+=("$(printf '%-28s %7ss' "$name" "$(fl_secs "$t" "$(fl_now)")")")
  return $rc
}

# fl_log_tail LOG: the interesting end of a failed step's log.
fl_log_tail() {
  local errs
  errs=$(grep -nE 'error:|FAILED|\*\*\*Failed|FAILURE|failed' "$1" | head -n 40 || true)
  if [[ -n $errs ]]; then
    echo "--- errors in $1:"
    echo "$errs"
  fi
  echo "--- last lines of $1:"
  tail -n 30 "$1"
}

# fl_sums DIR: "sha256  relative/path" for every regular file, sorted.
fl_sums() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}

# fl_stats DIR: "relative/path mtime inode" for every regular file, sorted:
# tells a file written back unchanged (new mtime and inode) from one left alone.
fl_stats() {
  (cd "$1" && find . -type f -printf '%P %T@ %i\n' | LC_ALL=C sort)
}

# fl_differ OLD NEW: the paths whose lines differ between two fl_stats lists.
fl_differ() {
  diff "$1" "$2" | sed -n 's/^> \(.*\) [0-9.]* [0-9]*$/\1/p' || true
}

# fl_run_fix BUILD OUT_PREFIX: struct-layout --checks=-*,$FIX_CHECKS --fix
# --format=json; its exit code.
fl_run_fix() {
  local rc=0
  # The project's own .clang-tidy is read as clang-tidy reads it: '-*' so
  # that FIX_CHECKS alone run, and every header, whatever its
  # HeaderFilterRegex says (jsoncpp's is '').
  "$FL_TOOL" -p "$1" "--checks=-*,$FL_CHECKS" "--fix-checks=$FL_CHECKS" --header-filter='.*' \
    --fix --format=json -j "$FL_JOBS" >"$2.json" 2>"$2.stderr" || rc=$?
  grep -E '^struct-layout:' "$2.stderr" | sed 's/^/  /' || true
  return $rc
}

# fl_memcheck_wrapper PATH: writes PATH, a script that runs its arguments
# under valgrind memcheck and exits 97 on any memory error (reads of
# uninitialised values included; leaks are not errors).  The project's test
# hooks run the test programs through it.  Each run with an error also
# appends its command line to PATH.errors, so that a test that expects its
# program to fail cannot hide one: fl_memcheck_check PATH fails then.
# Build with -gdwarf-4 for readable reports (valgrind 3.19 cannot read
# DWARF 5).  Env VALGRIND_ARGS: more valgrind options.
fl_memcheck_wrapper() {
  rm -f "$1.errors"
  cat >"$1" <<EOF
#!/bin/sh
valgrind -q --tool=memcheck --error-exitcode=97 --leak-check=no \\
  --undef-value-errors=yes --track-origins=yes ${VALGRIND_ARGS:-} "\$@"
rc=\$?
[ \$rc -ne 97 ] || echo "\$*" >>"$1.errors"
exit \$rc
EOF
  chmod +x "$1"
}

# fl_memcheck_check PATH: fails if a run through the wrapper PATH had a
# memory error, naming the runs.
fl_memcheck_check() {
  if [[ -s $1.errors ]]; then
    echo "valgrind memcheck errors in $(wc -l <"$1.errors") runs:"
    head -n 20 "$1.errors" | sed 's/^/  /'
    return 1
  fi
  echo "valgrind memcheck: no errors"
}

# fl_need_packages PKG...: installs the Debian packages a project needs to
# build or test that are missing (apt-get, as root or with sudo).
fl_need_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [[ $EUID -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

fl_finish() {
  local label=$1
  fl_section "timings"
  printf '  %s\n' "${fl_timings[@]}"
  printf '  %-28s %7ss\n' total "$(fl_secs "$fl_t0" "$(fl_now)")"
  if [[ $fl_failed -eq 0 && ${KEEP:-0} != 1 ]]; then
    rm -rf "$fl_work"
  else
    echo "work dir kept: $fl_work"
  fi
  echo "$label: $fl_passed passed, $fl_failed failed"
  [[ $fl_failed -eq 0 && $fl_passed -gt 0 ]]
}

fix_main() {
  local label=$1 pristine=$2
  local name rc changed claimed rewritten unchanged
  name=$(basename "$pristine")
  fl_work=$(mktemp -d "${TMPDIR:-/tmp}/struct-layout-fix-$label.XXXXXX")
  local src=$fl_work/$name build=$fl_work/build out=$fl_work/out
  mkdir -p "$out"
  echo "$label: tool $FL_TOOL --checks=$FL_CHECKS"
  echo "$label: pristine $pristine"
  echo "$label: work dir $fl_work (source copy $src, build $build)"
  [[ -x $FL_TOOL ]] || { fl_fail "no executable $FL_TOOL"; fl_finish "$label"; return; }

  fl_sums "$pristine" >"$out/pristine.sums"
  cp -a "$pristine" "$src"

  if [[ ${BASELINE:-0} == 1 ]]; then
    fl_section "baseline: the unmodified copy"
    if fl_timed "baseline configure" project_configure "$src" "$fl_work/build-baseline" \
         >"$out/baseline-configure.log" 2>&1 &&
       fl_timed "baseline build" project_build "$fl_work/build-baseline" \
         >"$out/baseline-build.log" 2>&1; then
      fl_pass "baseline builds"
      if fl_timed "baseline tests" project_test "$fl_work/build-baseline" \
           >"$out/baseline-test.log" 2>&1; then
        fl_pass "baseline test suite passes"
      else
        fl_fail "baseline test suite fails (environment, not the tool)"
        fl_log_tail "$out/baseline-test.log"
      fi
    else
      fl_fail "baseline does not build (environment, not the tool)"
      fl_log_tail "$out/baseline-build.log"
    fi
  fi

  fl_section "configure"
  if fl_timed configure project_configure "$src" "$build" >"$out/configure.log" 2>&1 &&
     [[ -f $build/compile_commands.json ]]; then
    fl_pass "configure ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
      "$build/compile_commands.json") TUs in compile_commands.json)"
  else
    fl_fail "configure"
    fl_log_tail "$out/configure.log"
    fl_finish "$label"
    return
  fi

  fl_section "struct-layout --fix"
  fl_stats "$src" >"$out/before1.stats"
  rc=0
  fl_timed "struct-layout --fix" fl_run_fix "$build" "$out/fix1" || rc=$?
  if [[ $rc -eq 0 ]]; then
    fl_pass "--fix exits 0"
  else
    fl_fail "--fix exits $rc (3: a TU failed to parse)"
    grep -v '^struct-layout:' "$out/fix1.stderr" | head -n 20
  fi
  if python3 "$fl_here/fix_report.py" summary "$out/fix1.json" --stderr "$out/fix1.stderr" \
       --root "$src" --fixed-out "$out/fixed.json" --min-fixes "${MIN_FIXES:-1}"; then
    fl_pass "fix report consistent"
  else
    fl_fail "fix report"
  fi
  [[ -f $out/fixed.json ]] || echo '[]' >"$out/fixed.json"

  fl_section "files changed"
  fl_sums "$src" >"$out/fixed.sums"
  changed=$(diff "$out/pristine.sums" "$out/fixed.sums" | sed -n 's/^> [0-9a-f]*  \.\///p' || true)
  claimed=$(grep -oE 'applied fixes for [0-9]+ records? in [0-9]+ files?' "$out/fix1.stderr" |
              grep -oE '[0-9]+ files?' | grep -oE '[0-9]+' || echo "?")
  echo "${changed:-  (none)}" | sed 's/^/  /'
  printf '%s\n' "$changed" >"$out/changed.txt"
  if [[ $(echo -n "$changed" | grep -c '^' || true) == "$claimed" ]]; then
    fl_pass "files changed = files the tool names ($claimed)"
  else
    fl_fail "$(echo -n "$changed" | grep -c '^' || true) files changed, the tool says $claimed"
  fi
  fl_stats "$src" >"$out/after1.stats"
  rewritten=$(fl_differ "$out/before1.stats" "$out/after1.stats")
  unchanged=$(comm -23 <(echo "$rewritten" | sed '/^$/d' | LC_ALL=C sort) \
                       <(echo "$changed" | sed '/^$/d' | LC_ALL=C sort))
  if [[ -z $unchanged ]]; then
    fl_pass "no file written back unchanged"
  else
    fl_fail "files written back with the same content (new mtime):"
    echo "$unchanged" | sed 's/^/  /'
  fi
  if [[ -n $changed ]]; then
    echo "--- the diff:"
    while IFS= read -r f; do
      diff -u --label "a/$f" --label "b/$f" "$pristine/$f" "$src/$f" || true
    done <<<"$changed"
  fi

  fl_section "records after the fix, from Clang's own layouts"
  if fl_timed "clang layout dumps" python3 "$fl_here/fix_report.py" verify "$out/fixed.json" \
       --build "$build" -j "$FL_JOBS"; then
    fl_pass "every changed record has the predicted size and field order"
  else
    fl_fail "size or field order after the fix"
  fi

  fl_section "build"
  if fl_timed build project_build "$build" >"$out/build.log" 2>&1; then
    fl_pass "project builds after the fix"
  else
    fl_fail "project does not build after the fix"
    fl_log_tail "$out/build.log"
  fi
  if python3 "$fl_here/fix_report.py" warnings "$out/build.log" --fixed "$out/fixed.json" \
       --changed "$out/changed.txt" --root "$src"; then
    fl_pass "no -Wreorder warning between fields of a changed record"
  else
    fl_fail "compiler warnings about the changed records"
  fi

  fl_section "test suite"
  if fl_timed "test suite" project_test "$build" >"$out/test.log" 2>&1; then
    fl_pass "test suite passes after the fix"
    tail -n 3 "$out/test.log" | sed 's/^/  /'
  else
    fl_fail "test suite fails after the fix"
    fl_log_tail "$out/test.log"
  fi

  fl_section "--fix again (idempotence)"
  fl_sums "$src" >"$out/before2.sums"
  fl_stats "$src" >"$out/before2.stats"
  rc=0
  fl_timed "struct-layout --fix again" fl_run_fix "$build" "$out/fix2" || rc=$?
  fl_sums "$src" >"$out/after2.sums"
  fl_stats "$src" >"$out/after2.stats"
  if [[ $rc -eq 0 ]]; then fl_pass "second --fix exits 0"; else fl_fail "second --fix exits $rc"; fi
  if cmp -s "$out/before2.sums" "$out/after2.sums"; then
    fl_pass "second --fix changes no file (sha256 of all $(wc -l <"$out/after2.sums") files)"
  else
    fl_fail "second --fix changed files:"
    diff "$out/before2.sums" "$out/after2.sums" | sed -n 's/^> [0-9a-f]*  \.\//  /p'
  fi
  rewritten=$(fl_differ "$out/before2.stats" "$out/after2.stats")
  if [[ -z $rewritten ]]; then
    fl_pass "second --fix writes no file (mtimes and inodes)"
  else
    fl_fail "second --fix wrote files back:"
    echo "$rewritten" | sed 's/^/  /'
  fi
  if python3 "$fl_here/fix_report.py" again "$out/fix2.json" --fixed "$out/fixed.json" \
       --stderr "$out/fix2.stderr"; then
    fl_pass "second run fixes nothing, no changed record flagged"
  else
    fl_fail "second run"
  fi

  fl_section "cache"
  if fl_sums "$pristine" | cmp -s - "$out/pristine.sums"; then
    fl_pass "pristine tree in the cache untouched"
  else
    fl_fail "the cached tree $pristine was modified"
  fi

  fl_finish "$label"
}
