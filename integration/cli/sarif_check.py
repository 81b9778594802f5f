"""Checks struct-layout's SARIF logs (sarif.test).

  sarif_check.py validation VALIDATOR_LOG
      The SARIF multitool's own log: no error and no warning (notes, its
      style advice, are allowed).
  sarif_check.py log LOG CHECK...
      Our log as code scanning needs it: a rule per enabled CHECK with help
      text and a link, every result with a fingerprint, a location with a
      line and its snippet, related locations for the notes, and within
      GitHub's limits (25,000 results, 100 related locations a result).
  sarif_check.py same-fingerprints BEFORE AFTER
      The same fingerprints, though every result moved down.
  sarif_check.py fixes LOG
      Every result with a fix has byte-region replacements.
"""
import json
import sys

KEY = "structLayoutIdentity/v1"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def validation(path):
    bad = []
    for run in load(path)["runs"]:
        for r in run.get("results", []):
            level = r.get("level", "warning")
            if level in ("error", "warning"):
                args = r.get("message", {}).get("arguments", [])
                bad.append("%s %s %s" % (level, r.get("ruleId"), args[:2]))
        for inv in run.get("invocations", []):
            if not inv.get("executionSuccessful", True):
                bad.append("the validator did not run to the end")
    if bad:
        fail("the SARIF multitool finds:\n  " + "\n  ".join(bad))
    print("validator: no errors, no warnings")


def check_log(path, checks):
    log = load(path)
    if log.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if not driver.get("version"):
        fail("no tool version")
    rules = {r["id"]: r for r in driver["rules"]}
    for c in checks:
        r = rules.get(c)
        if not r:
            fail("no rule for " + c)
        if not r.get("help", {}).get("text") or not r.get("helpUri", "").endswith(c + ".md"):
            fail("rule %s has no help text or link" % c)
        if "markdown" not in r["help"] or ("# " + c) not in r["help"]["markdown"]:
            fail("rule %s does not carry its documentation" % c)
    inv = run["invocations"][0]
    if "commandLine" not in inv or "struct-layout" not in inv["commandLine"]:
        fail("no invocation command line")
    results = run["results"]
    if not results or len(results) > 25000:
        fail("%d results" % len(results))
    related = 0
    for r in results:
        if r["ruleId"] not in rules or driver["rules"][r["ruleIndex"]]["id"] != r["ruleId"]:
            fail("result with a bad rule " + r["ruleId"])
        if not r.get("partialFingerprints", {}).get(KEY):
            fail("result without a fingerprint")
        region = r["locations"][0]["physicalLocation"]["region"]
        if region.get("startLine", 0) < 1 or not region.get("snippet", {}).get("text"):
            fail("result without a line and snippet")
        if len(r.get("relatedLocations", [])) > 100:
            fail("more than 100 related locations")
        related += len(r.get("relatedLocations", []))
    if not related:
        fail("no related locations")
    prints = [r["partialFingerprints"][KEY] for r in results]
    if len(set(prints)) != len(prints):
        fail("two results share a fingerprint")
    print("log: %d rules, %d results, %d related locations" %
          (len(rules), len(results), related))


def same_fingerprints(before, after):
    def prints(path):
        return {r["partialFingerprints"][KEY]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in load(path)["runs"][0]["results"]}
    a, b = prints(before), prints(after)
    if set(a) != set(b):
        fail("fingerprints changed: %s" % sorted(set(a) ^ set(b)))
    moved = sum(1 for k in a if a[k] != b[k])
    if moved != len(a):
        fail("only %d of %d results moved: the test did not insert lines above each" % (moved, len(a)))
    print("fingerprints: the same %d, all %d moved" % (len(a), moved))


def fixes(path):
    n = 0
    for r in load(path)["runs"][0]["results"]:
        for fix in r.get("fixes", []):
            for change in fix["artifactChanges"]:
                for rep in change["replacements"]:
                    if "byteOffset" not in rep["deletedRegion"]:
                        fail("a replacement without a byte region")
                    n += 1
    if not n:
        fail("no fixes")
    print("fixes: %d replacements" % n)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "validation":
        validation(sys.argv[2])
    elif mode == "log":
        check_log(sys.argv[2], sys.argv[3:])
    elif mode == "same-fingerprints":
        same_fingerprints(sys.argv[2], sys.argv[3])
    elif mode == "fixes":
        fixes(sys.argv[2])
    else:
        fail("unknown mode " + mode)
