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
// No automatic fix: packing is deliberate (DESIGN.md section 4); the note
// says what would align it.
//
//===----------------------------------------------------------------------===//

#include "SimdAlignmentCheck.h"

#include "llvm/Support/FormatVariadic.h"

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

void SimdAlignmentCheck::check(const RecordFacts &R,
                               const CheckContext &Context,
                               std::vector<Finding> &Out) const {
  for (unsigned I = 0; I < R.Fields.size(); ++I) {
    const FieldFacts &F = R.Fields[I];
    if (F.IsBitField)
      continue;
    std::string Misaligned, Straddles;
    uint64_t Want = 0, Offset = 0, Line = 0;
    for (const TargetLayout &L : R.Layouts) {
      const FieldLayout &FL = L.Fields[I];
      uint64_t Natural = FL.NaturalAlignBytes;
      uint64_t Bytes = FL.OffsetBits / 8;
      if (Natural >= MinAlignBytes && FL.OffsetBits % (Natural * 8) != 0) {
        Misaligned += (Misaligned.empty() ? "" : ", ") + L.Target;
        if (!Want) {
          Want = Natural;
          Offset = Bytes;
        }
      } else if (F.IsVector && L.Align >= L.CacheLineBytes &&
                 FL.SizeBytes <= L.CacheLineBytes &&
                 Bytes / L.CacheLineBytes !=
                     (Bytes + FL.SizeBytes - 1) / L.CacheLineBytes) {
        Straddles += (Straddles.empty() ? "" : ", ") + L.Target;
        Line = L.CacheLineBytes;
      }
    }
    if (!Misaligned.empty()) {
      Finding D = finding(R, F.Loc);
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
      report(std::move(D), Impact::High, Out);
    } else if (!Straddles.empty()) {
      Finding D = finding(R, F.Loc);
      D.Message = llvm::formatv("vector '{0}' ({1}) crosses a {2}-byte cache "
                                "line on {3}: each load touches two lines",
                                F.Name, F.TypeName, Line, Straddles)
                      .str();
      report(std::move(D), Impact::Medium, Out);
    }
  }
  if (R.UnalignedAllocations.empty() || R.Layouts.empty())
    return;
  for (const RecordFacts::Allocation &A : R.UnalignedAllocations) {
    Finding D = finding(R, A.Loc);
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
  (void)Context;
}

} // namespace structlayout
