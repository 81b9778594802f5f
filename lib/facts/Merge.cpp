//===- Merge.cpp - One record, one answer ---------------------------------===//

#include "Merge.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace structlayout {

/// What a kept record already has, so that merging one more TU's copy costs
/// what that copy adds, not a rebuilt index (a header record is merged once
/// per TU that includes it).
struct MergeIndex {
  std::set<std::tuple<int, std::string, unsigned>> Hazards, Sites;
  std::set<std::string> OpaqueCallees;
  struct Field {
    std::set<std::string> InitReads, Writers, Readers;
    std::map<std::pair<std::string, unsigned>, size_t> AccessAt;
  };
  std::vector<Field> Fields;

  explicit MergeIndex(const RecordFacts &R) : Fields(R.Fields.size()) {
    for (const Hazard &H : R.Hazards)
      Hazards.insert({H.Kind, H.Loc.File, H.Loc.Offset});
    for (const InitSite &S : R.InitSites)
      Sites.insert({0, S.Loc.File, S.Loc.Offset});
    for (const RecordFacts::Allocation &A : R.UnalignedAllocations)
      Sites.insert({1, A.Loc.File, A.Loc.Offset});
    for (const PerThreadSlots &S : R.ThreadSlots)
      Sites.insert({2, S.Loc.File, S.Loc.Offset});
    for (const RecordFacts::OpaqueCall &C : R.OpaqueCalls)
      OpaqueCallees.insert(C.Callee);
    for (size_t I = 0; I < R.Fields.size(); ++I) {
      const FieldFacts &F = R.Fields[I];
      Fields[I].InitReads.insert(F.InitReads.begin(), F.InitReads.end());
      Fields[I].Writers.insert(F.Writers.begin(), F.Writers.end());
      Fields[I].Readers.insert(F.Readers.begin(), F.Readers.end());
      for (size_t A = 0; A < F.Accesses.size(); ++A)
        Fields[I].AccessAt[{F.Accesses[A].Loc.File, F.Accesses[A].Loc.Offset}] =
            A;
    }
  }
};

/// Uses seen by every TU, each once.
static void mergeUses(RecordFacts &Into, MergeIndex &Index,
                      const RecordFacts &From) {
  Into.FirstMemberIsBase |= From.FirstMemberIsBase;
  for (const Hazard &H : From.Hazards)
    if (Index.Hazards.insert({H.Kind, H.Loc.File, H.Loc.Offset}).second)
      Into.Hazards.push_back(H);
  for (const InitSite &S : From.InitSites)
    if (Index.Sites.insert({0, S.Loc.File, S.Loc.Offset}).second)
      Into.InitSites.push_back(S);
  for (const RecordFacts::OpaqueCall &C : From.OpaqueCalls)
    if (Index.OpaqueCallees.insert(C.Callee).second)
      Into.OpaqueCalls.push_back(C);
  Into.Instances.InArray |= From.Instances.InArray;
  Into.Instances.HeldByPointers |= From.Instances.HeldByPointers;
  Into.Instances.IsNode |= From.Instances.IsNode;
  Into.Instances.AllocatedInLoop |= From.Instances.AllocatedInLoop;
  Into.Instances.OnHeap |= From.Instances.OnHeap;
  for (const PerThreadSlots &S : From.ThreadSlots)
    if (Index.Sites.insert({2, S.Loc.File, S.Loc.Offset}).second)
      Into.ThreadSlots.push_back(S);
  for (const RecordFacts::Allocation &A : From.UnalignedAllocations)
    if (Index.Sites.insert({1, A.Loc.File, A.Loc.Offset}).second)
      Into.UnalignedAllocations.push_back(A);
}

static void addNew(std::vector<std::string> &Into, std::set<std::string> &Have,
                   const std::vector<std::string> &From) {
  for (const std::string &S : From)
    if (Have.insert(S).second)
      Into.push_back(S);
}

/// A header's inline function is seen by every TU that includes it: one
/// access per source location, at the highest estimate any TU made.
static void
mergeAccesses(std::vector<FieldAccess> &Into,
              std::map<std::pair<std::string, unsigned>, size_t> &At,
              const std::vector<FieldAccess> &From) {
  for (const FieldAccess &A : From) {
    auto [It, New] = At.try_emplace({A.Loc.File, A.Loc.Offset}, Into.size());
    if (New)
      Into.push_back(A);
    else
      Into[It->second].StaticWeight =
          std::max(Into[It->second].StaticWeight, A.StaticWeight);
  }
}

/// What each field's initialiser reads and who writes it, from every TU.
static void mergeReads(RecordFacts &Into, MergeIndex &Index,
                       const RecordFacts &From) {
  if (Into.Fields.size() != From.Fields.size())
    return;
  for (size_t I = 0; I < Into.Fields.size(); ++I) {
    MergeIndex::Field &Have = Index.Fields[I];
    addNew(Into.Fields[I].InitReads, Have.InitReads, From.Fields[I].InitReads);
    addNew(Into.Fields[I].Writers, Have.Writers, From.Fields[I].Writers);
    addNew(Into.Fields[I].Readers, Have.Readers, From.Fields[I].Readers);
    Into.Fields[I].IndexedByThread |= From.Fields[I].IndexedByThread;
    mergeAccesses(Into.Fields[I].Accesses, Have.AccessAt,
                  From.Fields[I].Accesses);
  }
}

/// The same fields, in the same order, on both: their layouts can be put
/// side by side.
static bool sameShape(const RecordFacts &A, const RecordFacts &B) {
  if (A.Fields.size() != B.Fields.size())
    return false;
  for (size_t I = 0; I < A.Fields.size(); ++I) {
    const FieldFacts &X = A.Fields[I], &Y = B.Fields[I];
    if (X.Name != Y.Name || X.IsBitField != Y.IsBitField ||
        X.Loc.Offset != Y.Loc.Offset || X.Loc.File != Y.Loc.File)
      return false;
  }
  return true;
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

/// Hazards only the whole program shows: a pointer to the record handed to
/// a function no TU defines, and another definition of the same record (a
/// copy of a public header, an amalgamation) that must keep its layout.
static void wholeProgramHazards(std::vector<RecordFacts> &Records,
                                const std::set<std::string> &Defined,
                                bool WholeProgram) {
  std::map<std::string, std::vector<RecordFacts *>> ByUSR;
  for (RecordFacts &R : Records) {
    if (!R.USR.empty() && !R.IsAnonymous)
      ByUSR[R.USR].push_back(&R);
    if (!WholeProgram)
      continue;
    for (const RecordFacts::OpaqueCall &C : R.OpaqueCalls)
      if (!Defined.count(C.Callee)) {
        R.Hazards.push_back(
            {Hazard::LayoutContract, C.Loc,
             "it is handed to '" + C.Callee +
                 "', which no analysed TU defines (assembly, another "
                 "language or a prebuilt library may read its fields)"});
        break;
      }
  }
  for (auto &[USR, Same] : ByUSR)
    for (RecordFacts *A : Same)
      for (RecordFacts *B : Same) {
        if (A == B || A->key() == B->key() ||
            A->Fields.size() != B->Fields.size())
          continue;
        bool Copy = true;
        for (size_t I = 0; I < A->Fields.size(); ++I)
          Copy &= A->Fields[I].Name == B->Fields[I].Name;
        if (Copy) {
          A->Hazards.push_back({Hazard::LayoutContract, B->Loc,
                                "another definition of it must keep the same "
                                "layout"});
          break;
        }
      }
}

void FactsMerger::add(TUFacts TU) {
  for (RecordFacts &R : TU.Records) {
    std::string Key = R.key();
    std::vector<size_t> &Shapes = Index[Key];
    // The entry that has this TU's target already, else one of the same
    // shape, else a new shape.
    std::optional<size_t> Into;
    for (size_t I : Shapes)
      for (const TargetLayout &K : Out.Records[I].Layouts)
        for (const TargetLayout &L : R.Layouts)
          if (K.Triple == L.Triple && !Into)
            Into = I;
    if (!Into)
      for (size_t I : Shapes)
        if (!Into && sameShape(Out.Records[I], R))
          Into = I;
    if (!Into) {
      for (size_t I : Shapes)
        Out.Records[I].FieldsDifferByTarget = true;
      R.FieldsDifferByTarget = !Shapes.empty();
      Shapes.push_back(Out.Records.size());
      Out.Records.push_back(std::move(R));
      continue;
    }
    RecordFacts &Kept = Out.Records[*Into];
    // A C++ TU that sees it inside extern "C" decides, whichever TU's
    // copy is kept.
    Kept.IsExternC |= R.IsExternC;
    Kept.InCxxExternCHeader |= R.InCxxExternCHeader;
    bool Shaped = sameShape(Kept, R);
    if (Shaped) {
      if (Indexes.size() <= *Into)
        Indexes.resize(Out.Records.size());
      if (!Indexes[*Into])
        Indexes[*Into] = std::make_unique<MergeIndex>(Kept);
      mergeReads(Kept, *Indexes[*Into], R);
      mergeUses(Kept, *Indexes[*Into], R);
    }
    for (TargetLayout &L : R.Layouts) {
      auto Have = std::find_if(
          Kept.Layouts.begin(), Kept.Layouts.end(),
          [&](const TargetLayout &K) { return K.Triple == L.Triple; });
      if (Have == Kept.Layouts.end()) {
        if (Shaped)
          Kept.Layouts.push_back(std::move(L));
        continue;
      }
      // One target, two TUs, two layouts: a macro or an ODR violation.
      if (Shaped && *Have == L)
        continue;
      if (Reported.insert({Key, L.Triple}).second)
        Out.Conflicts.push_back({Kept.Name, Kept.Loc, L.Triple, Kept.SeenIn,
                                 R.SeenIn, Have->Size, L.Size});
    }
  }
  Defined.insert(TU.DefinedFunctions.begin(), TU.DefinedFunctions.end());
  OpaqueFirstMembers.insert(TU.OpaqueFirstMembers.begin(),
                            TU.OpaqueFirstMembers.end());
  CallGraph.add(TU.CallGraph);
}

FactsMerger::FactsMerger() : CallGraph(Out.CallGraph) {}
FactsMerger::~FactsMerger() = default;

MergedFacts FactsMerger::finish(bool WholeProgram) && {
  Indexes.clear();
  for (RecordFacts &R : Out.Records)
    R.FirstMemberIsBase |= OpaqueFirstMembers.count(R.USR) > 0;
  wholeProgramHazards(Out.Records, Defined, WholeProgram);
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
  return std::move(Out);
}

MergedFacts mergeFacts(std::vector<TUFacts> TUs, bool WholeProgram) {
  // Visit TUs in a fixed order so the kept copy never depends on -j.
  std::stable_sort(TUs.begin(), TUs.end(),
                   [](const TUFacts &A, const TUFacts &B) {
                     return std::tie(A.MainFile, A.Command) <
                            std::tie(B.MainFile, B.Command);
                   });
  FactsMerger Merger;
  for (TUFacts &TU : TUs)
    Merger.add(std::move(TU));
  return std::move(Merger).finish(WholeProgram);
}

} // namespace structlayout
