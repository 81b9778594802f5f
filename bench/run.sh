#!/usr/bin/env bash
# Benchmark (not a test): struct-layout against plain Clang parsing and
# clang-tidy, over every TU of the ninja-build corpus (see
# integration/real/prepare_ninja.sh).
#   Every struct-layout run is cold (--no-cache; bench/scale.sh measures the
#   cache).
#   (a) struct-layout -p BUILD --checks=-*,layout-padding --quiet -j N
#   (b) clang++-19 -fsyntax-only on each TU, with its own flags, xargs -P N
#   (c) run-clang-tidy-19 -j N -checks='-*,altera-struct-pack-align' -quiet
#   (d) run-clang-tidy-19 -j N -load=libStructLayoutTidy.so -checks='-*,layout-*'
#   (e) struct-layout with k = 2 and 4 targets (--target=linux-x86_64,linux-i686
#       and the four Linux presets): each TU is parsed once per target
#   (f) struct-layout with every check (layout-*: function bodies parsed for
#       the access facts of false-sharing, simd, hot-cold and aos-to-soa)
#   (g) struct-layout --checks=-*,layout-padding,layout-hot-cold,layout-aos-to-soa
#   (h) struct-layout --fix-dry-run: plan and verification (every TU that
#       reads a rewritten file parsed again), against (i) the same analysis
#       with function bodies (--parse-function-bodies: fix mode's first parse)
#   (k) struct-layout --fix: plan, verification and the commit, on the
#       corpus's sources, put back as they were before each run (the restore,
#       a copy of the tree, is inside the time)
# then (a) with -j 1 against (b) with one process, to compare memory.
# BENCH_ONLY=targets runs (a) and (e) only; BENCH_ONLY=checks (a), (b), (f),
# (g); BENCH_ONLY=fix (a), (i), (h), (k), and on leveldb (l) every check
# against (m) the same with --fix-checks=layout-* --fix-dry-run.
# Each is run RUNS times; the medians of wall time and peak RSS are shown.
# Usage: bench/run.sh [-j N] [-r RUNS] [WORK_DIR]
# Env:   STRUCT_LAYOUT  the binary (default /work/main/build/tool/struct-layout)
#        TIDY_PLUGIN    the plugin (default: tidy/libStructLayoutTidy.so next to it)
set -euo pipefail

jobs=2 runs=3
while getopts 'j:r:' opt; do
  case $opt in
    j) jobs=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) echo "usage: $0 [-j N] [-r RUNS] [WORK_DIR]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool=${STRUCT_LAYOUT:-/work/main/build/tool/struct-layout}
plugin=${TIDY_PLUGIN:-$(dirname "$tool")/../tidy/libStructLayoutTidy.so}
[[ -x /usr/bin/time ]] || apt-get install -y -qq time >&2
build=$(bash "$root/integration/real/prepare_ninja.sh" "${1:-${TMPDIR:-/tmp}/struct-layout-real}")
out=$(mktemp -d "${TMPDIR:-/tmp}/struct-layout-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

# One NUL-terminated shell command per TU: cd DIR && clang++-19 FLAGS -fsyntax-only.
python3 - "$build" "$root/integration/real" >"$out/cmds" <<'EOF'
import json, shlex, sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[2])
from check_sizes import syntax_only_command
for e in json.load(open(sys.argv[1] + "/compile_commands.json")):
    cmd = syntax_only_command(e, "clang-19", "clang++-19", ["-fsyntax-only"])
    sys.stdout.write(f"cd {shlex.quote(e['directory'])} && {shlex.join(cmd)}\0")
EOF
ntu=$(tr -cd '\0' <"$out/cmds" | wc -c)

# (b): xargs runs each line with sh; (c) needs its clang-tidy named explicitly.
xargs=(xargs -0 -n 1 -a "$out/cmds")
# shellcheck disable=SC2016  # $1 is for the inner sh
each=(sh -c 'eval "$1"' sh)
tidy=(run-clang-tidy-19 -p "$build" -clang-tidy-binary "$(command -v clang-tidy-19)"
      -quiet)

# measure NAME CMD...: runs CMD $runs times under /usr/bin/time, appending
# "NAME seconds maxRSS-KiB exit-status" to results. GNU time's %M is the
# ru_maxrss wait4() reports for the process tree: the peak RSS of its largest
# single process (e.g. one clang), not the sum over parallel processes.
measure() {
  local name=$1 i rc; shift
  for ((i = 1; i <= runs; i++)); do
    rc=0
    /usr/bin/time -f '%e %M %U %S' -o "$out/t" "$@" >"$out/$name.log" 2>&1 || rc=$?
    echo "$name $(tail -n1 "$out/t") $rc" >>"$out/results"
    echo "  $name run $i: $(tail -n1 "$out/t") (s, KiB, user s, sys s; exit $rc)" >&2
  done
}

echo "corpus: ninja-build, $ntu TUs ($build); -j $jobs; median of $runs runs" >&2
measure a_struct_layout "$tool" --no-cache -p "$build" --checks=-*,layout-padding --quiet -j "$jobs"
if [[ ${BENCH_ONLY:-} == fix ]]; then
src=$(bash "$root/integration/real/fetch_source.sh" ninja-build "${1:-${TMPDIR:-/tmp}/struct-layout-real}")
cp -a "$src" "$out/pristine"
trap 'rm -rf "$src" && cp -a "$out/pristine" "$src"; rm -rf "$out"' EXIT
cat >"$out/fix_once.sh" <<EOF2
rm -rf "$src" && cp -a "$out/pristine" "$src"
exec "$tool" --no-cache -p "$build" --fix -j "$jobs"
EOF2
measure i_bodies "$tool" --no-cache -p "$build" --parse-function-bodies --quiet -j "$jobs"
measure h_fix_dry_run "$tool" --no-cache -p "$build" --fix-dry-run -j "$jobs"
measure k_fix bash "$out/fix_once.sh"
grep -h "verified\|applied" "$out/h_fix_dry_run.log" "$out/k_fix.log" >&2 || true
# The same on a C++ project with every check: leveldb (70 TUs, templates,
# a record holding another the run shrinks), configured as fix_leveldb.sh does.
lsrc=$(bash "$root/integration/real/fetch_source.sh" leveldb "${1:-${TMPDIR:-/tmp}/struct-layout-real}")
cmake -S "$lsrc" -B "$out/leveldb" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DLEVELDB_BUILD_TESTS=ON -DLEVELDB_BUILD_BENCHMARKS=OFF >/dev/null
measure l_all_checks "$tool" --no-cache -p "$out/leveldb" --checks='layout-*' --quiet -j "$jobs"
measure m_fix_dry_run_all "$tool" --no-cache -p "$out/leveldb" --checks='layout-*' \
  --fix-checks='layout-*' --fix-dry-run -j "$jobs"
grep -h "verified" "$out/m_fix_dry_run_all.log" >&2 || true
elif [[ ${BENCH_ONLY:-} == checks ]]; then
measure b_syntax_only "${xargs[@]}" -P "$jobs" "${each[@]}"
measure f_all_checks "$tool" --no-cache -p "$build" --checks='layout-*' --quiet -j "$jobs"
measure g_hot_cold "$tool" --no-cache -p "$build" --quiet -j "$jobs" \
  --checks=-*,layout-padding,layout-hot-cold,layout-aos-to-soa
else
measure e2_targets "$tool" --no-cache -p "$build" --checks=-*,layout-padding --quiet -j "$jobs" \
  --target=linux-x86_64,linux-i686
measure e4_targets "$tool" --no-cache -p "$build" --checks=-*,layout-padding --quiet -j "$jobs" \
  --target=linux-x86_64,linux-i686,linux-aarch64,linux-armv7
if [[ ${BENCH_ONLY:-} != targets ]]; then
measure b_syntax_only "${xargs[@]}" -P "$jobs" "${each[@]}"
measure c_clang_tidy "${tidy[@]}" -checks='-*,altera-struct-pack-align' -j "$jobs"
measure d_tidy_plugin "${tidy[@]}" -load="$plugin" -checks='-*,layout-*' -j "$jobs"
measure a1_struct_layout "$tool" --no-cache -p "$build" --checks=-*,layout-padding --quiet -j 1
measure b1_syntax_only "${xargs[@]}" -P 1 "${each[@]}"
fi
fi

python3 - "$out/results" "$jobs" "$ntu" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    n, t, m, u, s, rc = line.split()
    runs.setdefault(n, []).append((float(t), int(m), int(rc), float(u) + float(s)))
# name -> (median wall s, median peak RSS KiB, worst exit status, median CPU s)
r = {n: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v),
         max(x[2] for x in v), statistics.median(x[3] for x in v))
     for n, v in runs.items()}
j, ntu = sys.argv[2], sys.argv[3]
labels = {
    "a_struct_layout": f"(a) struct-layout -j {j}",
    "b_syntax_only": f"(b) clang++-19 -fsyntax-only, xargs -P {j}",
    "c_clang_tidy": f"(c) run-clang-tidy-19 -j {j} altera-struct-pack-align",
    "d_tidy_plugin": f"(d) run-clang-tidy-19 -j {j} -load plugin layout-*",
    "e2_targets": f"(e) struct-layout -j {j}, 2 targets",
    "e4_targets": f"(e) struct-layout -j {j}, 4 targets",
    "f_all_checks": f"(f) struct-layout -j {j}, every check (layout-*)",
    "g_hot_cold": f"(g) struct-layout -j {j}, padding + hot-cold + aos-to-soa",
    "i_bodies": f"(i) struct-layout -j {j}, function bodies parsed",
    "h_fix_dry_run": f"(h) struct-layout -j {j} --fix-dry-run (plan + verify)",
    "k_fix": f"(k) struct-layout -j {j} --fix (plan + verify + commit)",
    "l_all_checks": f"(l) leveldb: struct-layout -j {j} --checks=layout-*",
    "m_fix_dry_run_all": f"(m) leveldb: (l) with --fix-checks=layout-* --fix-dry-run",
    "a1_struct_layout": "(a) struct-layout -j 1",
    "b1_syntax_only": "(b) clang++-19 -fsyntax-only, one process",
}
print(f"ninja-build: {ntu} TUs; wall and CPU (user+sys) = median, RSS = peak of the largest single process")
print(f"{'':<55} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13} {'exit':>5}")
for n, label in labels.items():
    if n not in r:
        continue
    t, m, rc, cpu = r[n]
    print(f"{label:<55} {t:>8.2f} {cpu:>8.2f} {m / 1024:>13.1f} {rc:>5}")
def ratio(a, b, what):
    if a not in r or b not in r:
        return
    print(f"{what:<55} {r[a][0] / r[b][0]:>8.2f} {r[a][3] / r[b][3]:>8.2f} {r[a][1] / r[b][1]:>13.2f}")
print("ratios (wall time, CPU time, RSS); CPU time is the steadier on a busy machine")
ratio("a_struct_layout", "b_syntax_only", "  struct-layout / clang -fsyntax-only")
ratio("a_struct_layout", "c_clang_tidy", "  struct-layout / clang-tidy")
ratio("e2_targets", "a_struct_layout", "  2 targets / 1 target (goal: <= 2)")
ratio("e4_targets", "a_struct_layout", "  4 targets / 1 target (goal: <= 4)")
ratio("d_tidy_plugin", "c_clang_tidy", "  clang-tidy + plugin / clang-tidy altera-struct-pack-align")
ratio("d_tidy_plugin", "b_syntax_only", "  clang-tidy + plugin / clang -fsyntax-only")
ratio("f_all_checks", "b_syntax_only", "  every check / clang -fsyntax-only (goal: <= 1.15)")
ratio("g_hot_cold", "a_struct_layout", "  padding + hot-cold + aos-to-soa / padding alone")
ratio("h_fix_dry_run", "i_bodies", "  --fix-dry-run / the same analysis (goal: <= 2)")
ratio("k_fix", "i_bodies", "  --fix / the same analysis (goal: <= 2)")
ratio("k_fix", "a_struct_layout", "  --fix / plain analysis (layout-padding)")
ratio("m_fix_dry_run_all", "l_all_checks", "  leveldb, every check: --fix-dry-run / the same analysis (goal: <= 2)")
ratio("a1_struct_layout", "b1_syntax_only", "  struct-layout -j1 / clang -fsyntax-only (1 process)")
EOF
