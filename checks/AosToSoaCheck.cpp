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
#include "Lines.h"
#include "Reorder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace structlayout {

AosToSoaCheck::AosToSoaCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-aos-to-soa"),
      MaxUsedPercent(Options.get("MaxUsedPercent", 33)),
      MinElementBytes(Options.get("MinElementBytes", 32)),
      HotLoopShare(Options.get("HotLoopShare", 10)),
      CacheLineBytes(Options.get("CacheLineBytes", 0)),
      MinProfiledAccesses(Options.get("MinProfiledAccesses", 10000)),
      Tests(Options.getString("TestPaths", DefaultTestPaths)) {
  MinImpact = Options.getImpact("MinSeverity", Impact::Low);
}

void AosToSoaCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".MaxUsedPercent"] = std::to_string(MaxUsedPercent);
  Out[Name + ".MinElementBytes"] = std::to_string(MinElementBytes);
  Out[Name + ".HotLoopShare"] = std::to_string(HotLoopShare);
  Out[Name + ".CacheLineBytes"] = std::to_string(CacheLineBytes);
  Out[Name + ".MinProfiledAccesses"] = std::to_string(MinProfiledAccesses);
  Out[Name + ".TestPaths"] = Tests.text();
  Out[Name + ".MinSeverity"] = toString(MinImpact);
}

/// Elements a pass is measured over when the loop does not say.
static constexpr uint64_t PassElements = 1000;
/// Fewer lines saved per pass than this is not worth a new data structure.
static constexpr uint64_t MinLinesSaved = 8;

void AosToSoaCheck::check(const RecordFacts &R, const CheckContext &Context,
                          std::vector<Finding> &Out) const {
  // One element per thread: as many as there are cores, not a bulk array.
  if (R.Kind == RecordKind::Union || R.Layouts.empty() || R.Fields.size() < 2 ||
      inTestCode(R, Tests, Context.SourceRoot) || !R.ThreadSlots.empty())
    return;
  RecordHeat Heat = recordHeat(R, Context.Profile, Tests, Context.SourceRoot);
  if (!Heat.any())
    return;

  // One iteration of each loop over elements: the fields it touches and
  // how often it runs.
  struct LoopUse {
    SourceLoc Loc;
    std::string Sequence;
    std::vector<bool> Touched;
    double Weight = 0;
    uint64_t Elements = 0; ///< Known from the loop's bounds or the array.
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
      if (A.TripCount && (!L.Elements || A.TripCount < L.Elements))
        L.Elements = A.TripCount;
    }

  for (const auto &[Key, L] : Loops) {
    if (L.Weight * 100 < Heat.Total * HotLoopShare ||
        (Heat.Profiled && L.Weight < MinProfiledAccesses))
      continue;
    // A loop that only takes pointers from the elements misses on what
    // they point to, not on the elements: a struct of arrays saves nothing.
    bool OnlyPointers = true;
    for (size_t I = 0; I < R.Fields.size(); ++I)
      if (L.Touched[I])
        OnlyPointers &=
            llvm::StringRef(R.Fields[I].TypeName).trim().ends_with("*");
    if (OnlyPointers)
      continue;
    // Bytes of each element the loop uses, per target.
    std::string PerTarget;
    const TargetLayout *First = nullptr;
    uint64_t FirstUsed = 0, LinesNow = 0, LinesSoa = 0, Line = 0;
    double FirstPerElement = 0;
    uint64_t FirstStep = 0;
    uint64_t Elements = L.Elements ? L.Elements : PassElements;
    llvm::json::Array Targets;
    for (const TargetLayout &T : R.Layouts) {
      uint64_t Used = 0, SoaLines = 0;
      uint64_t TLine = CacheLineBytes ? CacheLineBytes : T.CacheLineBytes;
      std::vector<std::pair<uint64_t, uint64_t>> Ranges;
      for (size_t I = 0; I < R.Fields.size(); ++I)
        if (L.Touched[I]) {
          uint64_t Bytes = R.Fields[I].IsBitField
                               ? (R.Fields[I].BitWidth + 7) / 8
                               : T.Fields[I].SizeBytes;
          Used += Bytes;
          SoaLines += (Elements * Bytes + TLine - 1) / TLine;
          Ranges.push_back(
              {T.Fields[I].OffsetBits / 8,
               T.Fields[I].OffsetBits / 8 + std::max<uint64_t>(Bytes, 1)});
        }
      if (T.Size < MinElementBytes || Used * 100 > T.Size * MaxUsedPercent)
        continue;
      // Lines a pass reads: the used fields of each element, over the
      // starts elements have (stride = the record's size), and never more
      // than the whole array.
      uint64_t Step =
          startStep(ObjectPlacement::ArrayElement, T.Size, T.Align, TLine);
      double PerElement = expectedLines(Ranges, Step, TLine);
      uint64_t AosLines =
          std::min<uint64_t>((Elements * T.Size + TLine - 1) / TLine,
                             uint64_t(std::ceil(Elements * PerElement)));
      // A short array (`keys[2]`) gains a few lines at most: nothing.
      if (AosLines < SoaLines + MinLinesSaved)
        continue;
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
        FirstPerElement = PerElement;
        FirstStep = Step;
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
                      Elements, LinesNow, Line, First->Target, LinesSoa)
            .str();
    F.Notes.push_back(
        {L.Loc,
         llvm::formatv("each element's used fields touch {0} lines on "
                       "average (elements start at multiples of {1} bytes "
                       "modulo the line); {2}",
                       formatLines(FirstPerElement), FirstStep,
                       L.Elements ? "the loop's bounds say how many elements"
                                  : "a pass is counted over 1000 elements")
             .str()});
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
