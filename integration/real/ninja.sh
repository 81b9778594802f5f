#!/usr/bin/env bash
# Integration test on a real project: the Debian source package ninja-build.
#   1. fetch + configure it (prepare_ninja.sh, cached in the work dir);
#   2. run struct-layout over its compile_commands.json: it must exit 0;
#   3. check every reported record size against Clang's own
#      -fdump-record-layouts (check_sizes.py).
# Usage: ninja.sh [WORK_DIR]    (default ${TMPDIR:-/tmp}/struct-layout-real)
# Env:   STRUCT_LAYOUT  the binary (default /work/main/build/tool/struct-layout)
#        JOBS           parallel TUs (default: nproc)
# Last line: "ninja-build: N passed, M failed"; exit 0 only if M == 0 and N > 0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool=${STRUCT_LAYOUT:-/work/main/build/tool/struct-layout}
jobs=${JOBS:-$(nproc)}
work=${1:-${TMPDIR:-/tmp}/struct-layout-real}

build=$(bash "$here/prepare_ninja.sh" "$work")
out=$(mktemp -d "${TMPDIR:-/tmp}/struct-layout-ninja.XXXXXX")
trap 'rm -rf "$out"' EXIT

# Findings (flagged records) and the layout of every record it analysed.
rc=0
"$tool" -p "$build" --format=json --quiet -j "$jobs" >"$out/findings.json" 2>"$out/stderr" || rc=$?
if [[ $rc -ne 0 ]]; then
  cat "$out/stderr" >&2
  echo "error: struct-layout exited with $rc (3: a TU failed to parse)" >&2
  echo "ninja-build: 0 passed, 1 failed"
  exit 1
fi
rc=0
"$tool" -p "$build" --print-layout='.*' --quiet -j "$jobs" >"$out/layouts.txt" 2>"$out/stderr" || rc=$?
if [[ $rc -ne 0 ]]; then
  cat "$out/stderr" >&2
  echo "error: struct-layout --print-layout exited with $rc" >&2
  echo "ninja-build: 0 passed, 1 failed"
  exit 1
fi

python3 - "$out/findings.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"struct-layout: {s['tus']} TUs ({s['failed_tus']} failed), "
      f"{s['records_analysed']} records analysed, {s['records_flagged']} flagged, "
      f"{s['bytes_saved']} bytes saved")
EOF

python3 "$here/check_sizes.py" --build "$build" --findings "$out/findings.json" \
  --layouts "$out/layouts.txt" -j "$jobs" --label ninja-build
