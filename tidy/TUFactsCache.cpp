//===- TUFactsCache.cpp - One extraction per TU for all layout checks -----===//

#include "TUFactsCache.h"

#include "llvm/Support/Path.h"

#include "CheckSet.h"
#include "Extractor.h"
#include "FixSelection.h"
#include "StableFixes.h"

#include <map>
#include <mutex>

namespace structlayout {

static std::mutex CacheMutex;
static std::unique_ptr<TUAnalysis> Current;

void resetTUAnalysis() {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  Current.reset();
}

/// A note on each fix of a header record: what the CLI sees that one TU
/// does not.
static void noteSingleTU(std::vector<Finding> &Findings,
                         const std::vector<std::string> &MainFiles) {
  for (Finding &F : Findings)
    if (!F.Fixes.empty() && !llvm::is_contained(MainFiles, F.Loc.File))
      F.Notes.push_back(
          {F.Loc, "clang-tidy sees one TU: this fix of a header record is "
                  "planned from this TU's uses and not verified by parsing "
                  "the others; struct-layout --fix reads every TU and "
                  "verifies it"});
}

/// Two specialisations of one template share the template's edit: clang-tidy
/// would drop both copies as conflicting, so the first carries it.
static void shareTemplateFixes(std::vector<Finding> &Findings) {
  std::map<std::string, std::string> Carrier;
  for (Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    std::string Key;
    for (const clang::tooling::Replacement &R : F.Fixes)
      Key += R.toString() + "\n";
    auto [It, New] = Carrier.try_emplace(Key, F.RecordName);
    if (New)
      continue;
    F.Fixes.clear();
    F.Notes.push_back({F.Loc, "its fix is the one of '" + It->second +
                                  "': the same template's edit"});
  }
}

const TUAnalysis &tuAnalysis(clang::ASTContext &Ctx, const Settings &S) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  if (Current)
    return *Current;
  ExtractOptions Options;
  // clang-tidy parsed the bodies: uses (initialisers, offsetof, memcpy...)
  // decide whether a fix is safe, as in the CLI's --fix.
  Options.SkipFunctionBodies = false;
  unsigned CacheLineBytes = 0;
  if (S.CacheLineSize &&
      llvm::StringRef(*S.CacheLineSize).trim().getAsInteger(10, CacheLineBytes))
    CacheLineBytes = 0; // The checks' own diagnostics say it is bad.
  Options.CacheLineBytes = CacheLineBytes;
  Options.ThreadStarters = S.ThreadStarters;
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
  A->Context.Fix.OneTU = true;
  A->Context.SourceRoot =
      llvm::sys::path::parent_path(A->MainFiles.front()).str();
  A->Context.indexFacts(A->Merged);
  // Every enabled check at once, then the fixes chosen as the CLI chooses
  // them: one per record, settled across checks.
  auto Set = CheckSet::create(S);
  if (Set) {
    std::vector<const RecordFacts *> Records;
    for (const RecordFacts &R : A->Merged.Records) {
      Records.push_back(&R);
      Set->run(R, A->Context, A->Findings);
    }
    sortFindings(A->Findings);
    settleFixes(A->Findings, Records, *Set, A->Context,
                GlobList(S.FixChecks.value_or(defaultFixChecks(false))));
    mergeRepeatedFindings(A->Findings);
    shareTemplateFixes(A->Findings);
    noteSingleTU(A->Findings, A->MainFiles);
  } else {
    llvm::consumeError(Set.takeError()); // Each check says what is wrong.
  }
  Current = std::move(A);
  return *Current;
}

} // namespace structlayout
