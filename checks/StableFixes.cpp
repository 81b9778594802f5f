//===- StableFixes.cpp - Fixes a second --fix leaves alone ----------------===//

#include "StableFixes.h"

#include "FixSelection.h"
#include "Relayout.h"
#include "Reorder.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>

namespace structlayout {
namespace {

/// How many times a chosen order is checked again as the fixed record.
constexpr unsigned MaxSettleRounds = 4;

/// The fix \p Set would choose for \p R, if any (fixes of \p FixChecks).
std::optional<Finding> chosenFix(const RecordFacts &R, const CheckSet &Set,
                                 const CheckContext &Context,
                                 const GlobList &FixChecks) {
  std::vector<Finding> Found;
  Set.run(R, Context, Found);
  selectFixes(Found, FixChecks);
  for (Finding &F : Found)
    if (!F.Fixes.empty())
      return std::move(F);
  return std::nullopt;
}

class Settler {
public:
  Settler(std::vector<Finding> &Findings,
          const std::vector<const RecordFacts *> &Records, const CheckSet &Set,
          const CheckContext &Context, const GlobList &FixChecks)
      : Findings(Findings), Set(Set), Context(Context), FixChecks(FixChecks) {
    for (const RecordFacts *R : Records)
      ByKey[R->key()] = R;
    // A reordered record is one record: its specialisations are not.
    Alone = Context;
    Alone.Specialisations.clear();
  }

  void run() {
    for (const Finding &F : Findings)
      if (!F.Fixes.empty())
        noteChange(F);
    for (const auto &[Key, R] : ByKey)
      settleHolder(*R);
    for (Finding &F : Added)
      Findings.push_back(std::move(F));
    for (Finding &F : Findings)
      if (!F.Fixes.empty() && !F.Order.empty())
        settleOrder(F);
  }

private:
  /// The facts a record will have before its own fix: patched, or as seen.
  const RecordFacts &effective(const RecordFacts &R) const {
    auto It = Patched.find(R.key());
    return It == Patched.end() ? R : It->second;
  }

  /// Records what \p F's fix does to its records' sizes and alignments.
  void noteChange(const Finding &F) {
    for (const PredictedLayout &P : F.Predicted) {
      auto It = Context.ByUSR.find(P.USR);
      if (It == Context.ByUSR.end())
        continue;
      for (const TargetLayout &L : It->second->Layouts)
        if (L.Triple == P.Triple &&
            (L.Size != P.Size || (P.Align && L.Align != P.Align)))
          Changes[It->second->key()][P.Triple] = {L.Size, L.Align, P.Size,
                                                  P.Align ? P.Align : L.Align};
    }
  }

  /// Whether \p R holds a record this run changes, after settling those.
  bool holdsChanged(const RecordFacts &R) {
    bool Holds = false;
    for (const std::string &Key : R.ContainedKeys) {
      auto It = ByKey.find(Key);
      if (It != ByKey.end() && It->second != &R)
        settleHolder(*It->second);
      Holds |= Changes.count(Key) || Unpredictable.count(Key);
    }
    return Holds;
  }

  /// Plans \p R's fix again for the record as it will be once the records
  /// it holds change (those first).
  void settleHolder(const RecordFacts &R) {
    std::string Key = R.key();
    if (!Visited.insert(Key).second || !holdsChanged(R))
      return;
    std::vector<Finding *> Own;
    for (Finding &F : Findings)
      if (F.RecordKey == Key && !F.Fixes.empty())
        Own.push_back(&F);
    std::string Held = heldNames(R);
    bool Blocked = llvm::any_of(R.ContainedKeys, [&](const std::string &K) {
      return Unpredictable.count(K) > 0;
    });
    std::optional<RecordFacts> After;
    if (!Blocked)
      After = withHeldRecords(R, Changes);
    if (!After) {
      Unpredictable.insert(Key);
      for (Finding *F : Own)
        dropFix(*F, "this run changes " + Held +
                        ", which it holds, and struct-layout can't predict "
                        "its layout after that; run --fix again");
      return;
    }
    Changes.erase(Key); // What its own planned fix did no longer holds.
    for (size_t T = 0; T < R.Layouts.size(); ++T)
      if (R.Layouts[T].Size != After->Layouts[T].Size ||
          R.Layouts[T].Align != After->Layouts[T].Align)
        Changes[Key][R.Layouts[T].Triple] = {
            R.Layouts[T].Size, R.Layouts[T].Align, After->Layouts[T].Size,
            After->Layouts[T].Align};
    const RecordFacts &Now =
        Patched.emplace(Key, std::move(*After)).first->second;

    std::optional<Finding> Again = chosenFix(Now, Set, Context, FixChecks);
    for (Finding *F : Own)
      if (!Again || F->Check != Again->Check)
        dropFix(*F, "this run changes " + Held +
                        ", which it holds; after that, " +
                        (Again ? Again->Check + "'s order is applied instead"
                               : std::string("its layout needs no fix")));
    if (!Again)
      return;
    keepOldSizes(R, *Again);
    noteChange(*Again);
    Finding *Target = nullptr;
    for (Finding &F : Findings)
      if (F.RecordKey == Key && F.Check == Again->Check && !Target)
        Target = &F;
    std::string Why = "the fix is planned for '" + R.Name +
                      "' as it will be once this run changes " + Held +
                      ", which it holds";
    if (Target) {
      Target->Fixes = std::move(Again->Fixes);
      Target->Predicted = std::move(Again->Predicted);
      Target->Order = std::move(Again->Order);
      Target->NoFixReason.clear();
      Target->Notes.push_back({R.Loc, Why});
    } else {
      Again->Notes.push_back({R.Loc, Why});
      Added.push_back(std::move(*Again));
    }
  }

  /// The records \p R holds that this run changes, for a note.
  std::string heldNames(const RecordFacts &R) const {
    std::string Out;
    for (const std::string &K : R.ContainedKeys) {
      auto It = ByKey.find(K);
      if ((!Changes.count(K) && !Unpredictable.count(K)) || It == ByKey.end() ||
          Out.find("'" + It->second->Name + "'") != std::string::npos)
        continue;
      Out += (Out.empty() ? "'" : ", '") + It->second->Name + "'";
    }
    return Out.empty() ? "a record" : Out;
  }

  /// A prediction made on patched facts still counts bytes from the record
  /// as it is now.
  void keepOldSizes(const RecordFacts &R, Finding &F) const {
    for (PredictedLayout &P : F.Predicted)
      for (const TargetLayout &L : R.Layouts)
        if (P.USR == R.USR && L.Triple == P.Triple)
          P.OldSize = L.Size;
  }

  /// Checks \p F's order as the fixed record; applies now what a second run
  /// would, or drops the fix when the checks do not settle on one order.
  void settleOrder(Finding &F) {
    auto Rec = ByKey.find(F.RecordKey);
    if (Rec == ByKey.end())
      return;
    const RecordFacts &Base = effective(*Rec->second);
    std::vector<unsigned> Order = F.Order;
    std::string Next;
    for (unsigned Round = 0;; ++Round) {
      std::optional<RecordFacts> After = reorderedRecord(Base, Order);
      if (!After)
        return; // Nothing to check it on; verification still holds it.
      std::optional<Finding> Again = chosenFix(*After, Set, Alone, FixChecks);
      if (!Again || Again->Order.empty())
        break;
      if (Round + 1 == MaxSettleRounds) {
        dropFix(F, "the checks do not settle on one order for '" +
                       F.RecordName + "': after this one, " + Again->Check +
                       " would reorder it again");
        return;
      }
      std::vector<unsigned> Composed;
      for (unsigned I : Again->Order)
        Composed.push_back(Order[I]);
      Order = std::move(Composed);
      Next += (Next.empty() ? "" : ", then ") + Again->Check;
    }
    if (Order == F.Order)
      return;
    F.Fixes.clear();
    F.Predicted.clear();
    addReorderFix(Base, Order, Context, F);
    keepOldSizes(*Rec->second, F);
    llvm::json::Array Items;
    F.Notes.push_back(
        {F.Loc, "the order applied is " + Next +
                    "'s on top of this one, which a second run would "
                    "otherwise apply: " +
                    orderText(Base, Order, Items)});
    F.Order = std::move(Order);
    if (F.Fixes.empty() && F.NoFixReason.empty())
      dropFix(F, "the settled order can't be written");
  }

  std::vector<Finding> &Findings;
  std::vector<Finding> Added; ///< Fixes only the changed record needs.
  const CheckSet &Set;
  const CheckContext &Context;
  CheckContext Alone;
  const GlobList &FixChecks;
  std::map<std::string, const RecordFacts *> ByKey;
  HeldChanges Changes;
  std::set<std::string> Unpredictable;
  std::set<std::string> Visited;
  std::map<std::string, RecordFacts> Patched;
};

} // namespace

void settleFixes(std::vector<Finding> &Findings,
                 const std::vector<const RecordFacts *> &Records,
                 const CheckSet &Set, const CheckContext &Context,
                 const GlobList &FixChecks) {
  selectFixes(Findings, FixChecks);
  Settler(Findings, Records, Set, Context, FixChecks).run();
  sortFindings(Findings);
}

} // namespace structlayout
