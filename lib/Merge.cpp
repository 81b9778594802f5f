//===- Merge.cpp - One record, one answer ---------------------------------===//

#include "Merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace structlayout {

/// Uses seen by every TU, each once.
static void mergeUses(RecordFacts &Into, const RecordFacts &From) {
  Into.FirstMemberIsBase |= From.FirstMemberIsBase;
  // Sets, not scans: a header record used by every TU has many uses.
  std::set<std::tuple<int, std::string, unsigned>> Hazards, Sites;
  for (const Hazard &H : Into.Hazards)
    Hazards.insert({H.Kind, H.Loc.File, H.Loc.Offset});
  for (const InitSite &S : Into.InitSites)
    Sites.insert({0, S.Loc.File, S.Loc.Offset});
  for (const Hazard &H : From.Hazards)
    if (Hazards.insert({H.Kind, H.Loc.File, H.Loc.Offset}).second)
      Into.Hazards.push_back(H);
  for (const InitSite &S : From.InitSites)
    if (Sites.insert({0, S.Loc.File, S.Loc.Offset}).second)
      Into.InitSites.push_back(S);
  for (const RecordFacts::Allocation &A : Into.UnalignedAllocations)
    Sites.insert({1, A.Loc.File, A.Loc.Offset});
  for (const RecordFacts::Allocation &A : From.UnalignedAllocations)
    if (Sites.insert({1, A.Loc.File, A.Loc.Offset}).second)
      Into.UnalignedAllocations.push_back(A);
}

static void addNew(std::vector<std::string> &Into,
                   const std::vector<std::string> &From) {
  for (const std::string &S : From)
    if (std::find(Into.begin(), Into.end(), S) == Into.end())
      Into.push_back(S);
}

/// What each field's initialiser reads and who writes it, from every TU.
static void mergeReads(RecordFacts &Into, const RecordFacts &From) {
  if (Into.Fields.size() != From.Fields.size())
    return;
  for (size_t I = 0; I < Into.Fields.size(); ++I) {
    addNew(Into.Fields[I].InitReads, From.Fields[I].InitReads);
    addNew(Into.Fields[I].Writers, From.Fields[I].Writers);
    addNew(Into.Fields[I].Readers, From.Fields[I].Readers);
    Into.Fields[I].IndexedByThread |= From.Fields[I].IndexedByThread;
  }
}

/// A record whose bytes are pinned pins the records inside it: reordering
/// them would move its fields too.
static void propagateHazards(std::vector<RecordFacts> &Records) {
  std::map<std::string, RecordFacts *> ByKey;
  for (RecordFacts &R : Records)
    ByKey[R.key()] = &R;
  for (RecordFacts &Outer : Records) {
    std::vector<Hazard> Pins;
    for (const Hazard &H : Outer.Hazards)
      if (H.Kind != Hazard::UnsupportedInit && H.Via.empty())
        Pins.push_back(H);
    if (Pins.empty())
      continue;
    std::set<std::string> Seen;
    std::vector<std::string> Work = Outer.ContainedKeys;
    while (!Work.empty()) {
      std::string Key = Work.back();
      Work.pop_back();
      auto It = ByKey.find(Key);
      if (!Seen.insert(Key).second || It == ByKey.end() || It->second == &Outer)
        continue;
      for (Hazard H : Pins) {
        H.Via = Outer.Name;
        It->second->Hazards.push_back(H);
      }
      Work.insert(Work.end(), It->second->ContainedKeys.begin(),
                  It->second->ContainedKeys.end());
    }
  }
}

MergedFacts mergeFacts(std::vector<TUFacts> TUs) {
  // Visit TUs in a fixed order so the kept copy never depends on -j.
  std::sort(TUs.begin(), TUs.end(), [](const TUFacts &A, const TUFacts &B) {
    return A.MainFile < B.MainFile;
  });
  MergedFacts Out;
  std::map<std::string, size_t> Index;
  std::set<std::pair<std::string, std::string>> Reported;
  for (TUFacts &TU : TUs) {
    for (RecordFacts &R : TU.Records) {
      std::string Key = R.key();
      auto [It, New] = Index.try_emplace(Key, Out.Records.size());
      if (New) {
        Out.Records.push_back(std::move(R));
        continue;
      }
      RecordFacts &Kept = Out.Records[It->second];
      mergeReads(Kept, R);
      mergeUses(Kept, R);
      for (TargetLayout &L : R.Layouts) {
        auto Same = std::find_if(
            Kept.Layouts.begin(), Kept.Layouts.end(),
            [&](const TargetLayout &K) { return K.Triple == L.Triple; });
        if (Same == Kept.Layouts.end()) {
          Kept.Layouts.push_back(std::move(L));
          continue;
        }
        bool FieldsAgree = Kept.Fields.size() == R.Fields.size();
        if (FieldsAgree && *Same == L)
          continue;
        if (Reported.insert({Key, L.Triple}).second)
          Out.Conflicts.push_back({Kept.Name, Kept.Loc, L.Triple, Kept.SeenIn,
                                   R.SeenIn, Same->Size, L.Size});
      }
    }
  }
  propagateHazards(Out.Records);
  for (RecordFacts &R : Out.Records)
    std::sort(R.Layouts.begin(), R.Layouts.end(),
              [](const TargetLayout &A, const TargetLayout &B) {
                return std::tie(A.TargetRank, A.Triple) <
                       std::tie(B.TargetRank, B.Triple);
              });
  std::sort(Out.Records.begin(), Out.Records.end(),
            [](const RecordFacts &A, const RecordFacts &B) {
              return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.Name) <
                     std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column, B.Name);
            });
  return Out;
}

} // namespace structlayout
