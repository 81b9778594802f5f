#!/usr/bin/env python3
"""Precision and recall of the performance checks on the labelled corpus.

Each case in integration/precision/cases is one translation unit whose
header says which check it is for and what an expert expects of it:

  // check: layout-false-sharing
  // expect: report        (or: quiet)
  // record: queue         (report only: the record the finding is on)
  // source: where the pattern comes from
  // why: why an expert would act on it, or why it must stay quiet
  // flags: -std=c11       (optional: the compile flags)

A finding of the case's check on the expected record is a true positive;
any other finding of that check in the case is a false positive; an
expected record without one is a false negative. Prints a table per check;
with --strict, exits 1 unless every case is right.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CASES = os.path.join(HERE, "..", "integration", "precision", "cases")


def read_header(path):
    fields = {"flags": "", "record": []}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*//\s*(check|expect|record|source|why|flags):\s*(.*)",
                         line)
            if not m:
                if line.strip() and not line.lstrip().startswith("//"):
                    break
                continue
            key, value = m.group(1), m.group(2).strip()
            if key == "record":
                fields["record"].append(value)
            elif key in fields and fields[key] and key != "flags":
                fields[key] += " " + value
            else:
                fields[key] = value
    missing = [k for k in ("check", "expect", "source", "why") if k not in fields]
    if missing:
        raise ValueError("%s: header lacks %s" % (path, ", ".join(missing)))
    if fields["expect"] not in ("report", "quiet"):
        raise ValueError("%s: expect must be 'report' or 'quiet'" % path)
    if fields["expect"] == "report" and not fields["record"]:
        raise ValueError("%s: a 'report' case names its record" % path)
    return fields


def run_case(tool, path, case):
    default = "-std=c11" if path.endswith(".c") else "-std=c++17"
    flags = case["flags"].split() or [default]
    cmd = [tool, "--format=json", "--use-color=false",
           "--checks=-*," + case["check"], path, "--"] + flags + ["-pthread"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        return None, out.stderr.strip()
    if report.get("failed_tus"):
        return None, out.stderr.strip()
    return sorted({f["record"] for f in report["findings"]
                   if f["check"] == case["check"]}), ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--struct-layout", required=True)
    parser.add_argument("--cases", default=DEFAULT_CASES)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    paths = sorted(os.path.join(args.cases, n) for n in os.listdir(args.cases)
                   if n.endswith((".c", ".cpp")))
    cases = [(p, read_header(p)) for p in paths]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda pc: run_case(args.struct_layout, *pc),
                                cases))

    totals = {}
    wrong = []
    for (path, case), (found, error) in zip(cases, results):
        t = totals.setdefault(case["check"], {"tp": 0, "fp": 0, "fn": 0,
                                              "cases": 0})
        t["cases"] += 1
        name = os.path.relpath(path, args.cases)
        if found is None:
            wrong.append("%s: did not run: %s" % (name, error))
            continue
        expected = case["record"] if case["expect"] == "report" else []
        tp = [r for r in expected if r in found]
        fp = [r for r in found if r not in expected]
        fn = [r for r in expected if r not in found]
        t["tp"] += len(tp)
        t["fp"] += len(fp)
        t["fn"] += len(fn)
        if fp or fn:
            wrong.append("%s: %s%s" % (
                name,
                "reported " + ", ".join(fp) + " (expected quiet)" if fp else "",
                ("; " if fp and fn else "") +
                ("missed " + ", ".join(fn) if fn else "")))
        elif args.verbose:
            print("ok  %s" % name)

    print("%-22s %5s %4s %4s %4s %10s %7s" % ("check", "cases", "tp", "fp",
                                              "fn", "precision", "recall"))
    for check in sorted(totals):
        t = totals[check]
        reported = t["tp"] + t["fp"]
        expected = t["tp"] + t["fn"]
        precision = 100.0 * t["tp"] / reported if reported else 100.0
        recall = 100.0 * t["tp"] / expected if expected else 100.0
        print("%-22s %5d %4d %4d %4d %9.1f%% %6.1f%%" % (
            check, t["cases"], t["tp"], t["fp"], t["fn"], precision, recall))
    for w in wrong:
        print("wrong: " + w)
    return 1 if args.strict and wrong else 0


if __name__ == "__main__":
    sys.exit(main())
