//===- Optimiser.cpp - The smallest order that moves the least ------------===//

#include "Optimiser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace structlayout {

/// One over-aligned member, an array or vector: `alignas(64) float v[16];`
/// is aligned for its loads, not to keep cache-line groups apart (that takes
/// two), so it may move like any field; the record's size, a multiple of
/// its alignment, then only ever shrinks by whole lines.
static bool isAlignedBufferOnly(const RecordFacts &Record) {
  const FieldFacts *Aligned = nullptr;
  for (const FieldFacts &F : Record.Fields)
    if (F.ExplicitAlign >= 64) {
      if (Aligned)
        return false;
      Aligned = &F;
    }
  return Aligned && !Aligned->IsAnonymousRecord &&
         (Aligned->IsVector || Aligned->ArrayElements > 0);
}

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
/// position requires, and what must come before what. With several targets
/// the state holds the cursor residue on each, and the cost is the padding
/// summed over them: an order minimal on every target, when there is one,
/// is the order of least total.
class OrderSearch {
public:
  OrderSearch(const RecordFacts &Record,
              llvm::ArrayRef<const LayoutModel *> Models)
      : Models(Models.begin(), Models.end()) {
    llvm::ArrayRef<MoveUnit> Units = Models.front()->units();
    unsigned N = Units.size();
    // Without bit-fields the cursor only ever stands on whole bytes: a
    // residue slot per byte, not per bit.
    Granule = 8;
    for (const LayoutModel *M : Models)
      for (const MoveUnit &U : M->units())
        if (U.IsBitRun || U.DataBits % 8)
          Granule = 1;
    TotalMod = 1;
    for (const LayoutModel *M : Models) {
      uint64_t MaxAlign = M->recordAlign();
      for (const MoveUnit &U : M->units())
        MaxAlign = std::max(MaxAlign, U.AlignBytes);
      Stride.push_back(TotalMod);
      ModBits.push_back(MaxAlign * 8);
      uint64_t Slots = ModBits.back() / Granule;
      if (TotalMod > Budget / Slots)
        TooBig = true;
      else
        TotalMod *= Slots;
    }

    // Labels: a position keeps the access, cache-line group, preprocessor
    // region and pin of the unit that stood there.
    std::map<std::tuple<unsigned, unsigned, AccessKind, int>, unsigned>
        LabelIds;
    unsigned Group = 0;
    bool AlignedBuffer = isAlignedBufferOnly(Record);
    std::vector<unsigned> UnitOfField(Record.Fields.size());
    for (unsigned U = 0; U < N; ++U) {
      const FieldFacts &F = Record.Fields[Units[U].FirstField];
      for (unsigned I = Units[U].FirstField; I < Units[U].EndField; ++I)
        UnitOfField[I] = U;
      bool StartsGroup = F.ExplicitAlign >= 64 && U != 0 && !AlignedBuffer;
      if (StartsGroup)
        ++Group;
      // A bit-field run across an access specifier or a preprocessor
      // directive can't move at all.
      bool MixedAccess = false;
      for (unsigned I = Units[U].FirstField; I < Units[U].EndField; ++I)
        MixedAccess |= Record.Fields[I].Access != F.Access ||
                       Record.Fields[I].PPRegion != F.PPRegion;
      // `T a[1];` last: the old way to write a flexible array member.
      bool StructHack = U + 1 == N && !Units[U].IsBitRun &&
                        F.ArrayElements == 1 &&
                        F.TypeName.find('[') != std::string::npos;
      bool Pinned = StartsGroup || MixedAccess || Units[U].IsFlexibleArray ||
                    StructHack || (U == 0 && Record.FirstMemberIsBase) ||
                    (!F.Name.empty() && isExplicitPaddingName(F.Name));
      auto Key =
          std::make_tuple(Group, F.PPRegion, F.Access, Pinned ? int(U) : -1);
      Label.push_back(LabelIds.try_emplace(Key, LabelIds.size()).first->second);
    }

    // Precedence from initialisers that read earlier fields, and from
    // declarations that name a member declared after earlier fields.
    Preds.resize(N);
    for (unsigned I = 0; I < Record.Fields.size(); ++I)
      for (unsigned J = 0; J < Record.Fields[I].NamesMemberAfter && J < I; ++J)
        if (UnitOfField[J] != UnitOfField[I])
          Preds[UnitOfField[I]].push_back(UnitOfField[J]);
    for (unsigned I = 0; I < Record.Fields.size(); ++I)
      for (const std::string &Read : Record.Fields[I].InitReads)
        for (unsigned J = 0; J < I; ++J)
          if ((Read == InitReadsAll || Record.Fields[J].Name == Read) &&
              UnitOfField[J] != UnitOfField[I])
            Preds[UnitOfField[I]].push_back(UnitOfField[J]);

    // Classes: units interchangeable on every target.
    std::vector<bool> Unique(N, false);
    for (unsigned U = 0; U < N; ++U) {
      if (!Preds[U].empty())
        Unique[U] = true;
      for (unsigned P : Preds[U])
        Unique[P] = true;
    }
    std::map<std::vector<uint64_t>, unsigned> ClassIds;
    for (unsigned U = 0; U < N; ++U) {
      const MoveUnit &Unit = Units[U];
      int Own = (Unique[U] || Unit.IsBitRun) ? int(U) : -1;
      std::vector<uint64_t> Key = {Label[U], uint64_t(int64_t(Own))};
      for (unsigned T = 0; T < Models.size(); ++T) {
        const MoveUnit &On = Models[T]->units()[U];
        Key.push_back(On.AlignBytes);
        Key.push_back(On.DataBits % ModBits[T]);
      }
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
    for (unsigned I = 0; I < C && !TooBig; ++I) {
      Radix[I] = States;
      if (States > Budget / (ClassCount[I] + 1)) {
        TooBig = true;
        break;
      }
      States *= ClassCount[I] + 1;
    }
    CountStates = States;
    // Pads and next residues per (target, class, residue), computed once.
    PadTable.resize(Models.size());
    NextResidue.resize(Models.size());
    for (unsigned T = 0; T < Models.size(); ++T) {
      uint64_t Mod = ModBits[T];
      PadTable[T].assign(C * Mod, 0);
      NextResidue[T].assign(C * Mod, 0);
      for (unsigned Cl = 0; Cl < C; ++Cl)
        for (uint64_t R = 0; R < Mod; ++R) {
          LayoutModel::Cursor Cur;
          Cur.Bits = R;
          Models[T]->place(Cur, ClassRep[Cl]);
          uint64_t Delta = Cur.Bits - R;
          PadTable[T][Cl * Mod + R] =
              Delta -
              std::min(Delta, Models[T]->units()[ClassRep[Cl]].DataBits);
          NextResidue[T][Cl * Mod + R] = Cur.Bits % Mod;
        }
    }
  }

  void setBudget(uint64_t B) { Budget = B; }
  /// The order in which units are tried when several are as good.
  void setPreference(llvm::ArrayRef<unsigned> FieldRanking,
                     llvm::ArrayRef<MoveUnit> Units) {
    Tries.clear();
    std::vector<bool> Seen(Units.size(), false);
    for (unsigned Field : FieldRanking)
      for (unsigned U = 0; U < Units.size(); ++U)
        if (!Seen[U] && Field >= Units[U].FirstField &&
            Field < Units[U].EndField) {
          Seen[U] = true;
          Tries.push_back(U);
        }
    for (unsigned U = 0; U < Units.size(); ++U)
      if (!Seen[U])
        Tries.push_back(U);
  }
  /// The budget counts states as if residues were kept in bits, so byte
  /// granules make the search cheaper, not larger.
  bool exactPossible() const {
    return !TooBig && CountStates <= Budget / (TotalMod * Granule);
  }

  /// Least padding, summed over the targets, to the end of the record from
  /// \p Counts (encoded) and residues \p R, having placed \p K units.
  uint32_t best(uint64_t Code, std::vector<unsigned> &Counts, uint64_t R,
                unsigned K) {
    if (K == Label.size()) {
      uint64_t Pad = 0;
      for (unsigned T = 0; T < Models.size(); ++T) {
        uint64_t Res = residue(R, T);
        uint64_t End = llvm::alignTo(Res, 8);
        Pad += llvm::alignTo(End, Models[T]->recordAlign() * 8) - Res;
      }
      return Pad;
    }
    uint32_t &Slot = Memo[Code * TotalMod + R];
    if (Slot != Unknown)
      return Slot;
    uint32_t Best = Infeasible;
    unsigned Want = Label[K];
    for (unsigned Cl = 0; Cl < ClassRep.size(); ++Cl) {
      if (!Counts[Cl] || ClassLabel[Cl] != Want || !predsPlaced(Cl, Counts))
        continue;
      --Counts[Cl];
      uint32_t Rest = best(Code - Radix[Cl], Counts, next(Cl, R), K + 1);
      ++Counts[Cl];
      if (Rest != Infeasible)
        Best = std::min<uint32_t>(Best, Rest + pad(Cl, R));
    }
    return Slot = Best;
  }

  /// The earliest-first order among those of least padding.
  std::vector<unsigned> solveExact() {
    Memo.assign(CountStates * TotalMod, Unknown);
    std::vector<unsigned> Counts = ClassCount;
    uint64_t Code = CountStates - 1;
    uint64_t R = 0;
    for (unsigned T = 0; T < Models.size(); ++T)
      R += (Models[T]->start().Bits % ModBits[T]) / Granule * Stride[T];
    std::vector<unsigned> Order;
    std::vector<bool> Used(Label.size(), false);
    for (unsigned K = 0; K < Label.size(); ++K) {
      uint32_t Target = best(Code, Counts, R, K);
      for (unsigned U : Tries) {
        unsigned Cl = ClassOf[U];
        if (Used[U] || Label[U] != Label[K] || !predsPlaced(Cl, Counts))
          continue;
        --Counts[Cl];
        uint32_t Rest = best(Code - Radix[Cl], Counts, next(Cl, R), K + 1);
        if (Rest != Infeasible && Rest + pad(Cl, R) == Target) {
          Used[U] = true;
          Order.push_back(U);
          Code -= Radix[Cl];
          R = next(Cl, R);
          break;
        }
        ++Counts[Cl];
      }
    }
    return Order;
  }

  /// For records too large to search: least padding (over the targets)
  /// first at each step, larger alignment on ties, then the original order
  /// (or, \p RankingFirst, the preferred order on ties, then alignment).
  std::vector<unsigned> solveGreedy(bool RankingFirst = false) {
    std::vector<unsigned> Counts = ClassCount;
    std::vector<bool> Used(Label.size(), false);
    std::vector<unsigned> Order;
    std::vector<LayoutModel::Cursor> Cur;
    for (const LayoutModel *M : Models)
      Cur.push_back(M->start());
    auto Align = [&](unsigned U) {
      uint64_t A = 0;
      for (const LayoutModel *M : Models)
        A = std::max(A, M->units()[U].AlignBytes);
      return A;
    };
    for (unsigned K = 0; K < Label.size(); ++K) {
      int Pick = -1;
      uint64_t PickPad = 0;
      for (unsigned U : Tries) {
        if (Used[U] || Label[U] != Label[K] || !predsPlaced(ClassOf[U], Counts))
          continue;
        uint64_t Pad = 0;
        for (unsigned T = 0; T < Models.size(); ++T) {
          LayoutModel::Cursor Try = Cur[T];
          Models[T]->place(Try, U);
          uint64_t Delta = Try.Bits - Cur[T].Bits;
          Pad += Delta - std::min(Delta, Models[T]->units()[U].DataBits);
        }
        if (Pick < 0 || Pad < PickPad ||
            (Pad == PickPad && !RankingFirst && Align(U) > Align(Pick))) {
          Pick = U;
          PickPad = Pad;
        }
      }
      if (Pick < 0) // Constraints leave nothing: keep the original order.
        return {};
      Used[Pick] = true;
      --Counts[ClassOf[Pick]];
      for (unsigned T = 0; T < Models.size(); ++T)
        Models[T]->place(Cur[T], Pick);
      Order.push_back(Pick);
    }
    return Order;
  }

private:
  /// The cursor residue in bits on target \p T, from the state \p R.
  uint64_t residue(uint64_t R, unsigned T) const {
    return (R / Stride[T]) % (ModBits[T] / Granule) * Granule;
  }
  uint64_t next(unsigned Cl, uint64_t R) const {
    uint64_t Out = 0;
    for (unsigned T = 0; T < Models.size(); ++T)
      Out +=
          NextResidue[T][Cl * ModBits[T] + residue(R, T)] / Granule * Stride[T];
    return Out;
  }
  uint64_t pad(unsigned Cl, uint64_t R) const {
    uint64_t Sum = 0;
    for (unsigned T = 0; T < Models.size(); ++T)
      Sum += PadTable[T][Cl * ModBits[T] + residue(R, T)];
    return Sum;
  }
  bool predsPlaced(unsigned Cl, const std::vector<unsigned> &Counts) const {
    for (unsigned P : Preds[ClassRep[Cl]])
      if (Counts[ClassOf[P]])
        return false;
    return true;
  }

  std::vector<const LayoutModel *> Models;
  std::vector<uint64_t> ModBits, Stride;
  uint64_t Granule = 1; ///< Bits per residue slot: 8 without bit-fields.
  uint64_t TotalMod = 1;
  uint64_t Budget = 2'000'000;
  bool TooBig = false;
  uint64_t CountStates = 1;
  std::vector<unsigned> Label; ///< Per unit (= per original position).
  std::vector<unsigned> Tries; ///< Units, most preferred first.
  std::vector<std::vector<unsigned>> Preds;
  std::vector<unsigned> ClassOf, ClassRep, ClassCount, ClassLabel;
  std::vector<uint64_t> Radix;
  std::vector<std::vector<uint64_t>> PadTable, NextResidue;
  std::vector<uint32_t> Memo;
};

/// Targets on which this record's units are placed alike (no bit-fields,
/// same rules, alignments and sizes) need one place in the search.
std::vector<unsigned>
distinctModels(llvm::ArrayRef<const LayoutModel *> Models) {
  std::vector<unsigned> Keep;
  std::vector<std::vector<uint64_t>> Seen;
  for (unsigned T = 0; T < Models.size(); ++T) {
    const LayoutModel &M = *Models[T];
    std::vector<uint64_t> Sig = {M.microsoft(), M.recordAlign(),
                                 M.start().Bits};
    bool BitRuns = false;
    for (const MoveUnit &U : M.units()) {
      BitRuns |= U.IsBitRun;
      Sig.insert(Sig.end(), {U.AlignBytes, U.DataBits, U.IsFlexibleArray});
    }
    if (!BitRuns && llvm::is_contained(Seen, Sig))
      continue;
    Seen.push_back(std::move(Sig));
    Keep.push_back(T);
  }
  return Keep;
}

/// True if the models cut the record into the same units.
bool sameUnits(llvm::ArrayRef<const LayoutModel *> Models) {
  for (const LayoutModel *M : Models) {
    llvm::ArrayRef<MoveUnit> A = Models.front()->units(), B = M->units();
    if (A.size() != B.size())
      return false;
    for (size_t I = 0; I < A.size(); ++I)
      if (A[I].FirstField != B[I].FirstField || A[I].EndField != B[I].EndField)
        return false;
  }
  return true;
}

} // namespace

OptimisedOrder optimiseOrder(const RecordFacts &Record,
                             llvm::ArrayRef<const TargetLayout *> Layouts,
                             llvm::ArrayRef<const LayoutModel *> Models,
                             const OptimiserOptions &Options) {
  OptimisedOrder Result;
  for (unsigned I = 0; I < Record.Fields.size(); ++I)
    Result.FieldOrder.push_back(I);
  for (const TargetLayout *L : Layouts)
    Result.Sizes.push_back(L->Size);
  Result.SizeBytes = Result.Sizes.front();
  if (!sameUnits(Models))
    return Result;

  std::vector<const LayoutModel *> Distinct;
  for (unsigned T : distinctModels(Models))
    Distinct.push_back(Models[T]);
  OrderSearch Search(Record, Distinct);
  Search.setBudget(Options.StateBudget);
  Search.setPreference(Options.Preference, Models.front()->units());
  bool Exact = Search.exactPossible();
  std::vector<unsigned> UnitOrder =
      Exact ? Search.solveExact() : Search.solveGreedy();
  if (UnitOrder.size() != Models.front()->units().size())
    return Result;
  // Too large to search with a preference (hot fields first): the greedy
  // order that follows it on ties, when it is no bigger.
  if (!Exact && !Options.Preference.empty()) {
    std::vector<unsigned> Ranked = Search.solveGreedy(/*RankingFirst=*/true);
    auto Total = [&](const std::vector<unsigned> &Units) {
      uint64_t Sum = 0;
      for (const LayoutModel *M : Models)
        Sum += M->placeAll(Units).SizeBytes;
      return Sum;
    };
    if (Ranked.size() == UnitOrder.size() && Total(Ranked) <= Total(UnitOrder))
      UnitOrder = std::move(Ranked);
  }

  // The placements are the truth: the search does not see Microsoft
  // bit-field runs that meet and share a unit.
  std::vector<uint64_t> Sizes;
  bool Grows = false, Shrinks = false, MsRuns = false;
  for (size_t T = 0; T < Models.size(); ++T) {
    Sizes.push_back(Models[T]->placeAll(UnitOrder).SizeBytes);
    Grows |= Sizes[T] > Layouts[T]->Size;
    Shrinks |= Sizes[T] < Layouts[T]->Size;
    MsRuns |= Models[T]->microsoft() &&
              llvm::count_if(Models[T]->units(),
                             [](const MoveUnit &U) { return U.IsBitRun; }) > 1;
  }
  Result.ProvenMinimal = Exact && !MsRuns;
  if (Grows && Models.size() > 1) {
    // The least total grows some target: take the best of the targets'
    // own orders among those that grow none.
    std::vector<unsigned> BestUnits;
    uint64_t BestTotal = 0;
    for (size_t T = 0; T < Models.size(); ++T) {
      OptimisedOrder Own =
          optimiseOrder(Record, *Layouts[T], *Models[T], Options);
      if (!Own.Changed)
        continue;
      uint64_t Total = 0;
      bool OwnGrows = false;
      std::vector<uint64_t> OwnSizes;
      for (size_t U = 0; U < Models.size(); ++U) {
        auto P = Models[U]->placeFields(Own.FieldOrder);
        OwnGrows |= !P || P->SizeBytes > Layouts[U]->Size;
        OwnSizes.push_back(P ? P->SizeBytes : 0);
        Total += OwnSizes.back();
      }
      if (!OwnGrows && (BestUnits.empty() || Total < BestTotal)) {
        BestTotal = Total;
        BestUnits = Own.FieldOrder;
        Sizes = OwnSizes;
      }
    }
    if (!BestUnits.empty()) {
      Result.FieldOrder = BestUnits;
      Result.Sizes = Sizes;
      Result.SizeBytes = Sizes.front();
      Result.ProvenMinimal = false;
      Result.Changed = true;
    }
    return Result;
  }
  std::vector<unsigned> FieldOrder;
  for (unsigned U : UnitOrder)
    for (unsigned F = Models.front()->units()[U].FirstField;
         F < Models.front()->units()[U].EndField; ++F)
      FieldOrder.push_back(F);
  bool Moves = FieldOrder != Result.FieldOrder;
  if (Grows || (!Shrinks && !(Options.AcceptSameSize && Moves))) {
    Result.ProvenMinimal = Result.ProvenMinimal && !Grows && !Shrinks;
    return Result;
  }
  Result.FieldOrder = std::move(FieldOrder);
  Result.Sizes = Sizes;
  Result.SizeBytes = Sizes.front();
  Result.Changed = true;
  return Result;
}

OptimisedOrder optimiseOrder(const RecordFacts &Record,
                             const TargetLayout &Layout,
                             const LayoutModel &Model,
                             const OptimiserOptions &Options) {
  const TargetLayout *L = &Layout;
  const LayoutModel *M = &Model;
  return optimiseOrder(Record, llvm::ArrayRef(L), llvm::ArrayRef(M), Options);
}

} // namespace structlayout
