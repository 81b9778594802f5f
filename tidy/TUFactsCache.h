//===- TUFactsCache.h - One extraction per TU for all layout checks -*- C++
//-*-===//
//
// clang-tidy runs each enabled check on the same AST; the facts of a TU are
// extracted once, by whichever layout check asks first, and shared.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_TIDY_TUFACTSCACHE_H
#define STRUCTLAYOUT_TIDY_TUFACTSCACHE_H

#include "Config.h"
#include "LayoutCheck.h"
#include "Merge.h"

namespace clang {
class ASTContext;
}

namespace structlayout {

/// The merged facts of the TU being checked, and the context the checks
/// run in: everything the CLI gives its checks, for one TU.
struct TUAnalysis {
  MergedFacts Merged;
  std::vector<std::string> MainFiles;
  CheckContext Context;
  /// What every enabled layout check finds, with the fixes chosen and
  /// settled as the CLI's --fix chooses them: each check reports its own.
  std::vector<Finding> Findings;
};

/// Forgets the previous TU; called as a TU starts.
void resetTUAnalysis();

/// The analysis of the TU of \p Ctx, made on first use, with the enabled
/// checks and options of \p S (its CacheLineSize and FixChecks too).
const TUAnalysis &tuAnalysis(clang::ASTContext &Ctx, const Settings &S);

} // namespace structlayout

#endif
