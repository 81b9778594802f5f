#!/usr/bin/env python3
"""The ground truth for --fix (DESIGN.md section 4), on a directory of sources.

For each target: copy the tree, run `struct-layout --fix`, then compile every
fixed file for that target with a static_assert that each fixed record's size
is the size the tool predicted; run --fix again and require no change. On the
first target also: --export-fixes applied with clang-apply-replacements-19
gives the same tree, and (with --run) the fixed program prints the same as
the original.

With --set, one run of `struct-layout --fix --target=SET` instead: the
fixed files must compile for every triple of the set with the size the tool
predicted for that triple, and a second run must change nothing.

Usage: check_fix.py --tool BIN --clang DIR --std c++20 [--run] [--set T1,T2]
                    SRC_DIR WORK_DIR
"""
import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys

TARGETS = ["x86_64-linux-gnu", "i686-linux-gnu", "aarch64-linux-gnu",
           "x86_64-pc-windows-msvc"]

ap = argparse.ArgumentParser()
ap.add_argument("--tool", required=True)
ap.add_argument("--clang", required=True, help="directory of clang/clang++")
ap.add_argument("--std", default="c++20")
ap.add_argument("--run", action="store_true")
ap.add_argument("--targets", default=",".join(TARGETS))
ap.add_argument("--set", help="one multi-target run over these targets")
ap.add_argument("src")
ap.add_argument("work")
args = ap.parse_args()

is_c = not args.std.startswith(("c++", "gnu++"))
compiler = os.path.join(args.clang, "clang" if is_c else "clang++")
failures = []


def sources(root):
    return sorted(os.path.join(root, f) for f in os.listdir(root)
                  if f.endswith((".c", ".cpp")))


def run_tool(root, target, *extra):
    cmd = [args.tool, "--quiet", "--format=json", *extra, *sources(root),
           "--", f"-std={args.std}", f"--target={target}", f"-I{root}"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0,):
        failures.append(f"{target}: struct-layout exited {out.returncode}: "
                        f"{out.stderr.strip()}")
        return []
    return json.loads(out.stdout)["findings"]


def tree(root):
    return {f: open(os.path.join(root, f)).read() for f in sorted(os.listdir(root))
            if f.endswith((".c", ".cpp", ".h"))}


def check_sizes(root, fixed, target, predicted):
    """Compiles every file of root for target with a static_assert that each
    fixed record it sees has the predicted size."""
    for src in sources(root):
        text = open(src).read()
        asserts = []
        for f in fixed:
            home = os.path.basename(f["file"])
            if f.get("spelling") and predicted(f) is not None and (
                    os.path.basename(src) == home or f'"{home}"' in text):
                asserts.append(
                    f'_Static_assert(sizeof({f["spelling"]}) == '
                    f'{predicted(f)}, "{f["record"]} on {target}");')
        checked = src + ".checked" + os.path.splitext(src)[1]
        with open(checked, "w") as out:
            out.write(text + "\n" + "\n".join(asserts) + "\n")
        lang = ["-x", "c"] if is_c else ["-x", "c++"]
        cc = subprocess.run([compiler, "-fsyntax-only", *lang, f"-std={args.std}",
                             f"--target={target}", f"-I{root}", checked],
                            capture_output=True, text=True)
        os.remove(checked)
        if cc.returncode != 0:
            failures.append(f"{target}: fixed {os.path.basename(src)} does not "
                            f"compile with its size asserts:\n{cc.stderr}")


def check_runs(fixed_root):
    """The fixed program, built for the host, prints what the original did."""
    outputs = []
    for name, base in (("original", args.src), ("fixed", fixed_root)):
        exe = os.path.join(args.work, name + ".out")
        subprocess.run([compiler, f"-std={args.std}", f"-I{base}",
                        *sources(base), "-o", exe], check=True)
        p = subprocess.run([exe], capture_output=True, text=True)
        outputs.append((p.returncode, p.stdout))
    if outputs[0] != outputs[1] or outputs[1][0] != 0:
        failures.append(f"the fixed program behaves differently: {outputs}")
    else:
        print("the fixed program prints the same and exits 0")


def check_set():
    """One --fix for the whole set; each triple gets its own predicted size."""
    root = os.path.join(args.work, "set")
    shutil.copytree(args.src, root)
    findings = run_tool(root, "x86_64-linux-gnu", "--fix", f"--target={args.set}")
    fixed = [f for f in findings if "fix" in f]
    triples = {}
    for f in fixed:
        for t in f["details"].get("targets", []):
            triples.setdefault(t["triple"], t["target"])
    print(f"set: fixed {len(fixed)} records on {len(triples)} targets")
    for f in fixed:
        print("  " + f["record"] + ": " + ", ".join(
            f"{t['target']} {t['size']}->{t['best_size']}"
            for t in f["details"]["targets"]))
    for triple, name in sorted(triples.items()):
        def size_on(f, triple=triple):
            return next((t["best_size"] for t in f["details"].get("targets", [])
                         if t["triple"] == triple), None)
        check_sizes(root, fixed, triple, size_on)
    before = tree(root)
    again = run_tool(root, "x86_64-linux-gnu", "--fix", f"--target={args.set}")
    if tree(root) != before or any("fix" in f for f in again):
        failures.append("set: a second --fix changed the tree")
    if args.run:
        check_runs(root)
    return triples


shutil.rmtree(args.work, ignore_errors=True)
if args.set:
    check_set()
    args.targets = ""  # the set replaces the per-target runs
for i, target in enumerate(t for t in args.targets.split(",") if t):
    root = os.path.join(args.work, target)
    shutil.copytree(args.src, root)
    findings = run_tool(root, target, "--fix")
    fixed = [f for f in findings if "fix" in f]
    print(f"{target}: fixed {len(fixed)} records: " +
          ", ".join(f"{f['record']} {f['details']['size']}->"
                    f"{f['details']['best_size']}" for f in fixed))
    check_sizes(root, fixed, target, lambda f: f["details"]["best_size"])
    # Idempotence: a second --fix changes nothing.
    before = tree(root)
    again = run_tool(root, target, "--fix")
    if tree(root) != before or any("fix" in f for f in again):
        failures.append(f"{target}: a second --fix changed the tree")
    if i == 0:
        # --export-fixes + clang-apply-replacements == --fix.
        other = os.path.join(args.work, "exported")
        shutil.copytree(args.src, other)
        os.makedirs(os.path.join(other, "fixes"))
        run_tool(other, target, f"--export-fixes={other}/fixes/fixes.yaml")
        car = subprocess.run([os.path.join(args.clang, "clang-apply-replacements"),
                              os.path.join(other, "fixes")],
                             capture_output=True, text=True)
        if car.returncode != 0 or tree(other) != before:
            failures.append("exported fixes applied with clang-apply-replacements"
                            f" differ from --fix: {car.stderr}")
        else:
            print("clang-apply-replacements on the exported fixes == --fix")
        if args.run:
            check_runs(root)

for f in failures:
    print("FAIL:", f)
print(f"check_fix: {0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
