//===- HotColdCheck.cpp - layout-hot-cold ---------------------------------===//
//
// What: a record whose hot fields (the fewest hottest that hold HotShare
// percent of its heat, from the access facts and, when given, a coverage
// profile) touch more cache lines than a hot-first order of the same size
// would, on some target. Says: the hot and the cold fields, the lines the
// hot ones span now and after, per target. Fix: that order, through the
// same safe rewriter as layout-padding. Note: a split of the cold part into
// a <Record>Cold struct when it is larger than SplitBytes (no fix).
//
//===----------------------------------------------------------------------===//

#include "HotColdCheck.h"

#include "Emitters.h"
#include "Heat.h"
#include "Lines.h"
#include "Reorder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace structlayout {

HotColdCheck::HotColdCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-hot-cold"),
      HotShare(Options.get("HotShare", DefaultHotSharePercent)),
      SplitBytes(Options.get("SplitBytes", 0)),
      MaxGrowBytes(Options.get("MaxGrowBytes", 0)),
      CacheLineBytes(Options.get("CacheLineBytes", 0)),
      MinLineSavingPercent(Options.get("MinLineSavingPercent", 20)),
      MinProfiledAccesses(Options.get("MinProfiledAccesses", 10000)),
      Tests(Options.getString("TestPaths", DefaultTestPaths)) {
  MinImpact = Options.getImpact("MinSeverity", Impact::Low);
}

void HotColdCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".HotShare"] = std::to_string(HotShare);
  Out[Name + ".SplitBytes"] = std::to_string(SplitBytes);
  Out[Name + ".MaxGrowBytes"] = std::to_string(MaxGrowBytes);
  Out[Name + ".CacheLineBytes"] = std::to_string(CacheLineBytes);
  Out[Name + ".MinLineSavingPercent"] = std::to_string(MinLineSavingPercent);
  Out[Name + ".MinProfiledAccesses"] = std::to_string(MinProfiledAccesses);
  Out[Name + ".TestPaths"] = Tests.text();
  Out[Name + ".MinSeverity"] = toString(MinImpact);
}

namespace {

/// Static heat below which no field is hot: less than one loop of unknown
/// bounds runs it.
constexpr double MinHotHeat = 10;

/// The byte ranges the hot fields take, for fields at \p OffsetsBits.
std::vector<std::pair<uint64_t, uint64_t>>
hotRanges(const RecordFacts &R, const TargetLayout &L,
          const std::vector<uint64_t> &OffsetsBits,
          const std::vector<bool> &Hot) {
  std::vector<std::pair<uint64_t, uint64_t>> Ranges;
  for (size_t I = 0; I < R.Fields.size(); ++I) {
    if (!Hot[I])
      continue;
    uint64_t Begin = OffsetsBits[I] / 8;
    uint64_t Bytes = R.Fields[I].IsBitField
                         ? (OffsetsBits[I] % 8 + R.Fields[I].BitWidth + 7) / 8
                         : std::max<uint64_t>(L.Fields[I].SizeBytes, 1);
    Ranges.push_back({Begin, Begin + Bytes});
  }
  return Ranges;
}

std::string names(const RecordFacts &R, const std::vector<bool> &Pick,
                  bool Want, size_t Max = 8) {
  std::vector<std::string> Out;
  size_t Total = 0;
  for (size_t I = 0; I < R.Fields.size(); ++I)
    if (Pick[I] == Want && ++Total <= Max)
      Out.push_back(fieldLabel(R.Fields[I]));
  std::string Text = llvm::join(Out, ", ");
  if (Total > Max)
    Text += llvm::formatv(" and {0} more", Total - Max).str();
  return Text;
}

/// The function whose accesses weigh most, for the note on a hot field.
std::string hottestFunction(const FieldFacts &F,
                            const CoverageProfile *Profile) {
  std::map<std::string, double> ByFunction;
  for (const FieldAccess &A : F.Accesses)
    ByFunction[A.Function] += accessWeight(A, Profile);
  std::string Best;
  double Most = -1;
  for (const auto &[Fn, W] : ByFunction)
    if (W > Most) {
      Most = W;
      Best = Fn;
    }
  return Best;
}

} // namespace

void HotColdCheck::check(const RecordFacts &R, const CheckContext &Context,
                         std::vector<Finding> &Out) const {
  if (R.Kind == RecordKind::Union || R.Fields.size() < 2 ||
      inTestCode(R, Tests, Context.SourceRoot))
    return;
  RecordHeat Heat = recordHeat(R, Context.Profile, Tests, Context.SourceRoot);
  // With a profile, a record touched a few hundred times is not worth it.
  if (!Heat.any() || (Heat.Profiled && Heat.Total < MinProfiledAccesses))
    return;
  // A line saved per object matters when there are many objects: without
  // a profile, singletons and per-context objects are left alone.
  ObjectPlacement Where = placementOf(R);
  if (!Heat.Profiled && !manyInstances(R))
    return;
  // Nor when no field is used in a loop that runs more than a few times:
  // set-up code walking a handful of modules is not a hot path.
  if (!Heat.Profiled &&
      *std::max_element(Heat.Fields.begin(), Heat.Fields.end()) < MinHotHeat)
    return;
  std::vector<bool> Hot = hotFields(Heat, HotShare);
  if (llvm::all_of(Hot, [](bool H) { return H; }))
    return; // Used whole: nothing to separate.
  RecordModels Modelled = RecordModels::create(R);
  if (Modelled.empty() || Modelled.Layouts.size() != R.Layouts.size())
    return;

  auto LineOf = [&](const TargetLayout &L) {
    return CacheLineBytes ? CacheLineBytes : L.CacheLineBytes;
  };
  // Lines the hot fields touch now and with an order, per target.
  struct PerTarget {
    const TargetLayout *L;
    double Now, After; ///< Expected lines the hot fields touch per object.
    uint64_t NewSize;
    uint64_t Step; ///< Objects start at multiples of it, modulo the line.
  };
  auto Measure = [&](const std::vector<unsigned> &Order,
                     std::vector<PerTarget> &Got) {
    Got.clear();
    for (size_t T = 0; T < Modelled.Layouts.size(); ++T) {
      const TargetLayout &L = *Modelled.Layouts[T];
      auto Placed = Modelled.Models[T].placeFields(Order);
      if (!Placed)
        return false;
      std::vector<uint64_t> Before;
      for (const FieldLayout &FL : L.Fields)
        Before.push_back(FL.OffsetBits);
      // The new size moves array elements' starts too.
      uint64_t StepNow = startStep(Where, L.Size, L.Align, LineOf(L));
      uint64_t StepAfter =
          startStep(Where, Placed->SizeBytes, L.Align, LineOf(L));
      Got.push_back(
          {&L, expectedLines(hotRanges(R, L, Before, Hot), StepNow, LineOf(L)),
           expectedLines(hotRanges(R, L, Placed->FieldOffsetsBits, Hot),
                         StepAfter, LineOf(L)),
           Placed->SizeBytes, StepNow});
    }
    return true;
  };
  // Worth it: on a target where the record is larger than a line, the hot
  // fields touch MinLineSavingPercent fewer lines per object (a big table
  // among the hot fields makes 470 -> 469 lines, which is nothing); more
  // on none. A record within a line gains a fraction of one at most.
  auto Helps = [&](const std::vector<PerTarget> &Got) {
    bool Fewer = false;
    for (const PerTarget &P : Got) {
      if (P.After > P.Now + 1e-9)
        return false;
      Fewer |= P.L->Size > LineOf(*P.L) &&
               (P.Now - P.After) * 100 >= P.Now * MinLineSavingPercent;
    }
    return Fewer;
  };
  auto TotalLines = [](const std::vector<PerTarget> &Got) {
    double N = 0;
    for (const PerTarget &P : Got)
      N += P.After;
    return N;
  };

  // Hot first, by tiers of heat (an order of magnitude apart); within a
  // tier, fields used together (the same hottest function) next to each
  // other, in their order; the cold keep theirs. A second ranking puts the
  // most aligned hot fields first, which packs them tighter when sizes
  // differ. Each is made of least size by the optimiser; the one whose
  // hot fields touch the fewest lines wins.
  auto Tier = [&](unsigned I) {
    return Heat.Fields[I] > 0 ? int(std::floor(std::log10(Heat.Fields[I])))
                              : INT_MIN;
  };
  auto Align = [&](unsigned I) {
    uint64_t A = 0;
    for (const TargetLayout &L : R.Layouts)
      A = std::max(A, L.Fields[I].AlignBytes);
    return A;
  };
  // Clusters of fields used together, numbered by their first field.
  std::vector<unsigned> Cluster(R.Fields.size(), 0);
  std::map<std::string, unsigned> ClusterOf;
  for (unsigned I = 0; I < R.Fields.size(); ++I)
    if (Hot[I])
      Cluster[I] =
          ClusterOf
              .try_emplace(hottestFunction(R.Fields[I], Context.Profile),
                           ClusterOf.size())
              .first->second;
  std::vector<unsigned> ByTier(R.Fields.size());
  std::iota(ByTier.begin(), ByTier.end(), 0);
  std::stable_sort(ByTier.begin(), ByTier.end(), [&](unsigned A, unsigned B) {
    if (Hot[A] != Hot[B])
      return bool(Hot[A]);
    if (!Hot[A])
      return false;
    return std::make_pair(-Tier(A), Cluster[A]) <
           std::make_pair(-Tier(B), Cluster[B]);
  });
  std::vector<unsigned> ByAlign = ByTier;
  std::stable_sort(ByAlign.begin(), ByAlign.end(), [&](unsigned A, unsigned B) {
    if (Hot[A] != Hot[B])
      return bool(Hot[A]);
    return Hot[A] && Align(A) > Align(B);
  });
  std::vector<PerTarget> Targets, Trial;
  std::vector<unsigned> Order;
  for (const std::vector<unsigned> &Ranking : {ByTier, ByAlign}) {
    OptimiserOptions Options;
    Options.AcceptSameSize = true;
    Options.Preference = Ranking;
    OptimisedOrder Best = Modelled.optimise(R, Options);
    if (Best.Changed && Measure(Best.FieldOrder, Trial) && Helps(Trial) &&
        (Order.empty() || TotalLines(Trial) < TotalLines(Targets))) {
      Order = Best.FieldOrder;
      Targets = Trial;
    }
    // The ranking as it is, if the options let the record grow.
    if (Order.empty() && MaxGrowBytes && Measure(Ranking, Trial) &&
        Helps(Trial) && llvm::all_of(Trial, [&](const PerTarget &P) {
          return P.NewSize <= P.L->Size + MaxGrowBytes;
        })) {
      Order = Ranking;
      Targets = Trial;
    }
  }
  if (Order.empty())
    return;

  Finding F = finding(R, R.Loc);
  F.Subject = "hot-cold";
  std::string Spans;
  llvm::json::Array PerTargetJson;
  for (const PerTarget &P : Targets) {
    if (P.After < P.Now)
      Spans +=
          llvm::formatv("{0}{1} -> {2} on {3}", Spans.empty() ? "" : ", ",
                        formatLines(P.Now), formatLines(P.After), P.L->Target)
              .str();
    PerTargetJson.push_back(llvm::json::Object{{"target", P.L->Target},
                                               {"hot_lines", P.Now},
                                               {"hot_lines_after", P.After},
                                               {"start_step", P.Step},
                                               {"size", P.L->Size},
                                               {"size_after", P.NewSize}});
  }
  static const char *const Objects[] = {"element of an array", "heap object",
                                        "object"};
  F.Message = llvm::formatv("hot fields {0} of {1} '{2}' are spread over more "
                            "cache lines than they need, among cold fields; "
                            "hot first they touch fewer lines per {3}: {4}",
                            names(R, Hot, true), toString(R.Kind), R.Name,
                            Objects[unsigned(Where)], Spans)
                  .str();
  for (unsigned I : heatRanking(Heat)) {
    if (!Hot[I])
      continue;
    const FieldFacts &Field = R.Fields[I];
    F.Notes.push_back(
        {Field.Loc,
         llvm::formatv("{0} is hot: {1}% of the record's {2}heat, most in {3}",
                       fieldLabel(Field),
                       unsigned(Heat.Fields[I] * 100 / Heat.Total),
                       Heat.Profiled ? "profiled " : "estimated ",
                       hottestFunction(Field, Context.Profile))
             .str()});
  }
  F.Notes.push_back({R.Loc, "cold: " + names(R, Hot, false)});
  F.Notes.push_back(
      {R.Loc,
       llvm::formatv("expected lines per use: {0} starts at a multiple of "
                     "{1} bytes modulo the {2}-byte line on {3}, each as "
                     "likely",
                     Where == ObjectPlacement::ArrayElement
                         ? "an element of an array of it"
                     : Where == ObjectPlacement::Heap
                         ? "a heap object (malloc, new)"
                         : "a static or local object",
                     Targets.front().Step, LineOf(*Targets.front().L),
                     Targets.front().L->Target)
           .str()});
  llvm::json::Array OrderItems;
  F.Notes.push_back(
      {R.Loc, "suggested order, hot fields first as far as the size allows" +
                  std::string(Targets.front().NewSize > Targets.front().L->Size
                                  ? " (the record grows)"
                                  : ", no bigger than now") +
                  ": " + orderText(R, Order, OrderItems)});

  // A split when the cold part is large: its own struct, behind a pointer.
  uint64_t ColdBytes = 0;
  const TargetLayout &L0 = *Targets.front().L;
  for (size_t I = 0; I < R.Fields.size(); ++I)
    if (!Hot[I])
      ColdBytes += L0.Fields[I].SizeBytes;
  uint64_t Threshold = SplitBytes ? SplitBytes : LineOf(L0);
  if (ColdBytes > Threshold) {
    std::string Struct = "struct " + R.Name + "Cold";
    std::string Code = Struct + " {";
    for (size_t I = 0; I < R.Fields.size(); ++I)
      if (!Hot[I])
        Code += " " + fieldDeclaration(R.Fields[I]) + ";";
    Code += " };";
    F.Notes.push_back(
        {R.Loc,
         llvm::formatv("the cold fields take {0} bytes on {1}: consider moving "
                       "them out, `{2}` held by `{3} *cold;` in '{4}' (or a "
                       "parallel array of them), so each object's hot part "
                       "fits in fewer lines",
                       ColdBytes, L0.Target, Code, Struct, R.Name)
             .str()});
    F.Details["split_cold_bytes"] = ColdBytes;
  }

  llvm::json::Array HotItems, ColdItems, HeatItems;
  for (size_t I = 0; I < R.Fields.size(); ++I) {
    (Hot[I] ? HotItems : ColdItems).push_back(R.Fields[I].Name);
    HeatItems.push_back(Heat.Fields[I]);
  }
  F.Details["hot"] = std::move(HotItems);
  F.Details["cold"] = std::move(ColdItems);
  F.Details["heat"] = std::move(HeatItems);
  F.Details["profiled"] = Heat.Profiled;
  F.Details["targets"] = std::move(PerTargetJson);
  F.Details["suggested_order"] = std::move(OrderItems);
  F.Order = Order;
  if (Context.WantFixes)
    addReorderFix(R, Order, Context, F);
  report(std::move(F), Impact::Medium, Out);
}

} // namespace structlayout
