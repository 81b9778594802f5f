//===- TUFactsCache.cpp - One extraction per TU for all layout checks -----===//

#include "TUFactsCache.h"

#include "Extractor.h"

#include <mutex>

namespace structlayout {

static std::mutex CacheMutex;
static std::unique_ptr<TUAnalysis> Current;

void resetTUAnalysis() {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  Current.reset();
}

const TUAnalysis &tuAnalysis(clang::ASTContext &Ctx, unsigned CacheLineBytes) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  if (Current)
    return *Current;
  ExtractOptions Options;
  // clang-tidy parsed the bodies: uses (initialisers, offsetof, memcpy...)
  // decide whether a fix is safe, as in the CLI's --fix.
  Options.SkipFunctionBodies = false;
  Options.CacheLineBytes = CacheLineBytes;
  std::vector<TUFacts> TUs;
  TUs.push_back(extractFacts(Ctx, Options));
  auto A = std::make_unique<TUAnalysis>();
  A->MainFiles.push_back(TUs.front().MainFile);
  A->Merged = mergeFacts(std::move(TUs), /*WholeProgram=*/false);
  A->Context.WantFixes = true;
  // clang-tidy sees one TU at a time, as run-clang-tidy and editors use it:
  // a header record is fixed from each TU's uses and the fixes of all TUs
  // are merged by clang-apply-replacements. Hazards in other TUs are not
  // seen; the CLI's whole-database --fix is the safe way (docs say so).
  A->Context.Fix.MainFiles = &A->MainFiles;
  A->Context.indexRecords(A->Merged.Records);
  Current = std::move(A);
  return *Current;
}

} // namespace structlayout
