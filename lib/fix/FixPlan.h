//===- FixPlan.h - Fixes from all TUs, merged per file ---------*- C++ -*-===//

#ifndef STRUCTLAYOUT_FIXPLAN_H
#define STRUCTLAYOUT_FIXPLAN_H

#include "Findings.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace structlayout {

/// Every finding's edits, de-duplicated and merged per file. A finding whose
/// edits overlap another's is left out whole (never half-applied) and its
/// NoFixReason says so.
struct FixPlan {
  std::map<std::string, clang::tooling::Replacements> Files;
  std::vector<const Finding *> Fixed;
  unsigned Conflicts = 0;
};

FixPlan planFixes(std::vector<Finding> &Findings);

/// Applies the plan to \p Path's current text.
llvm::Expected<std::string> fixedText(const std::string &Path,
                                      const clang::tooling::Replacements &R,
                                      std::string *Original = nullptr);

/// `diff -u` of the edits to one file, as a patch `git apply` and
/// `patch -p1` take: named `a/<Name>` and `b/<Name>`.
void emitUnifiedDiff(llvm::raw_ostream &OS, const std::string &Path,
                     llvm::StringRef Name, llvm::StringRef Old,
                     const clang::tooling::Replacements &R);

/// The YAML clang-apply-replacements reads, one diagnostic per fixed finding.
void emitFixesYaml(llvm::raw_ostream &OS, const FixPlan &Plan);

} // namespace structlayout

#endif
