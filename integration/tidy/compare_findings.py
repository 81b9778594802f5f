"""Compares the warnings of clang-tidy (with the plugin) and of struct-layout.

  compare_findings.py [--base DIR] TIDY_OUTPUT CLI_OUTPUT [--expect N]

Each side's `file:line:col: warning|error: ... [check...]` lines, as a set of
(file, line, check), relative paths (clang-tidy's) taken from DIR:
clang-tidy reports a header's record once per TU that
includes it, struct-layout once. Prints both sets' size and their difference;
exits 1 if they differ or (with --expect) do not have N findings.
"""
import os
import re
import sys

LINE = re.compile(r"^([^ :][^:]*):(\d+):\d+: (?:warning|error): .*\[([a-z-]+)(?:,[^\]]*)?\]$")

args = sys.argv[1:]
base = os.getcwd()
if args[0] == "--base":
    base, args = args[1], args[2:]


def findings(path):
    out = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m and m.group(3).startswith("layout-"):
                file = os.path.realpath(os.path.join(base, m.group(1)))
                out.add((file, int(m.group(2)), m.group(3)))
    return out


tidy, cli = findings(args[0]), findings(args[1])
print("clang-tidy: %d findings, struct-layout: %d findings" % (len(tidy), len(cli)))
for f in sorted(tidy - cli):
    print("  only clang-tidy:", f)
for f in sorted(cli - tidy):
    print("  only struct-layout:", f)
expect = None
if "--expect" in args:
    expect = int(args[args.index("--expect") + 1])
ok = tidy == cli and (expect is None or len(cli) == expect)
print("same findings" if ok else "FAIL")
sys.exit(0 if ok else 1)
