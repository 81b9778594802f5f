#!/usr/bin/env python3
"""Runs the real clang-tidy with the struct-layout plugin on one test file,
in the manner of clang-tidy's own check_clang_tidy.py:

  check_clang_tidy.py <source> <checks> <temp-file> [-- <clang-tidy args> [-- <compiler args>]]

The source's `// CHECK-*:` comments are blanked (line numbers stay), the copy
is fixed with -fix, then FileCheck checks the diagnostics against
CHECK-MESSAGES (every warning must be expected) and the fixed file against
CHECK-FIXES (whitespace counts).
"""
import os
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        cut = args.index("--")
        args, extra = args[:cut], args[cut + 1:]
    source, checks, temp = args
    tidy_args, compiler_args = extra, []
    if "--" in extra:
        cut = extra.index("--")
        tidy_args, compiler_args = extra[:cut], extra[cut + 1:]

    text = open(source).read()
    ext = os.path.splitext(source)[1]
    fixed = temp + ext
    with open(fixed, "w") as f:
        f.write(re.sub(r"//\s*CHECK-(MESSAGES|FIXES)[A-Z0-9-]*:[^\r\n]*", "//", text))

    tidy = os.environ.get("CLANG_TIDY", "clang-tidy-19")
    plugin = os.environ["STRUCT_LAYOUT_TIDY_PLUGIN"]
    cmd = [tidy, "-load=" + plugin, "-fix", "-checks=-*," + checks,
           *tidy_args, fixed, "--", *compiler_args]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = run.stdout
    if run.returncode not in (0, 1) or "error: libStructLayoutTidy" in output:
        sys.exit("clang-tidy failed (%d):\n%s" % (run.returncode, output))
    with open(temp + ".msg", "w") as f:
        f.write(output)

    def filecheck(prefix, input_file, *options):
        if not re.search(r"\b%s:" % prefix, text):
            return
        check = subprocess.run(["FileCheck", "-input-file=" + input_file, source,
                                "-check-prefix=" + prefix, *options])
        if check.returncode:
            print(output)
            sys.exit("%s did not match" % prefix)

    filecheck("CHECK-MESSAGES", temp + ".msg",
              "-implicit-check-not={{warning|error}}:")
    filecheck("CHECK-FIXES", fixed, "-strict-whitespace")


if __name__ == "__main__":
    main()
