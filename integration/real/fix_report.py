#!/usr/bin/env python3
"""Reads the --format=json output of `struct-layout --fix` on a real project.

  summary JSON --stderr FILE --root DIR [--fixed-out FILE] [--min-fixes N]
      Print the records the fix changed (size -> best size, bytes saved), the
      refusals with their reasons, and the other findings.  Fails if the JSON
      disagrees with the tool's own stderr line
      "applied fixes for N records in M files", if a TU failed, if
      size - best_size != bytes_saved, or if fewer than N records were fixed.
      --fixed-out writes the fixed records (JSON) for `verify` and `again`.
  verify FIXED --build DIR [-j N]
      Oracle: each fixed record as Clang itself lays it out now
      (-fdump-record-layouts over every TU of the database) must have the
      best size the tool predicted, and its fields must be declared in the
      order it suggested (the order its initialisers were rewritten for).
  again JSON --fixed FIXED --stderr FILE
      The second --fix run: it must apply nothing, and no record fixed by the
      first run may still be flagged by layout-padding.
  warnings BUILD_LOG --fixed FIXED [--root DIR]
      The compiler's warnings in the build after the fix: fails on a
      -Wreorder(-ctor) warning between two fields of one changed record (an
      init list left in the old order); lists the other warnings in files
      the fix changed (--changed FILE: one relative path a line), for reading.
Each command prints its checks and exits 1 if one failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_sizes import clang_layouts, norm, per_tu_dumps, syntax_only_command  # noqa: E402

APPLIED = re.compile(r"applied fixes for (\d+) records? in (\d+) files?")


def load(path):
    with open(path) as f:
        return json.load(f)


def applied_line(stderr_path):
    """(records, files) from the tool's stderr, or None."""
    with open(stderr_path, errors="replace") as f:
        for line in f:
            m = APPLIED.search(line)
            if m:
                return int(m.group(1)), int(m.group(2))
    return None


def unique(findings):
    """One finding per (check, record, file, line): a header's record is seen
    from every TU (and C and C++ TUs may both report it)."""
    seen, out = set(), []
    for f in findings:
        key = (f.get("check"), f.get("record"), f.get("file"), f.get("line"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def where(f, root):
    path = f.get("file", "?")
    if root and path.startswith(root.rstrip("/") + "/"):
        path = path[len(root.rstrip("/")) + 1:]
    return f"{path}:{f.get('line', '?')}"


def cmd_summary(o):
    report = load(o.json)
    ok = True
    findings = unique(report["findings"])
    fixed = [f for f in findings if "fix" in f]
    refused = [f for f in findings if "fix" not in f and f.get("no_fix_reason")]
    other = [f for f in findings if "fix" not in f and not f.get("no_fix_reason")]

    def sizes(f):
        d = f.get("details", {})
        return d.get("size"), d.get("best_size"), d.get("bytes_saved")

    saved = 0
    print(f"records changed: {len(fixed)}")
    for f in fixed:
        size, best, b = sizes(f)
        saved += b or 0
        print(f"  {f['record']:<36} {where(f, o.root):<34} {size:>5} -> {best:<5} "
              f"saves {b} bytes ({f['fix'].get('edits', '?')} edits)")
    print(f"bytes saved: {saved} (one instance of each changed record)")
    print(f"refusals: {len(refused)}")
    for f in refused:
        size, best, b = sizes(f)
        print(f"  {f['record']:<36} {where(f, o.root):<34} {size:>5} -> {best:<5} "
              f"(would save {b}): {f['no_fix_reason']}")
    if other:
        print(f"other findings (no fix offered): {len(other)}")
        for f in other:
            print(f"  [{f.get('check')}] {f['record']} {where(f, o.root)}: {f.get('message')}")

    for f in fixed + refused:
        size, best, b = sizes(f)
        if None not in (size, best, b) and size - best != b:
            print(f"CHECK FAILED: {f['record']}: size - best_size != bytes_saved "
                  f"({size} - {best} != {b})")
            ok = False
    if report.get("failed_tus"):
        for t in report["failed_tus"]:
            print(f"CHECK FAILED: TU failed to parse: {t.get('file')}: {t.get('message')}")
        ok = False
    line = applied_line(o.stderr)
    if line is None:
        print("CHECK FAILED: no 'applied fixes for N records in M files' on stderr")
        ok = False
    elif line[0] != len(fixed):
        print(f"CHECK FAILED: stderr says {line[0]} records were fixed, "
              f"the JSON has {len(fixed)} findings with a fix")
        ok = False
    if len(fixed) < o.min_fixes:
        print(f"CHECK FAILED: {len(fixed)} records fixed, expected at least {o.min_fixes}")
        ok = False
    if o.fixed_out:
        with open(o.fixed_out, "w") as out:
            json.dump([{"record": f["record"], "file": f["file"], "line": f["line"],
                        "size": sizes(f)[0], "best_size": sizes(f)[1],
                        "fields": f.get("details", {}).get("suggested_order", [])}
                       for f in fixed],
                      out, indent=1)
    if line is not None:
        print(f"applied: {line[0]} records in {line[1]} files")
    return 0 if ok else 1



def cmd_verify(o):
    fixed = load(o.fixed)
    if not fixed:
        print("no fixed records to verify")
        return 0
    with open(os.path.join(o.build, "compile_commands.json")) as f:
        db = json.load(f)
    per_tu, failed = per_tu_dumps(db, clang_layouts, o, "CHECK FAILED")
    ok = failed == 0
    print(f"{'record':<36} {'where':<28} {'before':>6} {'predicted':>9} {'clang now':>9}  field order")
    for r in fixed:
        name, base = norm(r["record"]), os.path.basename(r["file"])
        tus = [f for f in per_tu if os.path.basename(f) == base and name in per_tu[f]]
        if not tus:
            tus = [f for f in per_tu if name in per_tu[f]]
        got = set().union(*(per_tu[f][name] for f in tus)) if tus else set()
        sizes = {size for size, _ in got}
        orders = {order for _, order in got}
        want = tuple(f for f in r.get("fields", []) if f)
        good_size = sizes == {r["best_size"]}
        # The declaration must now be in the order the tool predicted:
        # initialisers were rewritten for that order.
        good_order = not want or orders == {want}
        ok &= good_size and good_order
        shown = "/".join(map(str, sorted(sizes))) or "missing"
        print(f"{r['record'][:36]:<36} {base + ':' + str(r['line']):<28} {r['size']:>6} "
              f"{r['best_size']:>9} {shown:>9}  "
              f"{'as predicted' if good_order else 'DIFFERS'}"
              f"{'' if good_size and good_order else '   <-- MISMATCH'}")
        if not good_order:
            print(f"    predicted: {', '.join(want)}")
            for order in sorted(orders):
                print(f"    clang:     {', '.join(order)}")
    return 0 if ok else 1


def cmd_again(o):
    report = load(o.json)
    fixed = load(o.fixed)
    ok = True
    findings = unique(report["findings"])
    again = [f for f in findings if "fix" in f]
    for f in again:
        print(f"CHECK FAILED: second run fixes {f['record']} ({f['file']}:{f['line']}) again")
        ok = False
    line = applied_line(o.stderr)
    if line is None or line[0] != 0:
        print(f"CHECK FAILED: second run's stderr: {line}")
        ok = False
    keys = {(norm(r["record"]), r["file"]) for r in fixed}
    for f in findings:
        if f.get("check") == "layout-padding" and (norm(f["record"]), f["file"]) in keys:
            print(f"CHECK FAILED: {f['record']} still flagged after its fix: {f.get('message')}")
            ok = False
    if report.get("failed_tus"):
        print(f"CHECK FAILED: second run: {len(report['failed_tus'])} TUs failed")
        ok = False
    print(f"second run: {len(findings)} findings, {len(again)} fixed, "
          f"{sum(1 for f in findings if f.get('no_fix_reason'))} refused")
    return 0 if ok else 1


WARNING = re.compile(r"^(.*?):(\d+):(\d+): (?:warning|error): (.*?)(?: \[(-W[^\]]*)\])?$")
REORDER = re.compile(r"field '([^']+)' will be initialized after field '([^']+)'")


def cmd_warnings(o):
    fixed = load(o.fixed)
    changed = set()
    if o.changed:
        with open(o.changed) as f:
            changed = {line.strip() for line in f if line.strip()}
    root = o.root.rstrip("/") + "/" if o.root else ""
    ok, seen, shown = True, set(), 0
    with open(o.log, errors="replace") as f:
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", l.rstrip("\n")) for l in f]
    for line in lines:
        m = WARNING.match(line)
        if not m or line in seen:
            continue
        seen.add(line)
        path, msg, flag = m.group(1), m.group(4), m.group(5) or ""
        rel = path[len(root):] if root and path.startswith(root) else path
        r = REORDER.search(msg)
        if r:
            for rec in fixed:
                if r.group(1) in rec["fields"] and r.group(2) in rec["fields"]:
                    print(f"CHECK FAILED: {rel}:{m.group(2)}: {msg} [{flag}] -- "
                          f"fields of the changed record {rec['record']}")
                    ok = False
        if rel in changed:
            print(f"  warning in a changed file: {rel}:{m.group(2)}: {msg} [{flag}]")
            shown += 1
    print(f"compiler warnings: {len(seen)} distinct, {shown} in changed files")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("summary")
    s.add_argument("json")
    s.add_argument("--stderr", required=True)
    s.add_argument("--root", default="")
    s.add_argument("--fixed-out")
    s.add_argument("--min-fixes", type=int, default=0)
    v = sub.add_parser("verify")
    v.add_argument("fixed")
    v.add_argument("--build", required=True)
    v.add_argument("--cc", default="clang-19")
    v.add_argument("--cxx", default="clang++-19")
    v.add_argument("-j", type=int, default=os.cpu_count() or 1)
    a = sub.add_parser("again")
    a.add_argument("json")
    a.add_argument("--fixed", required=True)
    a.add_argument("--stderr", required=True)
    w = sub.add_parser("warnings")
    w.add_argument("log")
    w.add_argument("--fixed", required=True)
    w.add_argument("--changed")
    w.add_argument("--root", default="")
    o = ap.parse_args()
    return {"summary": cmd_summary, "verify": cmd_verify, "again": cmd_again,
            "warnings": cmd_warnings}[o.cmd](o)


if __name__ == "__main__":
    sys.exit(main())
