#!/usr/bin/env python3
"""Every offset and size of `struct-layout --print-layout --target=SET`
(the side-by-side table) against Clang's -fdump-record-layouts for each
triple of the set.

Usage: targets_oracle.py STRUCT_LAYOUT CLANG SOURCE TARGETS [compiler flags]
"""
import re
import subprocess
import sys

tool, clang, source, targets, *flags = sys.argv[1:]
presets = {}
for line in subprocess.run([tool, "--list-targets"], capture_output=True,
                           text=True, check=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 3:
        presets[parts[0]] = parts[1]

table = subprocess.run([tool, "--use-color=false", f"--target={targets}",
                        "--print-layout", source, "--", *flags],
                       capture_output=True, text=True)
if table.returncode:
    sys.exit(f"struct-layout failed: {table.stderr}")

# {record: {target: {field: (offset, size)}}} and {record: {target: size}}
ours, our_sizes, record, names = {}, {}, None, []
for line in table.stdout.splitlines():
    m = re.match(r"^(?:struct|class|union) (\S+) \{", line)
    if m:
        record, names = m.group(1), None
        continue
    if record is None or not line.strip() or line == "};":
        record = None if line == "};" else record
        continue
    cells = re.split(r"\s{2,}", line.strip())
    if names is None:
        names = cells
        continue
    if cells[0] == "/* size */":
        our_sizes[record] = dict(zip(names, map(int, cells[1:])))
        continue
    if cells[0].startswith("/*"):
        continue
    decl = re.sub(r"\s*:\s*\d+;?$", "", cells[0].rstrip(";"))  # bit width
    field = re.sub(r"\[.*", "", decl.split()[-1]).lstrip("*&")
    for name, cell in zip(names, cells[1:]):
        off, size = cell.split()[:2]
        ours.setdefault(record, {}).setdefault(name, {})[field] = (off, int(size))

checked, failures = 0, []
for name in names or []:
    triple = presets.get(name, name)
    dump = subprocess.run([clang, f"--target={triple}", "-fsyntax-only",
                           "-Xclang", "-fdump-record-layouts-complete", *flags, source],
                          capture_output=True, text=True)
    if dump.returncode:
        sys.exit(f"clang failed for {triple}: {dump.stderr}")
    current, fresh = None, False
    for line in dump.stdout.splitlines():
        if line.startswith("*** Dumping AST Record Layout"):
            current, fresh = None, True
            continue
        m = re.match(r"^\s+0 \| (?:struct|class|union) (\S+)$", line)
        if m and fresh:
            fresh = False
            current = m.group(1) if m.group(1) in ours else None
            continue
        m = re.match(r"^\s+\| \[sizeof=(\d+),", line)
        if m and current:
            want = our_sizes[current][name]
            if int(m.group(1)) != want:
                failures.append(f"{current} on {name}: size {want}, clang {m.group(1)}")
            checked += 1
            current = None
            continue
        m = re.match(r"^\s*(\d+(?::\d+-\d+)?) \|   (?! )(.*) (\w+)$", line)
        if m and current:
            off, field = m.group(1), m.group(3)
            mine = ours[current][name].get(field)
            if mine is None:
                continue
            # Clang writes byte:first-last bit, we write byte:bit.
            clang_off = re.sub(r"-\d+$", "", off)
            if mine[0] != clang_off and mine[0] + ":0" != clang_off:
                failures.append(f"{current}.{field} on {name}: offset {mine[0]}, clang {off}")
            checked += 1

for f in failures:
    print("FAIL:", f)
print(f"targets_oracle: {checked} offsets and sizes checked on {len(names or [])} "
      f"targets, {len(failures)} disagree")
sys.exit(1 if failures or not checked else 0)
