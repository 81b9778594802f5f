#!/usr/bin/env bash
# Benchmark (not a test) of issue 14's scale goals, on three corpora: the
# ninja-build corpus (C++, 55 TUs), leveldb (C++, 70 TUs) and libgit2 (C,
# 620 small TUs: the library, its CLI and its clar tests), each a Debian
# source package configured with CMake + clang-19 (cached in WORK_DIR).
# For each corpus, each timing the median of RUNS runs under /usr/bin/time:
#   syntax    clang -fsyntax-only over the same de-duplicated TUs (-P JOBS)
#   padding   struct-layout --checks=-*,layout-padding, no cache (goal <= 0.5x syntax)
#   all       struct-layout, every check, no cache (goal <= 1.0x syntax)
#   cold      every check, an empty cache (what the first run costs)
#   warm      the same again, cache kept (goal <= 0.05x cold)
#   header    after one header's content changed (the TUs that read it are
#             parsed again; the line says how many)
#   shards    N=2 shard extractions at once (-j 1 each) then --facts: the
#             merge's wall time and the sum
#   peak RSS  struct-layout -j 1 (every check) vs the largest clang process
# and checks that 1 and 2 shards give byte-identical JSON. Then the
# synthetic merge of 1,000,000 records (structlayout-merge-bench; goal < 10 s).
# Usage: bench/scale.sh [-j JOBS] [-r RUNS] [-c CORPORA] [WORK_DIR]
#        CORPORA: comma-separated of ninja,leveldb,libgit2 (default all)
# Env:   STRUCT_LAYOUT  the binary (default build/tool/struct-layout)
set -euo pipefail

jobs=2 runs=3 corpora=ninja,leveldb,libgit2
while getopts 'j:r:c:' opt; do
  case $opt in
    j) jobs=$OPTARG ;;
    r) runs=$OPTARG ;;
    c) corpora=$OPTARG ;;
    *) echo "usage: $0 [-j JOBS] [-r RUNS] [-c CORPORA] [WORK_DIR]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool=${STRUCT_LAYOUT:-$root/build/tool/struct-layout}
merge_bench=$(dirname "$tool")/../bench/structlayout-merge-bench
work=${1:-${TMPDIR:-/tmp}/struct-layout-real}
[[ -x /usr/bin/time ]] || apt-get install -y -qq time >&2
out=$(mktemp -d "${TMPDIR:-/tmp}/struct-layout-scale.XXXXXX")
trap 'rm -rf "$out"' EXIT

# prepare NAME: prints a configured build directory of the corpus.
prepare() {
  local name=$1 src build
  case $name in
    ninja) bash "$root/integration/real/prepare_ninja.sh" "$work"; return ;;
    leveldb) src=$(bash "$root/integration/real/fetch_source.sh" leveldb "$work") ;;
    libgit2) src=$(bash "$root/integration/real/fetch_source.sh" libgit2 "$work") ;;
  esac
  build=$work/scale-$name
  if [[ ! -f $build/compile_commands.json ]]; then
    local extra=()
    [[ $name == leveldb ]] && extra=(-DLEVELDB_BUILD_TESTS=ON -DLEVELDB_BUILD_BENCHMARKS=ON)
    # Debian's tree has no bundled dependencies: the system's.
    if [[ $name == libgit2 ]]; then
      dpkg -s libhttp-parser-dev zlib1g-dev >/dev/null 2>&1 ||
        apt-get install -y -qq libhttp-parser-dev zlib1g-dev >&2
      extra=(-DBUILD_TESTS=ON -DUSE_HTTPS=OFF -DUSE_SSH=OFF -DREGEX_BACKEND=regcomp
             -DUSE_HTTP_PARSER=system -DUSE_NTLMCLIENT=OFF)
    fi
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
      -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${extra[@]}" >&2
    # Generated headers some TUs include (libgit2's tests: clar.suite).
    ninja -C "$build" -t targets all 2>/dev/null | grep -oE '^[^:]*(\.suite|_py\.h|\.h)(:| )' |
      sed 's/[: ]$//' | xargs -r ninja -C "$build" >&2 || true
  fi
  echo "$build"
}

# measure NAME CMD...: RUNS runs; appends "NAME seconds KiB" per run.
measure() {
  local name=$1 i; shift
  for ((i = 1; i <= runs; i++)); do
    [[ -n ${BEFORE:-} ]] && eval "$BEFORE"
    /usr/bin/time -f '%e %M' -o "$out/t" "$@" >"$out/$name.out" 2>"$out/$name.err" || true
    echo "$name $(tail -n1 "$out/t")" >>"$out/results"
  done
}
median() { # NAME FIELD(2: s, 3: KiB)
  awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$out/results" | sort -g |
    awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]; else print "nan"}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}'; }

IFS=, read -r -a names <<<"$corpora"
for name in "${names[@]}"; do
  build=$(prepare "$name")
  : >"$out/results"
  # The TUs struct-layout parses: each (file, command) once.
  python3 - "$build" "$root/integration/real" >"$out/cmds" <<'PY'
import json, shlex, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[2])
from check_sizes import syntax_only_command
seen = set()
for e in json.load(open(sys.argv[1] + "/compile_commands.json")):
    if not e["file"].endswith((".c", ".cc", ".cpp", ".cxx")):
        continue
    cmd = syntax_only_command(e, "clang-19", "clang++-19", ["-fsyntax-only", "-w"])
    key = (e["directory"], e["file"], tuple(cmd))
    if key in seen:
        continue
    seen.add(key)
    sys.stdout.write(f"cd {shlex.quote(e['directory'])} && {shlex.join(cmd)}\0")
PY
  ntu=$(tr -cd '\0' <"$out/cmds" | wc -c)
  # shellcheck disable=SC2016
  measure syntax xargs -0 -n 1 -P "$jobs" -a "$out/cmds" sh -c 'eval "$1"' sh
  measure padding "$tool" --no-cache -p "$build" --checks=-*,layout-padding --quiet -j "$jobs"
  measure all "$tool" --no-cache -p "$build" --quiet -j "$jobs"
  measure all1 "$tool" --no-cache -p "$build" --quiet -j 1
  cache=$out/cache
  BEFORE="rm -rf '$cache'" measure cold "$tool" --cache-dir="$cache" -p "$build" --quiet -j "$jobs" --format=json
  cp "$out/cold.out" "$out/cold.json"
  measure warm "$tool" --cache-dir="$cache" -p "$build" -j "$jobs" --format=json
  cmp -s "$out/cold.json" "$out/warm.out" || echo "  $name: WARM OUTPUT DIFFERS" >&2
  # One header: the one most TUs read, its content changed, then put back.
  # One header: the project's header most TUs read (the cache's manifests
  # list every file each TU read), its content changed, then put back.
  header=$(cat "$cache"/*/*.entry | awk -v w="$work" '
    /^$/ {skip = 1} /^struct-layout-cache/ {skip = 0; next}
    !skip && index($2, w) == 1 && $2 ~ /\.(h|hpp)$/ {n[$2]++}
    END {for (h in n) if (n[h] > best) {best = n[h]; top = h}; print top}')
  if [[ -n $header ]]; then
    cp "$header" "$out/header.orig"
    BEFORE="cp '$out/header.orig' '$header'; '$tool' --cache-dir='$cache' -p '$build' --quiet -j $jobs >/dev/null 2>&1; echo '// touched' >> '$header'" \
      measure header "$tool" --cache-dir="$cache" -p "$build" -j "$jobs"
    cp "$out/header.orig" "$header"
    reparsed=$(grep -oE '[0-9]+ of [0-9]+ TU parses' "$out/header.err" || echo "0 of $ntu TU parses")
  fi
  # Shards: two extractions at once, then the merge.
  rm -rf "$out/s1" "$out/s2" "$out/one"
  "$tool" --no-cache -p "$build" --quiet --shard=1/1 --facts-out="$out/one" -j "$jobs"
  "$tool" -p "$build" --facts="$out/one" --format=json >"$out/one.json" 2>/dev/null || true
  # shellcheck disable=SC2016
  measure shard_extract sh -c '"$1" --no-cache -p "$2" --quiet --shard=1/2 --facts-out="$3/s1" -j 1 &
                               "$1" --no-cache -p "$2" --quiet --shard=2/2 --facts-out="$3/s2" -j 1 & wait' \
    sh "$tool" "$build" "$out"
  measure shard_merge "$tool" -p "$build" --facts="$out/s1,$out/s2" --format=json
  cmp -s "$out/one.json" "$out/shard_merge.out" && same=identical || same=DIFFERENT

  s=$(median syntax 2) p=$(median padding 2) a=$(median all 2)
  c=$(median cold 2) w=$(median warm 2) h=$(median header 2)
  se=$(median shard_extract 2) sm=$(median shard_merge 2)
  rss=$(median all1 3) crss=$(median syntax 3)
  echo "== $name: $ntu TUs ($build), -j $jobs, median of $runs"
  echo "  clang -fsyntax-only        ${s} s"
  echo "  padding only               ${p} s   $(ratio "$p" "$s")x syntax-only (goal <= 0.5)"
  echo "  every check                ${a} s   $(ratio "$a" "$s")x syntax-only (goal <= 1.0)"
  echo "  cold (empty cache)         ${c} s"
  echo "  warm                       ${w} s   $(ratio "$w" "$c")x cold (goal <= 0.05)"
  [[ -n $header ]] && echo "  one header changed         ${h} s   $(ratio "$h" "$c")x cold; $reparsed from the cache (${header#"$work"/})"
  echo "  2 shards at once + merge   ${se} s + ${sm} s = $(awk -v a="$se" -v b="$sm" 'BEGIN {print a + b}') s   $(ratio "$(awk -v a="$se" -v b="$sm" 'BEGIN {print a + b}')" "$a")x one run; JSON $same to 1 shard"
  echo "  peak RSS (-j 1)            $((rss / 1024)) MiB vs $((crss / 1024)) MiB largest clang: $(ratio "$rss" "$crss")x"
done

# The Clang plugin inside the user's build: ninja-build built twice from
# clean (Release, clang-19, -j JOBS), without and with
# -fplugin=libStructLayoutFacts.so (goal: at most 5 % more).
plugin=$(dirname "$tool")/../plugin/libStructLayoutFacts.so
if [[ ,$corpora, == *,ninja,* && -f $plugin ]]; then
  src=$(bash "$root/integration/real/fetch_source.sh" ninja-build "$work")
  : >"$out/results"
  for variant in plain plugin; do
    flags=""
    [[ $variant == plugin ]] && flags="-fplugin=$plugin -fplugin-arg-structlayout-out=$out/build-facts"
    cmake -S "$src" -B "$out/build-$variant" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
      -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Release \
      -DBUILD_TESTING=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_C_FLAGS=$flags" >/dev/null
  done
  for ((i = 1; i <= runs; i++)); do
    for variant in plain plugin; do
      ninja -C "$out/build-$variant" -t clean >/dev/null
      /usr/bin/time -f '%e %M' -o "$out/t" ninja -C "$out/build-$variant" -j "$jobs" >/dev/null
      echo "build_$variant $(tail -n1 "$out/t")" >>"$out/results"
    done
  done
  bp=$(median build_plain 2) bq=$(median build_plugin 2)
  "$tool" --no-cache -p "$out/build-plugin" --format=json >"$out/parsed.json" 2>/dev/null || true
  "$tool" -p "$out/build-plugin" --facts="$out/build-facts" --format=json >"$out/plugin.json" 2>/dev/null || true
  cmp -s "$out/parsed.json" "$out/plugin.json" && same=identical || same=DIFFERENT
  echo "== the build's own Clang plugin (ninja-build, Release, -j $jobs, median of $runs)"
  echo "  build without / with the plugin   ${bp} s / ${bq} s   $(ratio "$bq" "$bp")x (goal <= 1.05); --facts JSON $same to a run that parses"
fi

if [[ -x $merge_bench ]]; then
  echo "== synthetic merge (goal: 1,000,000 records < 10 s)"
  "$merge_bench" | sed 's/^/  /'
fi
