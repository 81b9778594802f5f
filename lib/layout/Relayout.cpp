//===- Relayout.cpp - A record's facts after a change this run makes ------===//

#include "Relayout.h"

#include "LayoutModel.h"

#include "llvm/ADT/STLExtras.h"

#include <numeric>

namespace structlayout {

std::optional<RecordFacts> reorderedRecord(const RecordFacts &R,
                                           llvm::ArrayRef<unsigned> Order) {
  if (Order.size() != R.Fields.size())
    return std::nullopt;
  RecordFacts Out = R;
  std::vector<unsigned> NewIndex(Order.size());
  for (unsigned K = 0; K < Order.size(); ++K) {
    NewIndex[Order[K]] = K;
    Out.Fields[K] = R.Fields[Order[K]];
  }
  for (size_t T = 0; T < R.Layouts.size(); ++T) {
    auto Model = LayoutModel::create(R, R.Layouts[T]);
    if (!Model) {
      llvm::consumeError(Model.takeError());
      return std::nullopt;
    }
    auto Placed = Model->placeFields(Order);
    if (!Placed)
      return std::nullopt;
    TargetLayout &L = Out.Layouts[T];
    for (unsigned K = 0; K < Order.size(); ++K) {
      L.Fields[K] = R.Layouts[T].Fields[Order[K]];
      L.Fields[K].OffsetBits = Placed->FieldOffsetsBits[Order[K]];
    }
    L.Size = Placed->SizeBytes;
  }
  for (InitSite &Site : Out.InitSites)
    for (unsigned &F : Site.FieldOf)
      if (F < NewIndex.size())
        F = NewIndex[F];
  return Out;
}

/// What a field holding \p Change's record takes once it changes.
static FieldLayout heldStorage(const FieldFacts &F, FieldLayout L,
                               const HeldChange &Change) {
  uint64_t Count = F.ArrayElements ? F.ArrayElements : 1;
  L.SizeBytes = Change.Size * Count;
  // A field packed below its type's alignment stays packed; one aligned
  // above it (alignas) keeps that.
  auto Realign = [&](uint64_t A) {
    return A == Change.OldAlign  ? Change.Align
           : A < Change.OldAlign ? std::min(A, Change.Align)
                                 : std::max(A, Change.Align);
  };
  L.AlignBytes = Realign(L.AlignBytes);
  L.NaturalAlignBytes = Realign(L.NaturalAlignBytes);
  if (L.ElementBytes == Change.OldSize)
    L.ElementBytes = Change.Size;
  return L;
}

std::optional<RecordFacts> withHeldRecords(const RecordFacts &R,
                                           const HeldChanges &Changes) {
  // A changed base moves every field: not modelled.
  for (const std::string &Key : R.ContainedKeys)
    if (Changes.count(Key) && llvm::none_of(R.Fields, [&](const FieldFacts &F) {
          return F.HeldRecordKey == Key;
        }))
      return std::nullopt;
  RecordFacts Out = R;
  for (size_t T = 0; T < R.Layouts.size(); ++T) {
    const TargetLayout &Was = R.Layouts[T];
    auto Model = LayoutModel::create(R, Was);
    if (!Model) {
      llvm::consumeError(Model.takeError());
      return std::nullopt;
    }
    LayoutModel Changed = *Model;
    TargetLayout &L = Out.Layouts[T];
    for (size_t I = 0; I < R.Fields.size(); ++I) {
      auto ByTarget = Changes.find(R.Fields[I].HeldRecordKey);
      if (R.Fields[I].HeldRecordKey.empty() || ByTarget == Changes.end())
        continue;
      auto Change = ByTarget->second.find(Was.Triple);
      if (Change == ByTarget->second.end())
        continue;
      if (Change->second.Align < Change->second.OldAlign)
        return std::nullopt;
      L.Fields[I] = heldStorage(R.Fields[I], Was.Fields[I], Change->second);
      Changed = Changed.withFieldStorage(I, L.Fields[I]);
    }
    std::vector<unsigned> Original(R.Fields.size());
    std::iota(Original.begin(), Original.end(), 0);
    auto Placed = Changed.placeFields(Original);
    if (!Placed)
      return std::nullopt;
    for (size_t I = 0; I < R.Fields.size(); ++I)
      L.Fields[I].OffsetBits = Placed->FieldOffsetsBits[I];
    L.Size = Placed->SizeBytes;
    L.Align = Changed.recordAlign();
  }
  return Out;
}

} // namespace structlayout
