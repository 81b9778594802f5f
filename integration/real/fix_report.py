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
      first run may still be flagged by layout-padding or by the check that
      fixed it.
  warnings BUILD_LOG --fixed FIXED [--root DIR]
      The compiler's warnings in the build after the fix: fails on a
      -Wreorder(-ctor) warning between two fields of one changed record (an
      init list left in the old order); lists the other warnings in files
      the fix changed (--changed FILE: one relative path a line), for reading.
Each command prints its checks and exits 1 if one failed.
Fixes of every check are understood: layout-padding (size -> best_size),
layout-hot-cold (the same size or smaller, hot fields first) and
layout-false-sharing (alignas: a bigger record, same field order); a record
two checks fixed must end in one layout that both predicted.
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


def fix_layout(f):
    """The layout the fix was verified to give its own record, on the
    first target: the fix's, which may differ from the check's suggestion
    (a record that holds a record this run changes; an order settled with
    another check's)."""
    layouts = (f.get("fix") or {}).get("layouts") or []
    own = [l for l in layouts if l.get("record") == f.get("record")]
    return (own or layouts or [None])[0]


def prediction(f):
    """(size now, predicted size after the fix) of a finding, for the
    compile target: the fix's verified layout, else layout-padding's
    best_size, layout-hot-cold's size_after, layout-false-sharing's
    fixed_size."""
    if (layout := fix_layout(f)) is not None:
        return layout["size_before"], layout["size"]
    d = f.get("details", {})
    if "best_size" in d:
        return d.get("size"), d["best_size"]
    targets = d.get("targets") or [{}]
    t = next((t for t in targets if t.get("target") == d.get("target")), targets[0])
    size = t.get("size", d.get("size"))
    for key in ("size_after", "fixed_size", "best_size"):
        if key in t:
            return size, t[key]
    return size, size


def short(f):
    check = (f.get("check") or "?").replace("layout-", "")
    return f"[{check}] {f['record']}"


def reason_kind(reason):
    """A refusal reason without its places and names, to count them."""
    r = re.sub(r"'[^']*'", "'…'", reason)
    r = re.sub(r"\S+\.(c|cc|cpp|cxx|h|hh|hpp|inc):\d+(:\d+)?", "FILE:LINE", r)
    r = re.sub(r"\(.*\)$", "", r).strip()
    return r[:100]


def cmd_summary(o):
    report = load(o.json)
    ok = True
    findings = unique(report["findings"])
    fixed = [f for f in findings if "fix" in f]
    refused = [f for f in findings if "fix" not in f and f.get("no_fix_reason")]
    other = [f for f in findings if "fix" not in f and not f.get("no_fix_reason")]

    def sizes(f):
        size, after = prediction(f)
        b = f.get("details", {}).get("bytes_saved")
        if b is None and None not in (size, after):
            b = size - after
        return size, after, b

    saved = added = 0
    print(f"records changed: {len(fixed)}")
    for f in fixed:
        size, best, b = sizes(f)
        saved += max(b or 0, 0)
        added += max(-(b or 0), 0)
        print(f"  {short(f):<52} {where(f, o.root):<34} {size!s:>5} -> {best!s:<5} "
              f"{'saves' if (b or 0) >= 0 else 'adds'} {abs(b or 0)} bytes "
              f"({f['fix'].get('edits', '?')} edits)")
    print(f"bytes saved: {saved}, bytes added: {added} (one instance of each changed record)")
    by_check = {}
    for f in fixed:
        by_check[f.get("check")] = by_check.get(f.get("check"), 0) + 1
    if by_check:
        print("fixes by check: " + ", ".join(f"{k} {v}" for k, v in sorted(by_check.items())))
    print(f"refusals: {len(refused)}")
    for f in refused:
        size, best, b = sizes(f)
        print(f"  {short(f):<52} {where(f, o.root):<34} {size!s:>5} -> {best!s:<5} "
              f"(would save {b}): {f['no_fix_reason']}")
    reasons = {}
    for f in refused:
        key = reason_kind(f["no_fix_reason"])
        reasons[key] = reasons.get(key, 0) + 1
    if reasons:
        print("refusals by reason:")
        for key, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:>4}  {key}")
    if other:
        print(f"other findings (no fix offered): {len(other)}")
        for f in other:
            print(f"  [{f.get('check')}] {f['record']} {where(f, o.root)}: {f.get('message')}")

    for f in fixed + refused:
        size, best, b = sizes(f)
        if f.get("check") == "layout-padding" and None not in (size, best, b) and size - best != b:
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
        # A record in a file that C and C++ TUs both compile can be two
        # records to the tool (a struct local to a function: the function's
        # USR differs between C and C++): counted twice, reported once here.
        # A finding that stands for several (details.merged: one template's
        # specialisations, one record seen as C and as C++) counts for each.
        raw = sum(f.get("details", {}).get("merged", 1)
                  for f in report["findings"] if "fix" in f)
        if len(fixed) < line[0] <= raw:
            print(f"NOTE: stderr says {line[0]} records were fixed, {len(fixed)} distinct "
                  f"(check, record, file, line) in the JSON: one record counted twice")
        else:
            print(f"CHECK FAILED: stderr says {line[0]} records were fixed, "
                  f"the JSON has {len(fixed)} findings with a fix")
            ok = False
    if len(fixed) < o.min_fixes:
        print(f"CHECK FAILED: {len(fixed)} records fixed, expected at least {o.min_fixes}")
        ok = False
    if o.fixed_out:
        with open(o.fixed_out, "w") as out:
            json.dump([{"record": f["record"], "file": f["file"], "line": f["line"],
                        "check": f.get("check"),
                        "size": sizes(f)[0], "best_size": sizes(f)[1],
                        "fields": (fix_layout(f) or {}).get("fields") or
                                  f.get("details", {}).get("suggested_order", [])}
                       for f in fixed],
                      out, indent=1)
    if line is not None:
        print(f"applied: {line[0]} records in {line[1]} files")
    return 0 if ok else 1



UNNAMED = re.compile(r"\(unnamed at (.*):(\d+):\d+\)$")


def lookup(layouts, name, base, line):
    """The layouts of one record in one TU's dump, by name; an unnamed
    record (`typedef struct { ... } T;`, which Clang dumps as
    "(unnamed at FILE:LINE:COL)") by its file and line."""
    if name in layouts:
        return layouts[name]
    out = set()
    for n, v in layouts.items():
        m = UNNAMED.search(n)
        if m and os.path.basename(m.group(1)) == base and int(m.group(2)) == line:
            out |= v
    return out


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
    preds = {}
    for r in fixed:
        preds.setdefault((norm(r["record"]), r["file"]), []).append(r)
    for key, rs in preds.items():
        if len({(r["best_size"], tuple(r.get("fields", []))) for r in rs}) > 1:
            print(f"CHECK FAILED: {rs[0]['record']} was fixed by "
                  f"{', '.join(r.get('check', '?') for r in rs)} with different layouts; "
                  f"one record must get one order")
            ok = False
    for r in fixed:
        name, base = norm(r["record"]), os.path.basename(r["file"])
        found = {f: lookup(per_tu[f], name, base, r["line"]) for f in per_tu}
        tus = [f for f in per_tu if os.path.basename(f) == base and found[f]]
        if not tus:
            tus = [f for f in per_tu if found[f]]
        got = set().union(*(found[f] for f in tus)) if tus else set()
        want = tuple(f for f in r.get("fields", []) if f)
        # Records of one name in several scopes (a struct local to each of
        # several functions): the ones with the fields of this one.
        same = {g for g in got if sorted(g[1]) == sorted(want)}
        if want and same:
            got = same
        sizes = {size for size, _ in got}
        orders = {order for _, order in got}
        good_size = sizes == {r["best_size"]}
        # The declaration must now be in the order the tool predicted:
        # initialisers were rewritten for that order.
        good_order = not want or orders == {want}
        ok &= good_size and good_order
        shown = "/".join(map(str, sorted(sizes))) or "missing"
        print(f"{r['record'][:36]:<36} {base + ':' + str(r['line']):<28} {r['size']!s:>6} "
              f"{r['best_size']!s:>9} {shown:>9}  "
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
    # The check that fixed a record must not flag that record again (the
    # same declaration: a record's per-thread array fields are findings of
    # their own, at their own lines).
    by = {(norm(r["record"]), r["file"], r["line"], r.get("check", "layout-padding"))
          for r in fixed}
    for f in findings:
        key = (norm(f["record"]), f["file"])
        if key in keys and (f.get("check") == "layout-padding" or
                            key + (f.get("line"), f.get("check")) in by):
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
