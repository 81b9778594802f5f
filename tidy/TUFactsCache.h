//===- TUFactsCache.h - One extraction per TU for all layout checks -*- C++
//-*-===//
//
// clang-tidy runs each enabled check on the same AST; the facts of a TU are
// extracted once, by whichever layout check asks first, and shared.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_TIDY_TUFACTSCACHE_H
#define STRUCTLAYOUT_TIDY_TUFACTSCACHE_H

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
};

/// Forgets the previous TU; called as a TU starts.
void resetTUAnalysis();

/// The analysis of the TU of \p Ctx, made on first use.
/// \p CacheLineBytes: `struct-layout.CacheLineSize` (0: the target's).
const TUAnalysis &tuAnalysis(clang::ASTContext &Ctx, unsigned CacheLineBytes);

} // namespace structlayout

#endif
