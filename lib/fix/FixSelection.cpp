//===- FixSelection.cpp - Which fixes --fix applies -----------------------===//

#include "FixSelection.h"

#include <algorithm>
#include <map>

namespace structlayout {

std::string defaultFixChecks(bool Profiled) {
  return std::string("layout-padding,layout-simd-alignment") +
         (Profiled ? ",layout-hot-cold" : "");
}

void dropFix(Finding &F, const std::string &Why) {
  F.Fixes.clear();
  F.Predicted.clear();
  F.NoFixReason = Why;
  F.Notes.push_back({F.Loc, "no automatic fix: " + Why});
}

/// Why a check's fixes are not applied unless asked for.
static std::string notByDefault(const Finding &F) {
  if (F.Check == "layout-false-sharing")
    return "it makes the record bigger";
  if (F.Check == "layout-hot-cold")
    return "it only moves hot fields, and their heat is a static estimate "
           "(a --profile makes it a default)";
  return "its check is not among --fix-checks";
}

static uint64_t totalSize(const Finding &F) {
  uint64_t N = 0;
  for (const PredictedLayout &P : F.Predicted)
    N += P.Size;
  return N;
}

/// Among changes of least size: hot fields first, then aligned vectors.
static int preference(const Finding &F) {
  return F.Check == "layout-hot-cold"         ? 0
         : F.Check == "layout-simd-alignment" ? 1
                                              : 2;
}

void selectFixes(std::vector<Finding> &Findings, const GlobList &FixChecks) {
  for (Finding &F : Findings)
    if (!F.Fixes.empty() && !FixChecks.contains(F.Check))
      dropFix(F, notByDefault(F) + "; ask for it with --fix-checks=" + F.Check);

  std::map<std::string, std::vector<Finding *>> ByRecord;
  for (Finding &F : Findings)
    if (!F.Fixes.empty())
      ByRecord[F.RecordKey].push_back(&F);
  for (auto &[Key, Candidates] : ByRecord) {
    if (Candidates.size() < 2)
      continue;
    Finding *Chosen = *std::min_element(
        Candidates.begin(), Candidates.end(),
        [](const Finding *A, const Finding *B) {
          return std::make_pair(totalSize(*A), preference(*A)) <
                 std::make_pair(totalSize(*B), preference(*B));
        });
    for (Finding *F : Candidates)
      if (F != Chosen)
        dropFix(*F, Chosen->Check + "'s change to this record is applied "
                                    "instead; one change per record per run");
  }
}

SizeChange sizeChange(const std::vector<Finding> &Findings) {
  SizeChange Out;
  for (const Finding &F : Findings) {
    if (F.Fixes.empty() || F.Predicted.empty())
      continue;
    for (const PredictedLayout &P : F.Predicted) {
      if (P.Triple != F.Predicted.front().Triple)
        continue;
      if (P.Size < P.OldSize)
        Out.Saved += P.OldSize - P.Size;
      else
        Out.Added += P.Size - P.OldSize;
    }
  }
  return Out;
}

} // namespace structlayout
