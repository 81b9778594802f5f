//===- SimdAlignmentCheck.cpp - layout-simd-alignment ---------------------===//
//
// What: a field whose type asks for 16 bytes of alignment or more (SSE/AVX/
// AVX-512 and NEON vectors, vector_size/ext_vector_type, records and arrays
// declared alignas(16|32|64)) placed at an offset that is not a multiple of
// it on some target, through `packed`, `#pragma pack` or a packed outer
// record: aligned loads (movaps, vmovdqa, compilers' assumptions) fault or
// slow down there. A vector field that crosses a cache line of a record
// aligned to the line. And an over-aligned record allocated with `new`
// before aligned new, or by malloc/calloc/realloc cast to it.
// Where an order of the fields of no greater size puts every such field
// right on every target, the note gives it; it is a fix-it for a record
// that is not packed (a packed layout is deliberate, DESIGN.md section 4).
//
//===----------------------------------------------------------------------===//

#include "SimdAlignmentCheck.h"

#include "Reorder.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <numeric>

namespace structlayout {

SimdAlignmentCheck::SimdAlignmentCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-simd-alignment"),
      MinAlignBytes(Options.get("MinAlignBytes", 16)) {
  MinImpact = Options.getImpact("MinSeverity", Impact::Low);
}

void SimdAlignmentCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".MinAlignBytes"] = std::to_string(MinAlignBytes);
  Out[Name + ".MinSeverity"] = toString(MinImpact);
}

bool SimdAlignmentCheck::misaligned(const FieldLayout &FL,
                                    uint64_t OffsetBits) const {
  return FL.NaturalAlignBytes >= MinAlignBytes &&
         OffsetBits % (FL.NaturalAlignBytes * 8) != 0;
}

bool SimdAlignmentCheck::crossesLine(const FieldFacts &F, const FieldLayout &FL,
                                     const TargetLayout &L,
                                     uint64_t OffsetBits) const {
  uint64_t Bytes = OffsetBits / 8;
  return F.IsVector && L.Align >= L.CacheLineBytes &&
         FL.SizeBytes <= L.CacheLineBytes &&
         Bytes / L.CacheLineBytes !=
             (Bytes + FL.SizeBytes - 1) / L.CacheLineBytes;
}

std::vector<unsigned>
SimdAlignmentCheck::alignedOrder(const RecordFacts &R) const {
  RecordModels Modelled = RecordModels::create(R);
  if (Modelled.Layouts.size() != R.Layouts.size())
    return {};
  // The fields that need SIMD alignment first, most demanding first, as far
  // as the size allows; the others keep their order.
  OptimiserOptions Options;
  Options.AcceptSameSize = true;
  auto Demand = [&](unsigned I) {
    uint64_t Most = 0;
    for (const TargetLayout &L : R.Layouts)
      Most = std::max(Most, L.Fields[I].NaturalAlignBytes);
    return Most >= MinAlignBytes ? Most : 0;
  };
  Options.Preference.resize(R.Fields.size());
  std::iota(Options.Preference.begin(), Options.Preference.end(), 0);
  std::stable_sort(
      Options.Preference.begin(), Options.Preference.end(),
      [&](unsigned A, unsigned B) { return Demand(A) > Demand(B); });
  OptimisedOrder Order = Modelled.optimise(R, Options);
  if (!Order.Changed)
    return {};
  for (size_t T = 0; T < R.Layouts.size(); ++T) {
    const TargetLayout &L = R.Layouts[T];
    auto Placed = Modelled.Models[T].placeFields(Order.FieldOrder);
    if (!Placed || Placed->SizeBytes > L.Size)
      return {};
    for (unsigned I = 0; I < R.Fields.size(); ++I) {
      uint64_t At = Placed->FieldOffsetsBits[I];
      if (!R.Fields[I].IsBitField &&
          (misaligned(L.Fields[I], At) ||
           crossesLine(R.Fields[I], L.Fields[I], L, At)))
        return {};
    }
  }
  return Order.FieldOrder;
}

void SimdAlignmentCheck::offerOrder(const RecordFacts &R,
                                    const CheckContext &Context,
                                    std::vector<Finding> &Found) const {
  std::vector<unsigned> Order = alignedOrder(R);
  if (Order.empty())
    return;
  llvm::json::Array Items;
  std::string Text = orderText(R, Order, Items);
  bool Packed = R.IsPacked || R.HasPragmaPack;
  for (Finding &D : Found) {
    D.Notes.push_back(
        {R.Loc, "this order puts every vector field where its loads need it "
                "on every target, at no cost in size: " +
                    Text});
    llvm::json::Array Copy = Items;
    D.Details["aligned_order"] = std::move(Copy);
    D.NoFixReason = Packed ? "the record is packed, its layout deliberate: "
                             "reorder it by hand"
                           : "";
  }
  // One order and one fix for the record, on its first finding.
  Found.front().Order = Order;
  if (!Context.WantFixes)
    return;
  if (Packed) {
    Found.front().Notes.push_back(
        {R.Loc, "no automatic fix: " + Found.front().NoFixReason});
    return;
  }
  addReorderFix(R, Order, Context, Found.front());
}

void SimdAlignmentCheck::check(const RecordFacts &R,
                               const CheckContext &Context,
                               std::vector<Finding> &Out) const {
  std::vector<Finding> Fields;
  std::vector<Impact> Impacts;
  for (unsigned I = 0; I < R.Fields.size(); ++I) {
    const FieldFacts &F = R.Fields[I];
    if (F.IsBitField)
      continue;
    std::string Misaligned, Straddles;
    uint64_t Want = 0, Offset = 0, Line = 0;
    for (const TargetLayout &L : R.Layouts) {
      const FieldLayout &FL = L.Fields[I];
      if (misaligned(FL, FL.OffsetBits)) {
        Misaligned += (Misaligned.empty() ? "" : ", ") + L.Target;
        if (!Want) {
          Want = FL.NaturalAlignBytes;
          Offset = FL.OffsetBits / 8;
        }
      } else if (crossesLine(F, FL, L, FL.OffsetBits)) {
        Straddles += (Straddles.empty() ? "" : ", ") + L.Target;
        Line = L.CacheLineBytes;
      }
    }
    if (!Misaligned.empty()) {
      Finding D = finding(R, F.Loc);
      D.Subject = "misaligned:" + F.Name;
      D.Message =
          llvm::formatv("'{0}' ({1}) needs {2}-byte alignment for aligned "
                        "loads but sits at offset {3} on {4}",
                        F.Name, F.TypeName, Want, Offset, Misaligned)
              .str();
      std::string Cause = R.IsPacked        ? "the record is packed"
                          : R.HasPragmaPack ? "#pragma pack is in force"
                                            : "the record's packing";
      D.Notes.push_back(
          {F.Loc, Cause +
                      "; reading it with an aligned load faults or is "
                      "slow: use unaligned loads (_mm_loadu_*), or move "
                      "it to an offset that is a multiple of " +
                      std::to_string(Want)});
      D.NoFixReason = "the packing is deliberate: realign it by hand";
      D.Details["alignment"] = Want;
      D.Details["offset"] = Offset;
      Fields.push_back(std::move(D));
      Impacts.push_back(Impact::High);
    } else if (!Straddles.empty()) {
      Finding D = finding(R, F.Loc);
      D.Subject = "straddles:" + F.Name;
      D.Message = llvm::formatv("vector '{0}' ({1}) crosses a {2}-byte cache "
                                "line on {3}: each load touches two lines",
                                F.Name, F.TypeName, Line, Straddles)
                      .str();
      D.NoFixReason = "no order of its fields keeps it within a line";
      Fields.push_back(std::move(D));
      Impacts.push_back(Impact::Medium);
    }
  }
  if (!Fields.empty())
    offerOrder(R, Context, Fields);
  for (size_t K = 0; K < Fields.size(); ++K)
    report(std::move(Fields[K]), Impacts[K], Out);
  if (R.UnalignedAllocations.empty() || R.Layouts.empty())
    return;
  for (const RecordFacts::Allocation &A : R.UnalignedAllocations) {
    if (R.Layouts.front().Align <= A.GuaranteedAlign)
      continue;
    Finding D = finding(R, A.Loc);
    D.Subject = "allocation:" + A.How;
    D.Message = llvm::formatv("'{0}' needs {1}-byte alignment, but this "
                              "allocation ({2}) only guarantees the default",
                              R.Name, R.Layouts.front().Align, A.How)
                    .str();
    D.Notes.push_back(
        {R.Loc, R.IsCXX ? "use aligned new (C++17, -faligned-new), "
                          "std::aligned_alloc, or an aligned allocator"
                        : "use aligned_alloc or posix_memalign"});
    D.Details["alignment"] = R.Layouts.front().Align;
    report(std::move(D), Impact::High, Out);
  }
}

} // namespace structlayout
