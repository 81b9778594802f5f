#!/usr/bin/env python3
"""Oracle for struct-layout on a real project: the record sizes it reports
must equal the sizes Clang itself prints with -fdump-record-layouts.

Records compared: every flagged record (from --findings, the --format=json
output) and every record printed by --print-layout (from --layouts, optional).
Each TU of the compilation database is re-run as
  clang++-19 <its flags> -fsyntax-only -Xclang -fdump-record-layouts
             -Xclang -fdump-record-layouts-complete
and a record is looked up in the TU whose main file defines it, else in every
TU that dumps a record of that name (all of them must agree).

Exit status: 0 if at least one record was compared and none disagreed.
Last line: "<label>: N passed, M failed".
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

DUMP_FLAGS = ["-fsyntax-only", "-Xclang", "-fdump-record-layouts",
              "-Xclang", "-fdump-record-layouts-complete"]
# Flags that only matter for producing output files; dropped with their value.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-fdiagnostics-color", "-fcolor-diagnostics"}


def norm(name):
    """Canonical record name: no keyword, no spaces before '*'/'&', '>>'."""
    name = re.sub(r"^(struct|class|union|enum) ", "", name.strip())
    name = re.sub(r"\s+", " ", name)
    return name.replace("> >", ">>")


def syntax_only_command(entry, cc, cxx, extra=DUMP_FLAGS):
    """The TU's compile command with clang-19 and no output file, + extra.
    (Also used by bench/run.sh with extra=["-fsyntax-only"].)"""
    args = entry.get("arguments") or shlex.split(entry["command"])
    is_c = entry["file"].endswith(".c") and "++" not in os.path.basename(args[0])
    out = [cc if is_c else cxx]
    it = iter(args[1:])
    for a in it:
        if a in DROP_WITH_VALUE:
            next(it, None)
        elif a in DROP or (a.startswith("-o") and len(a) > 2):
            pass
        elif a.startswith("-fdiagnostics-color"):
            pass
        else:
            out.append(a)
    return out + list(extra)


def clang_layouts(entry, cc, cxx):
    """{record name: {(size, (field, ...))}} from one TU's layout dump: the
    size and the names of the direct fields in declaration order (bases,
    vtable pointers and unnamed bit-fields left out)."""
    cmd = syntax_only_command(entry, cc, cxx)
    p = subprocess.run(cmd, cwd=entry["directory"], capture_output=True,
                       text=True, errors="replace")
    out, name, fields = {}, None, []
    lines = iter(p.stdout.splitlines())
    for line in lines:
        if line.startswith("*** Dumping AST Record Layout"):
            for line in lines:          # first non-empty line names the record
                if line.strip():
                    break
            m = re.match(r"\s*0 \| (.*?)( \(empty\))?$", line)
            name, fields = (norm(m.group(1)) if m else None), []
        elif name and "[sizeof=" in line:
            size = int(re.search(r"sizeof=(\d+)", line).group(1))
            out.setdefault(name, set()).add((size, tuple(fields)))
            name = None
        elif name:
            m = re.match(r"^\s*\S+ \|   (?! )(.*)$", line)
            if not m:
                continue                # a nested record's member
            text = re.sub(r" \(empty\)$", "", m.group(1))
            if text.startswith("(") or re.search(r"\((primary |virtual )?base\)$", text):
                continue                # vtable pointer, base class
            if text.endswith(" ") or " " not in text:
                continue                # unnamed bit-field
            fields.append(text.rsplit(" ", 1)[1])
    return entry["file"], p.returncode, p.stderr, out


def clang_sizes(entry, cc, cxx):
    """{record name: set of sizes} from one TU's layout dump."""
    file, rc, err, layouts = clang_layouts(entry, cc, cxx)
    return file, rc, err, {n: {s for s, _ in v} for n, v in layouts.items()}


def parse_layouts(path):
    """Records from --print-layout output: {(name, basename, line): size}."""
    recs, cur = {}, None
    with open(path, errors="replace") as f:
        text = f.read().splitlines()
    for i, line in enumerate(text):
        m = re.match(r"^/\* (.+):(\d+), (\S+) \*/$", line)
        if m and i + 1 < len(text):
            h = re.match(r"^(?:struct|class|union) (.*) \{$", text[i + 1])
            if h:
                cur = (norm(h.group(1)), os.path.basename(m.group(1)),
                       int(m.group(2)))
            continue
        m = re.match(r"^\t/\* size: (\d+),", line)
        if m and cur:
            recs[cur] = int(m.group(1))
        if line == "};":
            cur = None
    return recs



def per_tu_dumps(db, dump, o, label):
    """Runs dump(entry, cc, cxx) on every TU in parallel: {file: {record:
    set of values}} and how many TUs clang failed on (each printed)."""
    per_tu, failed = {}, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=o.j) as pool:
        for file, rc, err, found in pool.map(
                lambda e: dump(e, o.cc, o.cxx), db):
            if rc != 0:
                failed += 1
                print(f"{label}: clang failed on {file}:\n{err[-2000:]}")
            per_tu.setdefault(file, {})
            for n, s in found.items():
                per_tu[file].setdefault(n, set()).update(s)
    return per_tu, failed

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, help="dir of compile_commands.json")
    ap.add_argument("--findings", required=True, help="struct-layout --format=json output")
    ap.add_argument("--layouts", help="struct-layout --print-layout output")
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=15,
                    help="rows of non-flagged records to print (mismatches always shown)")
    ap.add_argument("--label", default="real")
    o = ap.parse_args()

    with open(os.path.join(o.build, "compile_commands.json")) as f:
        db = json.load(f)
    with open(o.findings) as f:
        report = json.load(f)

    # What the tool says: (name, file basename, line) -> [size, best size]
    records = {}
    if o.layouts:
        for key, size in parse_layouts(o.layouts).items():
            records[key] = [size, None]
    flagged = set()
    for fd in report["findings"]:
        d = fd.get("details", {})
        if fd.get("check") != "layout-padding" or "size" not in d:
            continue
        key = (norm(fd["record"]), os.path.basename(fd["file"]), fd["line"])
        records[key] = [d["size"], d.get("best_size")]
        flagged.add(key)
        if d.get("best_size") is not None and d["size"] - d["best_size"] != d.get("bytes_saved"):
            print(f"warning: {key[0]}: size - best_size != bytes_saved: {d}")

    # What Clang says, per TU.
    per_tu, failed = per_tu_dumps(db, clang_sizes, o, "error")

    passed, bad, missing, rows = 0, [], [], []
    for key in sorted(records, key=lambda k: (k not in flagged, k)):
        name, base, _ = key
        size, best = records[key]
        # Prefer the TU whose main file holds the definition.
        tus = [f for f in per_tu if os.path.basename(f) == base and name in per_tu[f]]
        if not tus:
            tus = [f for f in per_tu if name in per_tu[f]]
        got = set().union(*(per_tu[f][name] for f in tus)) if tus else set()
        if not got:
            missing.append(key)
            continue
        ok = got == {size}
        passed += ok
        if not ok:
            bad.append(key)
        rows.append((key, size, "/".join(map(str, sorted(got))), best, ok))

    # All flagged records and all mismatches; an even sample of the rest.
    quiet = [r for r in rows if r[0] not in flagged and r[4]]
    step = max(1, -(-len(quiet) // o.show)) if o.show else 0
    sample = set(r[0] for r in quiet[::step]) if step else set()
    print(f"{'record':<60} {'where':<28} {'reported':>8} {'clang':>8} {'best':>6}")
    for key, size, got, best, ok in rows:
        if key not in flagged and ok and key not in sample:
            continue
        where = f"{key[1]}:{key[2]}"
        mark = "" if ok else "   <-- MISMATCH"
        print(f"{key[0][:60]:<60} {where:<28} {size:>8} {got:>8} "
              f"{'-' if best is None else best:>6}{mark}")
    if len(quiet) > len(sample):
        print(f"... and {len(quiet) - len(sample)} more non-flagged records that agree")
    print(f"compared {len(rows)} records ({len(flagged)} flagged) over {len(db)} TUs; "
          f"{len(missing)} not found in Clang's dumps")
    for key in missing[:10]:
        print(f"  not found: {key[0]} ({key[1]}:{key[2]})")
    if failed:
        print(f"error: clang failed on {failed} TU(s)")
    nfail = len(bad) + failed + (0 if rows else 1)
    print(f"{o.label}: {passed} passed, {nfail} failed")
    return 0 if rows and not bad and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
