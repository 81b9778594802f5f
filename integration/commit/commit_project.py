#!/usr/bin/env python3
"""A generated project for the --fix commit tests (DESIGN.md section 4):
a header record with a hole that every TU initialises positionally, so one
--fix rewrites the header and every TU together.

  commit_project.py faults --tool BIN --clang CLANG --tus N WORK
      For k = 0..N+1 files: a --fix that dies (_exit) right after k renames.
      The next run must refuse and name the journal, --fix-recover must give
      back the old tree byte for byte; a whole --fix must compile.
  commit_project.py signal --tool BIN --clang CLANG --tus N --signal SIG WORK
      A real signal once the commit has begun (its journal exists). TERM,
      INT, HUP: the commit finishes, no temp file stays. KILL: the next run
      refuses, --fix-recover gives back the old tree byte for byte.
"""
import argparse
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

HEADER = """#ifndef SHARED_H
#define SHARED_H
struct Shared {
  char a;
  double b;
  char c;
  int d;
};
#endif
"""
OLD_INIT = "{1, 2.5, 3, 4}"
NEW_INIT = "{1, 3, 4, 2.5}"
JOURNAL = "struct-layout-fix.journal"
CRASH = 99  # the exit code of STRUCT_LAYOUT_TEST_COMMIT_STOP_AFTER


def generate(root, tus):
    src, build = os.path.join(root, "src"), os.path.join(root, "build")
    os.makedirs(src)
    os.makedirs(build)
    with open(os.path.join(src, "shared.h"), "w") as f:
        f.write(HEADER)
    commands = []
    for i in range(tus):
        name = os.path.join(src, f"tu{i}.c")
        with open(name, "w") as f:
            f.write(f'#include "shared.h"\n'
                    f"struct Shared s{i} = {OLD_INIT};\n"
                    f"int get{i}(void) {{ return s{i}.d; }}\n")
        commands.append({"directory": build, "file": name,
                         "arguments": ["clang", "-std=c11", f"-I{src}", "-c",
                                       name, "-o", f"tu{i}.o"]})
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


def snapshot(root):
    """Every file of the source tree, with its bytes' hash."""
    out = {}
    for dirpath, _, files in os.walk(os.path.join(root, "src")):
        for f in files:
            p = os.path.join(dirpath, f)
            try:
                out[os.path.relpath(p, root)] = hashlib.sha256(
                    open(p, "rb").read()).hexdigest()
            except FileNotFoundError:
                pass  # a staged file, renamed meanwhile
    return out


failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def tool(args, root, *extra, env=None):
    return subprocess.run([args.tool, "--quiet", "-p",
                           os.path.join(root, "build"), *extra],
                          capture_output=True, text=True, env=env)


def temps(root):
    return glob.glob(os.path.join(root, "src", ".*struct-layout-*.tmp"))


def check_refused_then_recover(args, root, old, label):
    again = tool(args, root)
    expect(again.returncode == 5 and JOURNAL in again.stderr and
           "--fix-recover" in again.stderr and
           len(again.stderr.strip().splitlines()) == 1,
           f"{label}: the next run must refuse with one error naming the "
           f"journal (exit {again.returncode}): {again.stderr}")
    rec = tool(args, root, "--fix-recover")
    expect(rec.returncode == 0, f"{label}: --fix-recover failed: {rec.stderr}")
    expect(snapshot(root) == old,
           f"{label}: the tree after --fix-recover is not the old one")
    expect(not temps(root), f"{label}: temp files left: {temps(root)}")
    expect(not os.path.exists(os.path.join(root, "build", JOURNAL)),
           f"{label}: the journal is still there")


def check_all_new(args, root, label):
    src = os.path.join(root, "src")
    text = open(os.path.join(src, "shared.h")).read()
    expect(text.index("int d") < text.index("double b"),
           f"{label}: shared.h was not reordered")
    for f in sorted(glob.glob(os.path.join(src, "tu*.c"))):
        if not expect(NEW_INIT in open(f).read(),
                      f"{label}: {os.path.basename(f)} is not rewritten"):
            return
    expect(not temps(root), f"{label}: temp files left: {temps(root)}")
    expect(not os.path.exists(os.path.join(root, "build", JOURNAL)),
           f"{label}: the journal is still there")
    files = sorted(glob.glob(os.path.join(src, "tu*.c")))
    cc = subprocess.run([args.clang, "-fsyntax-only", "-std=c11",
                         "-Werror", f"-I{src}", *files],
                        capture_output=True, text=True)
    expect(cc.returncode == 0, f"{label}: the fixed tree does not compile: "
                               f"{cc.stderr}")


def faults(args):
    files = args.tus + 1
    for k in range(files + 1):
        # The database names its files by absolute path: one project each.
        root = os.path.join(args.work, f"stop{k}")
        generate(root, args.tus)
        old = snapshot(root)
        env = dict(os.environ, STRUCT_LAYOUT_TEST_COMMIT_STOP_AFTER=str(k))
        run = tool(args, root, "--fix", env=env)
        expect(run.returncode == CRASH,
               f"k={k}: expected the crash hook's exit {CRASH}, got "
               f"{run.returncode}: {run.stderr}")
        changed = sum(old.get(f) != h for f, h in snapshot(root).items()
                      if not f.endswith(".tmp"))
        expect(changed == k, f"k={k}: {changed} files replaced")
        check_refused_then_recover(args, root, old, f"k={k}")
        print(f"k={k}: {changed} of {files} files replaced, refused, "
              f"recovered byte-identical")
    root = os.path.join(args.work, "whole")
    generate(root, args.tus)
    run = tool(args, root, "--fix")
    expect(run.returncode == 0, f"whole --fix failed: {run.stderr}")
    check_all_new(args, root, "whole")
    print(f"whole --fix: {files} files new, compiles")


def default_signals():
    # A test runner may start its children with SIGINT ignored, and an
    # ignored signal stays ignored across exec.
    for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)


def send(args):
    root = os.path.join(args.work, "project")
    generate(root, args.tus)
    old = snapshot(root)
    sig = getattr(signal, "SIG" + args.signal)
    env = dict(os.environ, STRUCT_LAYOUT_TEST_COMMIT_DELAY_MS=str(args.delay))
    proc = subprocess.Popen([args.tool, "--quiet", "-p",
                             os.path.join(root, "build"), "--fix"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=env, preexec_fn=default_signals)
    journal = os.path.join(root, "build", JOURNAL)
    while not os.path.exists(journal) and proc.poll() is None:
        time.sleep(0.005)
    # Inside the commit: some files are replaced, most are not.
    deadline = time.time() + 120
    replaced = 0
    while replaced < 2 and proc.poll() is None and time.time() < deadline:
        time.sleep(args.delay / 4000)
        replaced = sum(old.get(f) != h for f, h in snapshot(root).items()
                       if not f.endswith(".tmp"))
    proc.send_signal(sig)
    _, err = proc.communicate()
    print(f"SIG{args.signal} after {replaced} of {args.tus + 1} files "
          f"replaced; the process ended with {proc.returncode}")
    expect(0 < replaced < args.tus + 1,
           f"the signal did not come during the commit ({replaced} replaced)")
    expect(proc.returncode == -sig,
           f"expected death by SIG{args.signal}, got {proc.returncode}: {err}")
    if sig == signal.SIGKILL:
        expect(os.path.exists(journal), "SIGKILL: no journal is left")
        check_refused_then_recover(args, root, old, "SIGKILL")
        print("refused, then recovered byte-identical")
        run = tool(args, root, "--fix")
        expect(run.returncode == 0, f"--fix after recovery failed: {run.stderr}")
    check_all_new(args, root, f"SIG{args.signal}")
    print(f"all {args.tus + 1} files new, no temp files, compiles")


ap = argparse.ArgumentParser()
ap.add_argument("mode", choices=["faults", "signal"])
ap.add_argument("--tool", required=True)
ap.add_argument("--clang", required=True)
ap.add_argument("--tus", type=int, default=3)
ap.add_argument("--signal", default="TERM")
ap.add_argument("--delay", type=int, default=20, help="ms between renames")
ap.add_argument("work")
args = ap.parse_args()
shutil.rmtree(args.work, ignore_errors=True)
os.makedirs(args.work)
faults(args) if args.mode == "faults" else send(args)
print(f"commit_project: {len(failures)} failed")
sys.exit(1 if failures else 0)
