//===- Fingerprint.h - A finding's identity across edits --------*- C++ -*-===//
//
// Code scanning and baselines must recognise a finding after lines are
// inserted above it, the tree is checked out elsewhere, or the record grows
// a field. So the identity is what the finding is about, never where it is
// or how it is worded: the check, the record's name and defining file
// (relative to the project root), the finding's subject in the record and
// the target(s). Findings with the same identity are told apart by their
// order (`:2`), as GitHub's own fingerprints do.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FINGERPRINT_H
#define STRUCTLAYOUT_FINGERPRINT_H

#include "Findings.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace structlayout {

/// The key `partialFingerprints` carries ours under.
inline constexpr const char *FingerprintKey = "structLayoutIdentity/v1";

/// \p Path relative to \p Root when it is under it, else as it is.
std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root);

/// Sets Finding::Fingerprint on each of \p Findings (sorted: the occurrence
/// numbers follow their order).
void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef Root);

} // namespace structlayout

#endif
