//===- Baseline.h - Findings a legacy codebase already has ------*- C++ -*-===//
//
// A codebase with thousands of findings gates CI on new ones: the findings
// of a baseline run (matched by fingerprint, Fingerprint.h) are not
// reported and do not fail the run. The baseline is our JSON file
// (--write-baseline) or a SARIF log of an earlier run.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_BASELINE_H
#define STRUCTLAYOUT_BASELINE_H

#include "Findings.h"

#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <vector>

namespace structlayout {

/// The fingerprints in the baseline at \p Path; errors name it and say
/// what is wrong.
llvm::Expected<std::set<std::string>> loadBaseline(llvm::StringRef Path);

/// Writes \p Findings (fingerprinted) as a baseline to \p Path, atomically,
/// with each one's check, record, file (relative to \p Root) and message so
/// a reviewer can read it.
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          llvm::StringRef Root);

} // namespace structlayout

#endif
