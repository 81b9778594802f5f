//===- Findings.cpp - What the checks report ------------------------------===//

#include "Findings.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace structlayout {

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column,
                                     A.RecordName, A.Check, A.Message) <
                            std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column,
                                     B.RecordName, B.Check, B.Message);
                   });
}

/// \p Text with each quoted \p Name replaced by a placeholder: what a
/// finding says, whichever record it says it of.
static std::string withoutName(std::string Text, llvm::StringRef Name) {
  std::string Quoted = "'" + Name.str() + "'";
  for (size_t At = Text.find(Quoted); !Name.empty() && At != std::string::npos;
       At = Text.find(Quoted, At + 3))
    Text.replace(At, Quoted.size(), "'\x01'");
  return Text;
}

void mergeRepeatedFindings(std::vector<Finding> &Findings) {
  std::map<std::string, size_t> Kept;
  std::vector<std::vector<std::string>> Also;
  std::vector<unsigned> Count;
  std::vector<Finding> Out;
  for (Finding &F : Findings) {
    std::string Key = F.Check + "|" + F.Loc.File + ":" +
                      std::to_string(F.Loc.Line) + ":" +
                      std::to_string(F.Loc.Column) + "|" + F.Subject + "|" +
                      withoutName(F.Message, F.RecordName);
    for (const Note &N : F.Notes)
      Key += "|" + withoutName(N.Message, F.RecordName);
    auto [It, New] = Kept.try_emplace(Key, Out.size());
    if (New) {
      Out.push_back(std::move(F));
      Also.emplace_back();
      Count.push_back(1);
      continue;
    }
    Finding &First = Out[It->second];
    ++Count[It->second];
    if (F.RecordName != First.RecordName &&
        !llvm::is_contained(Also[It->second], F.RecordName))
      Also[It->second].push_back(F.RecordName);
    if (First.Fixes.empty() && !F.Fixes.empty()) {
      First.Fixes = std::move(F.Fixes);
      First.Predicted = std::move(F.Predicted);
    }
  }
  for (size_t I = 0; I < Out.size(); ++I) {
    // How many findings this one stands for (the fix counts of each).
    if (Count[I] > 1)
      Out[I].Details["merged"] = Count[I];
    if (Also[I].empty())
      continue;
    std::string Names;
    llvm::json::Array List;
    for (const std::string &N : Also[I]) {
      Names += (Names.empty() ? "'" : ", '") + N + "'";
      List.push_back(N);
    }
    Out[I].Notes.push_back(
        {Out[I].Loc, "the same holds for " + Names +
                         ": one finding for the specialisations of one "
                         "template"});
    Out[I].Details["also"] = std::move(List);
  }
  Findings = std::move(Out);
}

} // namespace structlayout
