#!/usr/bin/env python3
"""struct-layout's best sizes against `pahole --reorganize` on random C
records with bit-fields: ours must never be larger.

Usage: compare.py STRUCT_LAYOUT CLANG WORKDIR
Prints one line per record where the two differ, then a summary line
"pahole: N passed, M failed".
"""
import json
import os
import random
import re
import subprocess
import sys

tool, clang, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
rng = random.Random(20261125)
plain = ["char", "short", "int", "long", "double", "void *", "float", "long long"]
bit_types = [("unsigned char", 8), ("unsigned short", 16), ("unsigned", 32),
             ("int", 32), ("unsigned long", 64)]

lines = []
names = []
for i in range(300):
    name = f"r{i}"
    names.append(name)
    fields = []
    for j in range(rng.randint(3, 9)):
        if rng.random() < 0.45:
            t, bits = rng.choice(bit_types)
            fields.append(f"{t} f{j} : {rng.randint(1, bits)};")
        else:
            fields.append(f"{rng.choice(plain)} f{j};")
    lines.append(f"struct {name} {{ {' '.join(fields)} }};")
    lines.append(f"struct {name} v{i};")
src = os.path.join(work, "records.c")
with open(src, "w") as f:
    f.write("\n".join(lines) + "\n")

obj = os.path.join(work, "records.o")
subprocess.run([clang, "--target=x86_64-linux-gnu", "-g", "-c", src, "-o", obj],
               check=True)
pahole = subprocess.run(["pahole", "--reorganize", obj], check=True,
                        capture_output=True, text=True).stdout
theirs = {}
current = None
for line in pahole.splitlines():
    m = re.match(r"struct (\w+) \{", line)
    if m:
        current = m.group(1)
    m = re.search(r"/\* size: (\d+),", line)
    if m and current:
        theirs[current] = int(m.group(1))
        current = None

out = subprocess.run([tool, "--format=json", "--quiet", src, "--",
                      "--target=x86_64-linux-gnu"],
                     capture_output=True, text=True)
if out.returncode != 0:
    sys.exit(f"struct-layout failed ({out.returncode}): {out.stderr}")
findings = json.loads(out.stdout)["findings"]
best = {f["record"]: f["details"]["best_size"] for f in findings}
# Records without a finding keep their size: read it from --print-layout.
layouts = subprocess.run([tool, "--print-layout", "--quiet", src, "--",
                          "--target=x86_64-linux-gnu"],
                         capture_output=True, text=True, check=True).stdout
ours = {}
for m in re.finditer(r"^struct (\w+) \{.*?/\* size: (\d+),", layouts,
                     re.S | re.M):
    ours[m.group(1)] = best.get(m.group(1), int(m.group(2)))

passed = failed = better = 0
for name in names:
    if name not in theirs or name not in ours:
        print(f"{name}: missing (pahole {theirs.get(name)}, ours {ours.get(name)})")
        failed += 1
    elif ours[name] > theirs[name]:
        print(f"{name}: ours {ours[name]} > pahole {theirs[name]}")
        failed += 1
    else:
        passed += 1
        better += ours[name] < theirs[name]
print(f"smaller than pahole --reorganize on {better} of {passed} records")
print(f"pahole: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
