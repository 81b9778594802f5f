//===- Optimiser.cpp - The smallest order that moves the least ------------===//

#include "Optimiser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace structlayout {

bool isExplicitPaddingName(llvm::StringRef Name) {
  std::string Lower = Name.lower();
  llvm::StringRef S = llvm::StringRef(Lower).ltrim("_").rtrim("0123456789_");
  for (llvm::StringRef Word :
       {"pad", "padding", "reserved", "rsvd", "spare", "unused", "filler"})
    if (S == Word)
      return true;
  return S.starts_with("pad_") || S.starts_with("reserved_");
}

namespace {

constexpr uint32_t Unknown = std::numeric_limits<uint32_t>::max();
constexpr uint32_t Infeasible = Unknown - 1;

/// The search problem: units, which class each belongs to, the label each
/// position requires, and what must come before what.
class OrderSearch {
public:
  OrderSearch(const RecordFacts &Record, const TargetLayout &Layout,
              const LayoutModel &Model)
      : Model(Model) {
    llvm::ArrayRef<MoveUnit> Units = Model.units();
    unsigned N = Units.size();
    uint64_t MaxAlign = Model.recordAlign();
    for (const MoveUnit &U : Units)
      MaxAlign = std::max(MaxAlign, U.AlignBytes);
    ModBits = MaxAlign * 8;

    // Labels: a position keeps the access, cache-line group and pin of the
    // unit that stood there.
    std::map<std::tuple<unsigned, AccessKind, int>, unsigned> LabelIds;
    unsigned Group = 0;
    std::vector<unsigned> UnitOfField(Record.Fields.size());
    for (unsigned U = 0; U < N; ++U) {
      const FieldFacts &F = Record.Fields[Units[U].FirstField];
      for (unsigned I = Units[U].FirstField; I < Units[U].EndField; ++I)
        UnitOfField[I] = U;
      bool StartsGroup = F.ExplicitAlign >= 64 && U != 0;
      if (StartsGroup)
        ++Group;
      // A bit-field run across an access specifier can't move at all.
      bool MixedAccess = false;
      for (unsigned I = Units[U].FirstField; I < Units[U].EndField; ++I)
        MixedAccess |= Record.Fields[I].Access != F.Access;
      bool Pinned = StartsGroup || MixedAccess || Units[U].IsFlexibleArray ||
                    (U == 0 && Record.FirstMemberIsBase) ||
                    (!F.Name.empty() && isExplicitPaddingName(F.Name));
      auto Key = std::make_tuple(Group, F.Access, Pinned ? int(U) : -1);
      Label.push_back(LabelIds.try_emplace(Key, LabelIds.size()).first->second);
    }

    // Precedence from initialisers that read earlier fields.
    Preds.resize(N);
    for (unsigned I = 0; I < Record.Fields.size(); ++I)
      for (const std::string &Read : Record.Fields[I].InitReads)
        for (unsigned J = 0; J < I; ++J)
          if (Record.Fields[J].Name == Read && UnitOfField[J] != UnitOfField[I])
            Preds[UnitOfField[I]].push_back(UnitOfField[J]);

    // Classes: interchangeable units.
    std::vector<bool> Unique(N, false);
    for (unsigned U = 0; U < N; ++U) {
      if (!Preds[U].empty())
        Unique[U] = true;
      for (unsigned P : Preds[U])
        Unique[P] = true;
    }
    std::map<std::tuple<unsigned, uint64_t, uint64_t, int>, unsigned> ClassIds;
    for (unsigned U = 0; U < N; ++U) {
      const MoveUnit &Unit = Units[U];
      int Own = (Unique[U] || Unit.IsBitRun) ? int(U) : -1;
      auto Key = std::make_tuple(Label[U], Unit.AlignBytes,
                                 Unit.DataBits % ModBits, Own);
      auto [It, New] = ClassIds.try_emplace(Key, ClassIds.size());
      if (New) {
        ClassRep.push_back(U);
        ClassCount.push_back(0);
        ClassLabel.push_back(Label[U]);
      }
      ClassOf.push_back(It->second);
      ++ClassCount[It->second];
    }
    unsigned C = ClassRep.size();
    Radix.resize(C);
    uint64_t States = 1;
    TooBig = false;
    for (unsigned I = 0; I < C; ++I) {
      Radix[I] = States;
      if (States > Budget / (ClassCount[I] + 1)) {
        TooBig = true;
        break;
      }
      States *= ClassCount[I] + 1;
    }
    CountStates = States;
    // Pads per (class, residue), computed once.
    PadTable.assign(C * ModBits, 0);
    NextResidue.assign(C * ModBits, 0);
    for (unsigned Cl = 0; Cl < C; ++Cl)
      for (uint64_t R = 0; R < ModBits; ++R) {
        LayoutModel::Cursor Cur;
        Cur.Bits = R;
        Model.place(Cur, ClassRep[Cl]);
        uint64_t Delta = Cur.Bits - R;
        PadTable[Cl * ModBits + R] =
            Delta - std::min(Delta, Units[ClassRep[Cl]].DataBits);
        NextResidue[Cl * ModBits + R] = Cur.Bits % ModBits;
      }
  }

  void setBudget(uint64_t B) { Budget = B; }
  bool exactPossible() const {
    return !TooBig && CountStates * ModBits <= Budget;
  }

  /// Least padding to the end of the record from \p Counts (encoded) and
  /// cursor residue \p R, having placed \p K units.
  uint32_t best(uint64_t Code, std::vector<unsigned> &Counts, uint64_t R,
                unsigned K) {
    if (K == Label.size()) {
      uint64_t End = llvm::alignTo(R, 8);
      return llvm::alignTo(End, Model.recordAlign() * 8) - R;
    }
    uint32_t &Slot = Memo[Code * ModBits + R];
    if (Slot != Unknown)
      return Slot;
    uint32_t Best = Infeasible;
    unsigned Want = Label[K];
    for (unsigned Cl = 0; Cl < ClassRep.size(); ++Cl) {
      if (!Counts[Cl] || ClassLabel[Cl] != Want || !predsPlaced(Cl, Counts))
        continue;
      --Counts[Cl];
      uint32_t Rest =
          best(Code - Radix[Cl], Counts, NextResidue[Cl * ModBits + R], K + 1);
      ++Counts[Cl];
      if (Rest != Infeasible)
        Best = std::min<uint32_t>(Best, Rest + PadTable[Cl * ModBits + R]);
    }
    return Slot = Best;
  }

  /// The earliest-first order among those of least padding.
  std::vector<unsigned> solveExact() {
    Memo.assign(CountStates * ModBits, Unknown);
    std::vector<unsigned> Counts = ClassCount;
    uint64_t Code = CountStates - 1;
    uint64_t R = Model.start().Bits % ModBits;
    std::vector<unsigned> Order;
    std::vector<bool> Used(Label.size(), false);
    for (unsigned K = 0; K < Label.size(); ++K) {
      uint32_t Target = best(Code, Counts, R, K);
      for (unsigned U = 0; U < Label.size(); ++U) {
        unsigned Cl = ClassOf[U];
        if (Used[U] || Label[U] != Label[K] || !predsPlaced(Cl, Counts))
          continue;
        --Counts[Cl];
        uint32_t Rest = best(Code - Radix[Cl], Counts,
                             NextResidue[Cl * ModBits + R], K + 1);
        if (Rest != Infeasible && Rest + PadTable[Cl * ModBits + R] == Target) {
          Used[U] = true;
          Order.push_back(U);
          Code -= Radix[Cl];
          R = NextResidue[Cl * ModBits + R];
          break;
        }
        ++Counts[Cl];
      }
    }
    return Order;
  }

  /// For records too large to search: least padding first at each step,
  /// larger alignment on ties, then the original order.
  std::vector<unsigned> solveGreedy() {
    std::vector<unsigned> Counts = ClassCount;
    std::vector<bool> Used(Label.size(), false);
    std::vector<unsigned> Order;
    LayoutModel::Cursor Cur = Model.start();
    for (unsigned K = 0; K < Label.size(); ++K) {
      int Pick = -1;
      uint64_t PickPad = 0;
      for (unsigned U = 0; U < Label.size(); ++U) {
        if (Used[U] || Label[U] != Label[K] || !predsPlaced(ClassOf[U], Counts))
          continue;
        LayoutModel::Cursor Try = Cur;
        Model.place(Try, U);
        uint64_t Delta = Try.Bits - Cur.Bits;
        uint64_t Pad = Delta - std::min(Delta, Model.units()[U].DataBits);
        if (Pick < 0 || Pad < PickPad ||
            (Pad == PickPad &&
             Model.units()[U].AlignBytes > Model.units()[Pick].AlignBytes)) {
          Pick = U;
          PickPad = Pad;
        }
      }
      if (Pick < 0) // Constraints leave nothing: keep the original order.
        return {};
      Used[Pick] = true;
      --Counts[ClassOf[Pick]];
      Model.place(Cur, Pick);
      Order.push_back(Pick);
    }
    return Order;
  }

private:
  bool predsPlaced(unsigned Cl, const std::vector<unsigned> &Counts) const {
    for (unsigned P : Preds[ClassRep[Cl]])
      if (Counts[ClassOf[P]])
        return false;
    return true;
  }

  const LayoutModel &Model;
  uint64_t ModBits = 8;
  uint64_t Budget = 2'000'000;
  bool TooBig = false;
  uint64_t CountStates = 1;
  std::vector<unsigned> Label; ///< Per unit (= per original position).
  std::vector<std::vector<unsigned>> Preds;
  std::vector<unsigned> ClassOf, ClassRep, ClassCount, ClassLabel;
  std::vector<uint64_t> Radix;
  std::vector<uint64_t> PadTable, NextResidue;
  std::vector<uint32_t> Memo;
};

} // namespace

OptimisedOrder optimiseOrder(const RecordFacts &Record,
                             const TargetLayout &Layout,
                             const LayoutModel &Model,
                             const OptimiserOptions &Options) {
  OptimisedOrder Result;
  for (unsigned I = 0; I < Record.Fields.size(); ++I)
    Result.FieldOrder.push_back(I);
  Result.SizeBytes = Layout.Size;

  OrderSearch Search(Record, Layout, Model);
  Search.setBudget(Options.StateBudget);
  bool Exact = Search.exactPossible();
  std::vector<unsigned> UnitOrder =
      Exact ? Search.solveExact() : Search.solveGreedy();
  if (UnitOrder.size() != Model.units().size())
    return Result;

  uint64_t Size = Model.placeAll(UnitOrder).SizeBytes;
  // Microsoft bit-field runs that meet can share a unit, which the search
  // does not see; the placement above is the truth either way.
  bool MsRuns = Model.microsoft() &&
                std::count_if(Model.units().begin(), Model.units().end(),
                              [](const MoveUnit &U) { return U.IsBitRun; }) > 1;
  Result.ProvenMinimal = Exact && !MsRuns;
  if (Size >= Layout.Size) {
    Result.ProvenMinimal = Result.ProvenMinimal && Size == Layout.Size;
    return Result;
  }
  Result.FieldOrder.clear();
  for (unsigned U : UnitOrder)
    for (unsigned F = Model.units()[U].FirstField;
         F < Model.units()[U].EndField; ++F)
      Result.FieldOrder.push_back(F);
  Result.SizeBytes = Size;
  Result.Changed = true;
  return Result;
}

} // namespace structlayout
