//===- AosToSoaCheck.cpp - layout-aos-to-soa ------------------------------===//
//
// What: a loop that goes through the elements of an array or container of a
// record (`a[i].x`, `v[i].x`, a range-for element, a pointer the loop
// steps) and touches at most MaxUsedPercent of each element's bytes, where
// the loop carries at least HotLoopShare percent of the record's heat and
// the element is at least MinElementBytes. Says: which loop, which fields,
// the bytes used per element out of its size, and the cache lines a pass
// over 1000 elements reads now and as a struct of arrays, per target. No
// fix: --export-soa writes the struct of arrays and its conversions.
//
//===----------------------------------------------------------------------===//

#include "AosToSoaCheck.h"

#include "Heat.h"
#include "Reorder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>
#include <tuple>

namespace structlayout {

AosToSoaCheck::AosToSoaCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-aos-to-soa"),
      MaxUsedPercent(Options.get("MaxUsedPercent", 33)),
      MinElementBytes(Options.get("MinElementBytes", 32)),
      HotLoopShare(Options.get("HotLoopShare", 10)),
      CacheLineBytes(Options.get("CacheLineBytes", 0)),
      MinProfiledAccesses(Options.get("MinProfiledAccesses", 10000)) {
  MinImpact = Options.getImpact("MinSeverity", Impact::Low);
}

void AosToSoaCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".MaxUsedPercent"] = std::to_string(MaxUsedPercent);
  Out[Name + ".MinElementBytes"] = std::to_string(MinElementBytes);
  Out[Name + ".HotLoopShare"] = std::to_string(HotLoopShare);
  Out[Name + ".CacheLineBytes"] = std::to_string(CacheLineBytes);
  Out[Name + ".MinProfiledAccesses"] = std::to_string(MinProfiledAccesses);
  Out[Name + ".MinSeverity"] = toString(MinImpact);
}

/// Elements a pass is measured over, in the message.
static constexpr uint64_t PassElements = 1000;

void AosToSoaCheck::check(const RecordFacts &R, const CheckContext &Context,
                          std::vector<Finding> &Out) const {
  if (R.Kind == RecordKind::Union || R.Layouts.empty() || R.Fields.size() < 2)
    return;
  RecordHeat Heat = recordHeat(R, Context.Profile);
  if (!Heat.any())
    return;

  // One iteration of each loop over elements: the fields it touches and
  // how often it runs.
  struct LoopUse {
    SourceLoc Loc;
    std::string Sequence;
    std::vector<bool> Touched;
    double Weight = 0;
  };
  std::map<std::tuple<std::string, unsigned, std::string>, LoopUse> Loops;
  for (size_t I = 0; I < R.Fields.size(); ++I)
    for (const FieldAccess &A : R.Fields[I].Accesses) {
      if (!A.ThroughElement || !A.LoopDepth)
        continue;
      LoopUse &L = Loops[{A.LoopLoc.File, A.LoopLoc.Offset, A.Sequence}];
      if (L.Touched.empty()) {
        L.Loc = A.LoopLoc;
        L.Sequence = A.Sequence;
        L.Touched.assign(R.Fields.size(), false);
      }
      L.Touched[I] = true;
      L.Weight += accessWeight(A, Context.Profile);
    }

  for (const auto &[Key, L] : Loops) {
    if (L.Weight * 100 < Heat.Total * HotLoopShare ||
        (Heat.Profiled && L.Weight < MinProfiledAccesses))
      continue;
    // Bytes of each element the loop uses, per target.
    std::string PerTarget;
    const TargetLayout *First = nullptr;
    uint64_t FirstUsed = 0, LinesNow = 0, LinesSoa = 0, Line = 0;
    llvm::json::Array Targets;
    for (const TargetLayout &T : R.Layouts) {
      uint64_t Used = 0, SoaLines = 0;
      uint64_t TLine = CacheLineBytes ? CacheLineBytes : T.CacheLineBytes;
      for (size_t I = 0; I < R.Fields.size(); ++I)
        if (L.Touched[I]) {
          uint64_t Bytes = R.Fields[I].IsBitField
                               ? (R.Fields[I].BitWidth + 7) / 8
                               : T.Fields[I].SizeBytes;
          Used += Bytes;
          SoaLines += (PassElements * Bytes + TLine - 1) / TLine;
        }
      if (T.Size < MinElementBytes || Used * 100 > T.Size * MaxUsedPercent)
        continue;
      uint64_t AosLines = (PassElements * T.Size + TLine - 1) / TLine;
      PerTarget +=
          llvm::formatv("{0}{1} of {2} bytes on {3}",
                        PerTarget.empty() ? "" : ", ", Used, T.Size, T.Target)
              .str();
      Targets.push_back(llvm::json::Object{{"target", T.Target},
                                           {"used_bytes", Used},
                                           {"element_bytes", T.Size},
                                           {"lines_now", AosLines},
                                           {"lines_soa", SoaLines}});
      if (!First) {
        First = &T;
        FirstUsed = Used;
        LinesNow = AosLines;
        LinesSoa = SoaLines;
        Line = TLine;
      }
    }
    if (!First)
      continue;
    std::vector<std::string> Fields;
    for (size_t I = 0; I < R.Fields.size(); ++I)
      if (L.Touched[I])
        Fields.push_back(fieldLabel(R.Fields[I]));
    Finding F = finding(R, L.Loc);
    F.Subject = "loop:" + llvm::join(Fields, ",");
    F.Message =
        llvm::formatv("this loop over '{0}' uses {1} of each '{2}': {3}; a "
                      "pass over {4} elements reads {5} {6}-byte cache lines "
                      "on {7}, {8} as a struct of arrays",
                      L.Sequence, llvm::join(Fields, ", "), R.Name, PerTarget,
                      PassElements, LinesNow, Line, First->Target, LinesSoa)
            .str();
    F.Notes.push_back(
        {R.Loc, llvm::formatv("'{0}' is {1} bytes on {2}; the loop uses {3}% "
                              "of each element",
                              R.Name, First->Size, First->Target,
                              FirstUsed * 100 / First->Size)
                    .str()});
    F.Notes.push_back(
        {R.Loc, "as a struct of arrays: one array per field this loop uses, "
                "the other fields together in one; --export-soa=DIR writes "
                "the type, conversions from and to the array of '" +
                    R.Name + "', and the loop rewritten"});
    F.NoFixReason = "a struct of arrays changes every use of the container";
    llvm::json::Array SoaFields;
    for (size_t I = 0; I < R.Fields.size(); ++I)
      if (L.Touched[I])
        SoaFields.push_back(R.Fields[I].Name);
    F.Details["soa_fields"] = std::move(SoaFields);
    F.Details["sequence"] = L.Sequence;
    F.Details["loop_weight"] = L.Weight;
    F.Details["targets"] = std::move(Targets);
    report(std::move(F), Impact::Medium, Out);
  }
}

} // namespace structlayout
